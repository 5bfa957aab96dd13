/**
 * The store: one database, its repositories, and transactions. Services take a Store and call
 * `store.transaction(() => …)` so a state change and its timeline row land together or not at all.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../store/database';
import { CrisesRepo } from './repos/crises-repo';
import { DeclareAttemptsRepo } from '../features/crisis/declare-attempts-repo';
import { DeadlinesRepo } from '../features/deadlines/deadlines-repo';
import { FaqRepo } from '../features/customer/faq-repo';
import { FollowUpRepo } from '../features/record/follow-up-repo';
import { ImpactRepo } from '../features/customer/impact-repo';
import { HandoversRepo } from '../features/roles/handovers-repo';
import { PeopleRepo } from '../features/people/people-repo';
import { ProcessedRequestsRepo } from './repos/processed-requests-repo';
import { PublishingRepo } from '../features/publishing/publishing-repo';
import { RemediesRepo } from '../features/customer/remedies-repo';
import { RemindersRepo } from '../features/updates/reminders-repo';
import { ReportRepo } from '../features/people/report-repo';
import { RolesRepo } from './repos/roles-repo';
import { ScheduledAlertsRepo } from './repos/scheduled-alerts-repo';
import { StatementsRepo } from '../features/statements/statements-repo';
import { TimelineRepo } from './repos/timeline-repo';
import { TimelineVersionsRepo } from '../features/record/timeline-versions-repo';
import { VolumeRepo } from '../features/customer/volume-repo';

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
  /** Public names, the status page's entries and the delivery outbox (0009_publishing.sql). */
  readonly publishing: PublishingRepo;

  private readonly changesStmt;
  private readonly dataVersionStmt;
  private dataVersion: string | undefined;
  private dataVersionReadAt = 0;

  constructor(readonly db: Db) {
    this.changesStmt = db.prepare('SELECT total_changes()').pluck();
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
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
    this.publishing = new PublishingRepo(db);
  }

  /**
   * Begun IMMEDIATE: the write lock is taken first, so a database another process holds busy fails
   * here (SQLITE_BUSY, after database.ts's short wait) before anything is read or written, never
   * halfway through.
   */
  /**
   * Changes whenever anything is written to the database: at once for this connection's writes
   * (SQLite's total_changes, which costs nothing to read), and within `otherWritesWithinMs` for
   * another program's (data_version, which opens a read of the file), so a read may be kept until
   * it changes.
   */
  version(otherWritesWithinMs = 1_000): string {
    const now = performance.now();
    if (this.dataVersion === undefined || now - this.dataVersionReadAt >= otherWritesWithinMs) {
      this.dataVersion = String(this.dataVersionStmt.get());
      this.dataVersionReadAt = now;
    }
    return `${this.dataVersion}:${String(this.changesStmt.get())}`;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
