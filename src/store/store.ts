/**
 * The store: one database, its repositories, and transactions. Services take a Store and call
 * `store.transaction(() => …)` so a state change and its timeline row land together or not at all.
 */
import type { Db } from './database';
import { CrisesRepo } from './repos/crises-repo';
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
import { VolumeRepo } from './repos/volume-repo';

export class Store {
  readonly crises: CrisesRepo;
  readonly roles: RolesRepo;
  readonly timeline: TimelineRepo;
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

  private readonly changesStmt;
  private readonly dataVersionStmt;

  constructor(readonly db: Db) {
    this.changesStmt = db.prepare('SELECT total_changes()').pluck();
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.crises = new CrisesRepo(db);
    this.roles = new RolesRepo(db);
    this.timeline = new TimelineRepo(db);
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
  }

  /**
   * Begun IMMEDIATE: the write lock is taken first, so a database another process holds busy fails
   * here (SQLITE_BUSY, after database.ts's short wait) before anything is read or written, never
   * halfway through.
   */
  /**
   * Changes whenever anything is written to the database: by this connection (SQLite's
   * total_changes) or by another one (data_version), so a read may be kept until it changes.
   */
  version(): string {
    return `${String(this.dataVersionStmt.get())}:${String(this.changesStmt.get())}`;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
