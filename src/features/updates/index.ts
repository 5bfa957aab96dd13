/**
 * Updates and their reminders: posting an update, status, severity and cadence, and the update
 * clock that reminds, escalates and notices a missed update. Other features reach it through this file only.
 */
export { onTimeText, updatePunctuality } from './update-punctuality';
import type { FeatureModule } from '../../core/feature-module';
import type { CrisisSnapshot } from '../../core/ports';
import { ReminderService } from './reminder-service';
import { RemindersRepo } from './reminders-repo';
import { UpdateService } from './update-service';
import { UPDATE_TIMELINE } from './update-timeline';
import { updatesSlack } from './slack';

export type { ReminderMessage, UpdateMessage } from './update-ports';
export { ReminderService, REMINDER_LEASE_MINUTES } from './reminder-service';
export { RemindersRepo } from './reminders-repo';

declare module '../../core/store' {
  interface Repositories {
    /** The update clock of each crisis: the persisted schedule that survives restarts. */
    reminders: RemindersRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    updates: UpdateService;
    reminders: ReminderService;
  }
}

export const updatesFeature: FeatureModule = {
  id: 'updates',
  migrations: ['0001_init.sql', '0011_nudge_claims.sql'],
  repositories: (db) => ({ reminders: new RemindersRepo(db) }),
  timeline: UPDATE_TIMELINE,
  services: {
    updates: (deps) => new UpdateService(deps),
    reminders: (deps, _s, options) => new ReminderService(deps, options),
  },
  tickers: (s) => [{ name: 'reminders', order: 10, ticker: s.reminders }],
  snapshot: (deps, crisis) => ({ reminder: deps.store.reminders.get(crisis.id) }),
  openSnapshots: (deps, limit) =>
    new Map(deps.store.reminders.ofOpen(limit).map((r): [number, Partial<CrisisSnapshot>] => [r.crisisId, { reminder: r }])),
  slack: updatesSlack,
};
