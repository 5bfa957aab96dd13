/** The "Assign roles" buttons (on the card and on a nudge): open the roles form. */
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';

import type { ListenerDeps } from '../../../slack/listeners/deps';
import { openFor, type ButtonArgs } from '../../../slack/listeners/open-form';
import { buildRolesModal } from './roles-modal';

export function openRolesModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    openFor(args, deps, (channelId) => {
      const crisis = deps.services.crisisInChannel(channelId);
      if (!isOpen(crisis)) throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` before changing roles.');
      return buildRolesModal(crisis, deps.services.snapshot(crisis).holders);
    });
}
