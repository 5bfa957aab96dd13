/**
 * Queries on timeline_events. Appends are idempotent per source_key. Data is checked against its
 * kind's schema on the way in; on the way out it is only decoded, and checked where it is used
 * (`dataOf`), so one bad row costs its reader one figure, not the whole timeline.
 */
import { z } from 'zod';
import { isTimelineKind, timelineSchema, type NewTimelineEvent, type TimelineEvent } from '../timeline';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  kind: z.string(),
  occurred_at: z.string(),
  recorded_at: z.string(),
  actor_id: z.string().nullable(),
  text: z.string(),
  data_json: z.string(),
  permalink: z.string().nullable(),
  hidden: z.number(),
});

/** The stored JSON object, or {} when it is not one (its kind's schema then refuses it where used). */
function decodeData(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toEvent(raw: unknown): TimelineEvent {
  const r = Row.parse(raw);
  const kind = r.kind;
  if (!isTimelineKind(kind)) throw new Error(`unknown timeline kind ${kind}`);
  const data = decodeData(r.data_json);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    kind,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    actorId: r.actor_id,
    text: r.text,
    data,
    permalink: r.permalink,
    hidden: r.hidden === 1,
  };
}

/** Built once: a zod schema costs far more to build than to use. */
const CountRow = z.object({ n: z.number() });

export class TimelineRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly bySourceStmt;
  private readonly correctStmt;
  private readonly latestVisibleStmt;
  private readonly countVisibleStmt;
  private readonly countKindStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO timeline_events
      (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json, source_key, permalink)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare('SELECT * FROM timeline_events WHERE crisis_id = ? ORDER BY occurred_at, id');
    this.byIdStmt = db.prepare('SELECT * FROM timeline_events WHERE id = ?');
    this.bySourceStmt = db.prepare('SELECT * FROM timeline_events WHERE crisis_id = ? AND source_key = ?');
    this.correctStmt = db.prepare('UPDATE timeline_events SET text = ?, occurred_at = ?, hidden = ? WHERE id = ?');
    // Walks the (crisis_id, occurred_at, id) index backwards and stops after `n` visible rows.
    this.latestVisibleStmt = db.prepare(`SELECT * FROM (
        SELECT * FROM timeline_events WHERE crisis_id = ? AND hidden = 0 ORDER BY occurred_at DESC, id DESC LIMIT ?
      ) AS latest ORDER BY occurred_at, id`);
    this.countVisibleStmt = db.prepare('SELECT COUNT(*) AS n FROM timeline_events WHERE crisis_id = ? AND hidden = 0');
    this.countKindStmt = db.prepare('SELECT COUNT(*) AS n FROM timeline_events WHERE crisis_id = ? AND kind = ?');
  }

  /** Appends an event; returns it, or undefined when its source_key was already recorded. */
  append(crisisId: number, event: NewTimelineEvent, recordedAt: string): TimelineEvent | undefined {
    const data = timelineSchema(event.kind).parse(event.data);
    const info = this.insertStmt.run(
      crisisId,
      event.kind,
      event.occurredAt,
      recordedAt,
      event.actorId,
      event.text ?? '',
      JSON.stringify(data),
      event.sourceKey ?? null,
      event.permalink ?? null,
    );
    if (info.changes === 0) return undefined;
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): TimelineEvent {
    const row = this.byIdStmt.get(id);
    if (row === undefined) throw new Error(`timeline event ${id} not found`);
    return toEvent(row);
  }

  find(id: number): TimelineEvent | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : toEvent(row);
  }

  bySource(crisisId: number, sourceKey: string): TimelineEvent | undefined {
    const row = this.bySourceStmt.get(crisisId, sourceKey);
    return row === undefined ? undefined : toEvent(row);
  }

  /** Every event of a crisis in the order things happened (hidden ones included; callers filter). */
  list(crisisId: number): TimelineEvent[] {
    return this.listStmt.all(crisisId).map(toEvent);
  }

  /** The last `n` visible events, in the order things happened. */
  latestVisible(crisisId: number, n: number): TimelineEvent[] {
    return this.latestVisibleStmt.all(crisisId, n).map(toEvent);
  }

  countVisible(crisisId: number): number {
    return CountRow.parse(this.countVisibleStmt.get(crisisId)).n;
  }

  /** Events of one kind, hidden ones included (what the tests of the reminder tick check). */
  count(crisisId: number, kind: string): number {
    return CountRow.parse(this.countKindStmt.get(crisisId, kind)).n;
  }

  /**
   * Sets the entry to its latest version. The database refuses this unless that version is already
   * in timeline_entry_versions (see TimelineCorrections).
   */
  correct(id: number, text: string, occurredAt: string, hidden: boolean): void {
    this.correctStmt.run(text, occurredAt, hidden ? 1 : 0, id);
  }
}
