/** The "Approve F<n>" button on an FAQ proposal: the same as `/crisis approve F<n>`. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { CrisisError } from '../../../core/errors';
import { okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

const FaqNumber = z.coerce.number().int().min(1);

export function approveFaqButton(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    const context = { action: 'faq_approve', userId: body.user.id };
    try {
      const number = FaqNumber.safeParse(action.value);
      const channelId = body.channel?.id;
      if (!number.success || !channelId) throw new CrisisError('bad_input', 'That button is not an FAQ answer any more. Use `/crisis approve F<n>` in the crisis channel.');
      const crisis = deps.services.crisisInChannel(channelId);
      const result = await deps.services.customer.faq.approve(crisis, body.user.id, number.data);
      await respondEphemeral(respond, okReply(result.message, result.warnings));
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, context)).catch((e: unknown) => deps.logger.warn('could not reply', { ...context, error: e }));
    }
  };
}
