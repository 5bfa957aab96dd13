/** The "Mark done" / "Reopen" button on a follow-up action message. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { CrisisError } from '../../../domain/errors';
import { buildActionMessage } from '../../views/action-message';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral } from '../reply';

export function toggleAction(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      const id = Number(action.value);
      const current = deps.services.deps.store.followUps.action(id);
      if (!current) throw new CrisisError('not_found', 'That action no longer exists.');
      const updated = deps.services.timeline.setActionDone(id, body.user.id, current.doneAt === null);
      const channelId = body.channel?.id;
      if (channelId && body.message?.ts) {
        const message = buildActionMessage(updated);
        await deps.api.call('chat.update', { channel: channelId, ts: body.message.ts, text: message.text, blocks: message.blocks });
      }
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'action_toggle', userId: body.user.id }));
    }
  };
}
