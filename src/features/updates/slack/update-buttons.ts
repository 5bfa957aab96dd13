/** The "Post update" buttons (on the card and on a reminder): open the update form. */
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { openFor, type ButtonArgs } from '../../../slack/listeners/open-form';
import { RESOLVED_NO_UPDATE, updateModalFor } from './update-modal';

export function openUpdateModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    openFor(args, deps, (channelId) => {
      const crisis = deps.services.crisisInChannel(channelId);
      if (!isOpen(crisis)) throw new CrisisError('conflict', RESOLVED_NO_UPDATE);
      return updateModalFor(deps, crisis);
    });
}
