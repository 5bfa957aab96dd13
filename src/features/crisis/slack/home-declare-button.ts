/** "Declare a crisis" on the App Home: opens the declare form. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { buildDeclareModal } from './declare-modal';

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
