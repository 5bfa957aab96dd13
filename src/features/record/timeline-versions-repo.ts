/**
 * Queries on timeline_entry_versions: every version of a corrected timeline entry. Rows are only
 * ever added (the database refuses an UPDATE or DELETE, see migrations); the entry's row in
 * timeline_events follows its latest version, written in the same transaction.
 */
import { z } from 'zod';
import type { TimelineEntryVersion } from './timeline-versions';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  crisis_id: z.number(),
  entry_id: z.number(),
  version: z.number(),
  text: z.string(),
  occurred_at: z.string(),
  hidden: z.number(),
  author_id: z.string().nullable(),
  written_at: z.string(),
});

function toVersion(raw: unknown): TimelineEntryVersion {
  const r = Row.parse(raw);
  return {
    crisisId: r.crisis_id,
    entryId: r.entry_id,
    version: r.version,
    text: r.text,
    occurredAt: r.occurred_at,
    hidden: r.hidden === 1,
    authorId: r.author_id,
    writtenAt: r.written_at,
  };
}

export class TimelineVersionsRepo {
  private readonly insertStmt;
  private readonly ofEntryStmt;
  private readonly ofCrisisStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO timeline_entry_versions
      (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.ofEntryStmt = db.prepare('SELECT * FROM timeline_entry_versions WHERE entry_id = ? ORDER BY version');
    this.ofCrisisStmt = db.prepare('SELECT * FROM timeline_entry_versions WHERE crisis_id = ? ORDER BY entry_id, version');
  }

  insert(v: TimelineEntryVersion): void {
    this.insertStmt.run(v.crisisId, v.entryId, v.version, v.text, v.occurredAt, v.hidden ? 1 : 0, v.authorId, v.writtenAt);
  }

  /** Every version of one entry, the original first; empty when it was never corrected. */
  ofEntry(entryId: number): TimelineEntryVersion[] {
    return this.ofEntryStmt.all(entryId).map(toVersion);
  }

  /** Every version of every corrected entry of a crisis, by entry then version. */
  ofCrisis(crisisId: number): TimelineEntryVersion[] {
    return this.ofCrisisStmt.all(crisisId).map(toVersion);
  }
}
