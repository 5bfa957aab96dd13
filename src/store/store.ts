/**
 * The store: one database, its repositories, and transactions. Services take a Store and call
 * `store.transaction(() => …)` so a state change and its timeline row land together or not at all.
 */
import type { Db } from './database';
import { CrisesRepo } from './repos/crises-repo';
import { DeclareAttemptsRepo } from './repos/declare-attempts-repo';
import { DeadlinesRepo } from './repos/deadlines-repo';
import { FaqRepo } from './repos/faq-repo';
import { FollowUpRepo } from './repos/follow-up-repo';
import { ImpactRepo } from './repos/impact-repo';
import { HandoversRepo } from './repos/handovers-repo';
import { PeopleRepo } from './repos/people-repo';
import { ProcessedRequestsRepo } from './repos/processed-requests-repo';
import { RemediesRepo } from './repos/remedies-repo';
import { RemindersRepo } from './repos/reminders-repo';
import { ReportRepo } from './repos/report-repo';
import { RolesRepo } from './repos/roles-repo';
import { ScheduledAlertsRepo } from './repos/scheduled-alerts-repo';
import { StatementsRepo } from './repos/statements-repo';
import { TimelineRepo } from './repos/timeline-repo';
import { TimelineVersionsRepo } from './repos/timeline-versions-repo';
import { VolumeRepo } from './repos/volume-repo';

export class Store {
  readonly crises: CrisesRepo;
  readonly roles: RolesRepo;
  readonly timeline: TimelineRepo;
  /** Every version of a corrected timeline entry, the original first. */
  readonly timelineVersions: TimelineVersionsRepo;
  readonly reminders: RemindersRepo;
  readonly followUps: FollowUpRepo;
  readonly processed: ProcessedRequestsRepo;
  readonly deadlines: DeadlinesRepo;
  readonly alerts: ScheduledAlertsRepo;
  // The customer side: impact history, volume, remedies, the FAQ.
  readonly impact: ImpactRepo;
  readonly volume: VolumeRepo;
  readonly remedies: RemediesRepo;
  readonly faq: FaqRepo;
  readonly statements: StatementsRepo;
  readonly handovers: HandoversRepo;
  readonly people: PeopleRepo;
  readonly reports: ReportRepo;
  /** Each declare's progress, so one cut short is finished or undone (0006_declare_attempts.sql). */
  readonly declares: DeclareAttemptsRepo;

  constructor(readonly db: Db) {
    this.crises = new CrisesRepo(db);
    this.roles = new RolesRepo(db);
    this.timeline = new TimelineRepo(db);
    this.timelineVersions = new TimelineVersionsRepo(db);
    this.reminders = new RemindersRepo(db);
    this.followUps = new FollowUpRepo(db);
    this.processed = new ProcessedRequestsRepo(db);
    this.deadlines = new DeadlinesRepo(db);
    this.alerts = new ScheduledAlertsRepo(db);
    this.impact = new ImpactRepo(db);
    this.volume = new VolumeRepo(db);
    this.remedies = new RemediesRepo(db);
    this.faq = new FaqRepo(db);
    this.statements = new StatementsRepo(db);
    this.handovers = new HandoversRepo(db);
    this.people = new PeopleRepo(db);
    this.reports = new ReportRepo(db);
    this.declares = new DeclareAttemptsRepo(db);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
