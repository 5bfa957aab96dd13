/** Snoozing an update reminder from its buttons, without a modal. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { CrisisError } from '../../../core/errors';
import { context, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

export function snooze(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      // The service checks the length against SNOOZE_CHOICES_MINUTES.
      const minutes = Number(action.value);
      const channelId = body.channel?.id;
      if (!channelId) throw new CrisisError('not_crisis_channel', 'This button works only in a crisis channel.');
      const crisis = deps.services.crisisInChannel(channelId);
      const { nextDueAt: until } = await deps.services.updates.snooze(crisis, body.user.id, minutes);
      const text = `:zzz: Snoozed for ${minutes} min by <@${body.user.id}>; next reminder ${formatTime(until, deps.timeZone)}.`;
      if (body.message?.ts) {
        // Replace the buttons so nobody snoozes the same reminder twice; keep the reminder's words.
        const original = typeof body.message.text === 'string' ? body.message.text : 'Update reminder';
        const words = reminderBody(body.message.blocks) ?? original;
        // The snooze is already stored, so a failed edit is only logged, not reported as a failure.
        await deps.api
          .call('chat.update', { channel: channelId, ts: body.message.ts, text: original, blocks: [section(words, 'reminder_body'), context(text)] })
          .catch((err: unknown) => deps.logger.warn('could not mark the reminder as snoozed', { crisisId: crisis.id, error: err }));
      }
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'snooze', userId: body.user.id }));
    }
  };
}

/** The mrkdwn of the clicked reminder's body block, when the payload carries it. */
function reminderBody(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as unknown[]) {
    if (typeof block !== 'object' || block === null) continue;
    const { block_id: id, text } = block as { block_id?: unknown; text?: unknown };
    const words = typeof text === 'object' && text !== null ? (text as { text?: unknown }).text : undefined;
    if (id === 'reminder_body' && typeof words === 'string') return words;
  }
  return undefined;
}
