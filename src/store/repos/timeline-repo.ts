/** Queries on timeline_events. Appends are idempotent per source_key. */
import { z } from 'zod';
import { isTimelineKind, TIMELINE_DATA, type NewTimelineEvent, type TimelineEvent } from '../../domain/timeline';
import type { Db } from '../database';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  kind: z.string().refine(isTimelineKind, 'unknown timeline kind'),
  occurred_at: z.string(),
  recorded_at: z.string(),
  actor_id: z.string().nullable(),
  text: z.string(),
  data_json: z.string(),
  permalink: z.string().nullable(),
  hidden: z.number(),
});

function toEvent(raw: unknown): TimelineEvent {
  const r = Row.parse(raw);
  const kind = r.kind;
  if (!isTimelineKind(kind)) throw new Error(`unknown timeline kind ${kind}`);
  const data = TIMELINE_DATA[kind].parse(JSON.parse(r.data_json)) as Record<string, unknown>;
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
  private readonly countStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO timeline_events
      (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json, source_key, permalink)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare('SELECT * FROM timeline_events WHERE crisis_id = ? ORDER BY occurred_at, id');
    this.byIdStmt = db.prepare('SELECT * FROM timeline_events WHERE id = ?');
    this.bySourceStmt = db.prepare('SELECT * FROM timeline_events WHERE crisis_id = ? AND source_key = ?');
    this.correctStmt = db.prepare('UPDATE timeline_events SET text = ?, occurred_at = ?, hidden = ? WHERE id = ?');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM timeline_events WHERE crisis_id = ? AND kind = ?');
  }

  /** Appends an event; returns it, or undefined when its source_key was already recorded. */
  append(crisisId: number, event: NewTimelineEvent, recordedAt: string): TimelineEvent | undefined {
    const data = TIMELINE_DATA[event.kind].parse(event.data);
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

  count(crisisId: number, kind: string): number {
    return CountRow.parse(this.countStmt.get(crisisId, kind)).n;
  }

  correct(id: number, text: string, occurredAt: string, hidden: boolean): void {
    this.correctStmt.run(text, occurredAt, hidden ? 1 : 0, id);
  }
}
