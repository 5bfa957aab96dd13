/** "Hand over" in a shift-break DM: opens the handover form for that crisis and role. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import { buildHandoverModal, parseShiftButtonValue } from './shift-views';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function openHandoverFromShift(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      const target = parseShiftButtonValue(action.value);
      const crisis = target ? deps.services.deps.store.crises.find(target.crisisId) : undefined;
      if (!target || !crisis) throw new CrisisError('not_found', 'That crisis no longer exists.');
      if (!isOpen(crisis)) throw new CrisisError('conflict', 'That crisis is resolved: there is nothing to hand over. Thank you, and rest.');
      await deps.api.call('views.open', { trigger_id: body.trigger_id, view: buildHandoverModal(crisis, target.role) });
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'shift_handover', userId: body.user.id }));
    }
  };
}
