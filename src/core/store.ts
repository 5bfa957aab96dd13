/**
 * The store: one database, its repositories, and transactions. Services take a Store and call
 * `store.transaction(() => …)` so a state change and its timeline row land together or not at all.
 *
 * The core's repositories (crises, who holds which role, the timeline, scheduled alerts, requests
 * already handled) are built here; each feature adds its own to `Repositories` by declaration
 * merging and builds them in its module (`repositories(db)`). The composition root
 * (src/app/store.ts) makes the one Store with all of them.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../store/database';
import { isPostgresSync, type PostgresSyncDatabase } from '../store/sql/postgres-sync';
import type { StoreDb } from '../store/store-db';
import { CrisesRepo } from './repos/crises-repo';
import { ProcessedRequestsRepo } from './repos/processed-requests-repo';
import { RolesRepo } from './repos/roles-repo';
import { ScheduledAlertsRepo } from './repos/scheduled-alerts-repo';
import { TimelineRepo } from './repos/timeline-repo';

/**
 * Every repository, by the name services reach it with (`store.crises`, `store.statements`, …).
 * The core's are here; a feature adds its own: `declare module '../../core/store' { interface
 * Repositories { statements: StatementsRepo } }`.
 */
export interface Repositories {
  crises: CrisesRepo;
  roles: RolesRepo;
  timeline: TimelineRepo;
  /** Scheduled alerts of every kind (deadline clocks, promises, shift breaks, …). */
  alerts: ScheduledAlertsRepo;
  processed: ProcessedRequestsRepo;
}

export function coreRepositories(db: StoreDb): Pick<Repositories, 'crises' | 'roles' | 'timeline' | 'alerts' | 'processed'> {
  return {
    crises: new CrisesRepo(db),
    roles: new RolesRepo(db),
    timeline: new TimelineRepo(db),
    alerts: new ScheduledAlertsRepo(db),
    processed: new ProcessedRequestsRepo(db),
  };
}

/** The database and its transactions, whatever repositories sit on it. */
export class StoreBase {
  private readonly changesStmt;
  private readonly dataVersionStmt;
  private dataVersion: string | undefined;
  private dataVersionReadAt = 0;
  private reads = 0;

  constructor(readonly db: Db | PostgresSyncDatabase) {
    const sqlite = isPostgresSync(db) ? undefined : db;
    this.changesStmt = sqlite?.prepare('SELECT total_changes()').pluck();
    this.dataVersionStmt = sqlite?.prepare('PRAGMA data_version').pluck();
  }

  /**
   * Changes whenever anything is written to the database: on SQLite at once for this connection's
   * writes (total_changes, which costs nothing to read), and within `otherWritesWithinMs` for
   * another program's (data_version, which opens a read of the file), so a read may be kept until
   * it changes. On PostgreSQL another replica's writes are invisible to this process, so the
   * version changes every time: nothing is kept, everything is read again.
   */
  version(otherWritesWithinMs = 1_000): string {
    if (!this.changesStmt || !this.dataVersionStmt) {
      this.reads += 1;
      return `read:${this.reads}`;
    }
    const now = performance.now();
    if (this.dataVersion === undefined || now - this.dataVersionReadAt >= otherWritesWithinMs) {
      this.dataVersion = String(this.dataVersionStmt.get());
      this.dataVersionReadAt = now;
    }
    return `${this.dataVersion}:${String(this.changesStmt.get())}`;
  }

  /**
   * SQLite: begun IMMEDIATE, so the write lock is taken first and a database another process holds
   * busy fails here (SQLITE_BUSY, after database.ts's short wait) before anything is read or
   * written, never halfway through. PostgreSQL: SERIALIZABLE, run again when another replica's
   * transaction raced it (postgres-sync.ts), so the read, checks and writes inside behave as if
   * no other replica ran meanwhile.
   */
  transaction<T>(fn: () => T): T {
    const db = this.db;
    return isPostgresSync(db) ? db.transaction(fn) : db.transaction(fn).immediate();
  }
}

/** What services are given: the database's transactions and every repository. */
export type Store = StoreBase & Repositories;
