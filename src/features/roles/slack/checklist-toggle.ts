/** Ticking a checklist item in a role holder's checklist DM. */
import type { BlockAction, CheckboxesAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { CrisisError } from '../../../core/errors';
import { parseChecklistValue } from './checklist-dm';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

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
      const { changed } = deps.services.checklists.tick(assignmentId, body.user.id, selected);
      if (changed > 0) await deps.services.checklists.refresh(assignmentId);
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'checklist', userId: body.user.id }));
    }
  };
}
