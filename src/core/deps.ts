/**
 * What every service is built from: the store, the clock, the notifier and a few settings.
 * Kept to a handful of named things so a service's needs stay visible. A feature with outside calls
 * of its own adds their port here by declaration merging (the customer side's `customer`).
 */
import type { Clock } from '../clock';
import type { PlaybookCatalog } from './playbook';
import type { Logger } from '../logger';
import type { Store } from './store';
import type { PeoplePorts } from './people-ports';
import type { Notifier } from './ports';

export interface ServiceSettings {
  timeZone: string;
  announceChannel: string | undefined;
  admins: readonly string[];
  botUserId?: string;
  /** CRISIS_SHIFT_HOURS: a holder is offered a break after this long in a role; unset or 0, never. */
  shiftHours?: number;
}

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  notifier: Notifier;
  settings: ServiceSettings;
  logger: Logger;
  /** The team's playbooks, loaded once at start-up. */
  playbooks: PlaybookCatalog;
  /** The people side's outside calls (shift DMs, the Home, the report); without them those steps are skipped. */
  people?: PeoplePorts;
}
