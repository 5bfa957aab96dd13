/** Playbooks' deadline clocks and drills. Other features reach it through this file only. */
export { startPlaybookClocks } from './deadline-service';
export { nextOpenClock } from './deadlines';
export type { DeadlineClock } from './deadlines';
export { deadlineLine, debriefDeadlines } from './debrief-deadlines';
export type { DeadlineOutcome, DebriefDeadline } from './debrief-deadlines';
export { nextDeadlineText } from './slack/deadline-views';
export { deadlinesSection } from './slack/debrief-deadlines-view';
import type { FeatureModule } from '../../core/feature-module';
import { deadlineAlertHandler } from './deadline-alerts';
import { DeadlineService } from './deadline-service';
import { DEADLINE_TIMELINE } from './deadline-timeline';
import { DeadlinesRepo } from './deadlines-repo';
import { deadlinesSlack } from './slack';

export type { DeadlineAlertMessage } from './deadline-ports';
export { DeadlineService } from './deadline-service';

declare module '../../core/store' {
  interface Repositories {
    deadlines: DeadlinesRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    deadlines: DeadlineService;
  }
}

export const deadlinesFeature: FeatureModule = {
  id: 'deadlines',
  migrations: ['0002_playbooks.sql'],
  repositories: (db) => ({ deadlines: new DeadlinesRepo(db) }),
  timeline: DEADLINE_TIMELINE,
  services: { deadlines: (deps) => new DeadlineService(deps) },
  alerts: (deps) => ({
    deadline_reminder: deadlineAlertHandler(deps, 'deadline_reminder'),
    deadline_missed: deadlineAlertHandler(deps, 'deadline_missed'),
  }),
  snapshot: (deps, crisis) => ({ nextDeadline: deps.store.deadlines.nextOpen(crisis.id) ?? null }),
  slack: deadlinesSlack,
};
