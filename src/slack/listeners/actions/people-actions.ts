/**
 * Buttons of the people side that open a form: "Declare a crisis" on the App Home (the declare
 * modal), and "Hand over" in a shift-break DM (the handover form for that crisis and role).
 */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import { buildDeclareModal } from '../../views/modals';
import { buildHandoverModal, parseShiftButtonValue } from '../../../features/roles/slack/shift-views';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral, tellUser } from '../reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function openDeclareFromHome(deps: ListenerDeps) {
  return async ({ body, ack }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      await deps.api.call('views.open', { trigger_id: body.trigger_id, view: buildDeclareModal(undefined, deps.services.playbooks.all()) });
    } catch (err) {
      // A Home tab has no response_url: the person hears it in a DM.
      await tellUser(deps, body.user.id, undefined, messageForError(err, deps, { action: 'home_declare', userId: body.user.id }));
    }
  };
}

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
