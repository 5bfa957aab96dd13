/**
 * The update modal as both its openers show it (`/crisis update`, and the Post update buttons on
 * the card and the reminder): "Next update in" starts at the crisis's cadence, or, when it has no
 * reminder state, at its severity's default.
 */
import type { ModalView } from '@slack/types';
import { DEFAULT_CADENCE_MINUTES } from '../../../core/cadence';
import type { Crisis } from '../../../core/crisis';

import type { ListenerDeps } from '../../../slack/listeners/deps';
import { buildUpdateModal } from './update-form-view';

export const RESOLVED_NO_UPDATE = 'This crisis is resolved. Use `/crisis reopen` if it has flared up again.';

export function updateModalFor(deps: ListenerDeps, crisis: Crisis): ModalView {
  const cadence = deps.services.snapshot(crisis).reminder?.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES[crisis.severity];
  return buildUpdateModal(crisis, cadence);
}
