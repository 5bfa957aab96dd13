/** Slack request ids already handled: a retried event or interaction is recognised and skipped. */
import type { StoreDb } from '../../store/store-db';

export class ProcessedRequestsRepo {
  private readonly insertStmt;
  private readonly pruneStmt;
  private readonly releaseStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO processed_requests (request_key, processed_at) VALUES (?, ?)');
    this.pruneStmt = db.prepare('DELETE FROM processed_requests WHERE processed_at < ?');
    this.releaseStmt = db.prepare('DELETE FROM processed_requests WHERE request_key = ?');
  }

  /** Records the key; false when it was already there (a retry). */
  firstTime(key: string, at: string): boolean {
    return this.insertStmt.run(key, at).changes === 1;
  }

  /** Gives a key back after the work failed, so a retry of the same request is handled. */
  release(key: string): void {
    this.releaseStmt.run(key);
  }

  /** Forgets keys older than `before`; Slack stops retrying within an hour. */
  prune(before: string): number {
    return this.pruneStmt.run(before).changes;
  }
}
