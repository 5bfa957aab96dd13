/**
 * The handover form. The checks that need no Slack call come back as field errors before the ack;
 * then the modal closes, the handover is done, and its outcome reaches the person ephemerally in
 * the crisis channel (or by DM when that fails).
 */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isCrisisError } from '../../../core/errors';
import { ROLES } from '../../../core/roles';
import { INPUTS } from '../../../slack/ids';
import { okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { fieldError, meta, selectedValue, textValue, userValue } from '../../../slack/listeners/views/submission';

export function handoverSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const crisis = deps.services.deps.store.crises.get(meta.crisis(view.private_metadata).crisisId);
    const values = view.state.values;
    const toUserId = userValue(values, INPUTS.handoverUser);
    const role = ROLES.find((r) => r === selectedValue(values, INPUTS.handoverRole));
    if (!toUserId) return fieldError(ack, INPUTS.handoverUser.block, 'Pick the person taking over.');
    if (!role) return fieldError(ack, INPUTS.handoverRole.block, 'Pick a role from the list.');
    const input = { toUserId, role, note: textValue(values, INPUTS.handoverNote) };
    try {
      deps.services.handover.check(crisis, body.user.id, input);
    } catch (err) {
      if (!isCrisisError(err)) throw err;
      return fieldError(ack, err.field === INPUTS.handoverNote.block ? INPUTS.handoverNote.block : INPUTS.handoverUser.block, err.message);
    }
    await ack();
    try {
      const result = await deps.services.handover.handOver(crisis, body.user.id, input);
      await tellUser(deps, body.user.id, crisis.channelId, okReply(result.message, result.warnings));
    } catch (err) {
      await tellUser(deps, body.user.id, crisis.channelId, messageForError(err, deps, { view: 'handover', crisisId: crisis.id }));
    }
  };
}
