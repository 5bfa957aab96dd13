/** The roles form's submission: the roster is checked before the ack (field errors keep the form open), then applied. */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isCrisisError } from '../../../core/errors';
import { okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { crisisOf, fieldError, rosterValue } from '../../../slack/listeners/views/submission';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction>;

export function rolesSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const crisis = crisisOf(deps, view.private_metadata);
    const roster = rosterValue(view.state.values);
    try {
      deps.services.roles.planRoster(crisis, body.user.id, roster);
    } catch (err) {
      if (isCrisisError(err) && err.field) return fieldError(ack, err.field, err.message);
      if (isCrisisError(err)) return fieldError(ack, 'role_lead', err.message);
      throw err;
    }
    await ack();
    try {
      const result = await deps.services.roles.applyRoster(crisis, body.user.id, roster);
      await tellUser(deps, body.user.id, crisis.channelId, okReply(result.message, result.warnings));
    } catch (err) {
      await tellUser(deps, body.user.id, crisis.channelId, messageForError(err, deps, { view: 'roles', crisisId: crisis.id }));
    }
  };
}
