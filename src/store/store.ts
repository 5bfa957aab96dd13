/**
 * The store: one database, its repositories, and transactions. Services take a Store and call
 * `store.transaction(() => …)` so a state change and its timeline row land together or not at all.
 */
import type { Db } from './database';
import { CrisesRepo } from './repos/crises-repo';
import { DeadlinesRepo } from './repos/deadlines-repo';
import { FollowUpRepo } from './repos/follow-up-repo';
import { HandoversRepo } from './repos/handovers-repo';
import { PeopleRepo } from './repos/people-repo';
import { ProcessedRequestsRepo } from './repos/processed-requests-repo';
import { RemindersRepo } from './repos/reminders-repo';
import { ReportRepo } from './repos/report-repo';
import { RolesRepo } from './repos/roles-repo';
import { ScheduledAlertsRepo } from './repos/scheduled-alerts-repo';
import { TimelineRepo } from './repos/timeline-repo';

export class Store {
  readonly crises: CrisesRepo;
  readonly roles: RolesRepo;
  readonly timeline: TimelineRepo;
  readonly reminders: RemindersRepo;
  readonly followUps: FollowUpRepo;
  readonly processed: ProcessedRequestsRepo;
  readonly deadlines: DeadlinesRepo;
  readonly alerts: ScheduledAlertsRepo;
  readonly handovers: HandoversRepo;
  readonly people: PeopleRepo;
  readonly reports: ReportRepo;

  constructor(readonly db: Db) {
    this.crises = new CrisesRepo(db);
    this.roles = new RolesRepo(db);
    this.timeline = new TimelineRepo(db);
    this.reminders = new RemindersRepo(db);
    this.followUps = new FollowUpRepo(db);
    this.processed = new ProcessedRequestsRepo(db);
    this.deadlines = new DeadlinesRepo(db);
    this.alerts = new ScheduledAlertsRepo(db);
    this.handovers = new HandoversRepo(db);
    this.people = new PeopleRepo(db);
    this.reports = new ReportRepo(db);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
