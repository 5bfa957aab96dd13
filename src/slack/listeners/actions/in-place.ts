/** Buttons and checkboxes handled without a modal: snooze a reminder, tick a checklist item. */
import type { BlockAction, ButtonAction, CheckboxesAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { CrisisError } from '../../../domain/errors';
import { context, section } from '../../views/blocks';
import { parseChecklistValue } from '../../views/checklist-dm';
import { formatTime } from '../../views/format';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral } from '../reply';

export function snooze(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      const minutes = Number(action.value);
      if (minutes !== 15 && minutes !== 30) throw new CrisisError('bad_input', 'Snooze for 15 or 30 minutes.');
      const channelId = body.channel?.id;
      if (!channelId) throw new CrisisError('not_crisis_channel', 'This button works only in a crisis channel.');
      const crisis = deps.services.crisisInChannel(channelId);
      deps.services.updates.snooze(crisis, body.user.id, minutes);
      const until = deps.services.snapshot(crisis).reminder?.nextDueAt;
      const text = `:zzz: Snoozed for ${minutes} min by <@${body.user.id}>${until ? `; next reminder ${formatTime(until, deps.timeZone)}` : ''}.`;
      if (body.message?.ts) {
        // Replace the buttons so nobody snoozes the same reminder twice.
        const original = typeof body.message.text === 'string' ? body.message.text : 'Update reminder';
        await deps.api.call('chat.update', { channel: channelId, ts: body.message.ts, text: original, blocks: [section(original), context(text)] });
      }
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'snooze', userId: body.user.id }));
    }
  };
}

export function toggleChecklist(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>>): Promise<void> => {
    await ack();
    try {
      const first = action.selected_options[0] ?? action.initial_options?.[0];
      const blockAssignment = /^checklist_(\d+)$/.exec(action.block_id)?.[1];
      const assignmentId = Number(blockAssignment ?? (first ? parseChecklistValue(first.value ?? '')?.assignmentId : NaN));
      if (!Number.isInteger(assignmentId)) throw new CrisisError('bad_input', 'That checklist could not be read.');
      const selected = action.selected_options
        .map((o) => parseChecklistValue(o.value ?? ''))
        .filter((v): v is { assignmentId: number; index: number } => v !== undefined && v.assignmentId === assignmentId)
        .map((v) => v.index);
      const { changed } = deps.services.roles.tickChecklist(assignmentId, body.user.id, selected);
      if (changed > 0) await deps.services.roles.refreshChecklist(assignmentId);
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'checklist', userId: body.user.id }));
    }
  };
}
