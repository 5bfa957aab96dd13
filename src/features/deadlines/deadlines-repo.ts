/** Queries on deadline clocks: their due times, restarts and when they were met. */
import { z } from 'zod';
import { badStoredRow } from '../../store/bad-rows';
import type { DeadlineClock, NextDeadline } from './deadlines';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  clock_id: z.string(),
  label: z.string(),
  source: z.enum(['playbook', 'manual']),
  due_after_minutes: z.number(),
  remind_before_json: z.string(),
  started_at: z.string(),
  due_at: z.string(),
  generation: z.number(),
  done_at: z.string().nullable(),
  done_by: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
});

const Minutes = z.array(z.number().int().positive());
const NextRow = z.object({ crisis_id: z.number(), clock_id: z.string(), label: z.string(), due_at: z.string() });
const CountRow = z.object({ n: z.number() });

function remindersOf(json: string): number[] {
  try {
    return Minutes.parse(JSON.parse(json));
  } catch (err) {
    // A bad stored list costs the clock its reminders, never the clock (it still fires when missed).
    badStoredRow('deadlines.remind_before', err);
    return [];
  }
}

function toClock(raw: unknown): DeadlineClock {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    clockId: r.clock_id,
    label: r.label,
    source: r.source,
    dueAfterMinutes: r.due_after_minutes,
    remindBeforeMinutes: remindersOf(r.remind_before_json),
    startedAt: r.started_at,
    dueAt: r.due_at,
    generation: r.generation,
    doneAt: r.done_at,
    doneBy: r.done_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** A clock as it is started: the crisis and the id are the insert's, and it runs, not yet done. */
export type NewClock = Omit<DeadlineClock, 'id' | 'crisisId' | 'generation' | 'doneAt' | 'doneBy'>;

export class DeadlinesRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly findStmt;
  private readonly byIdStmt;
  private readonly restartStmt;
  private readonly doneStmt;
  private readonly countManualStmt;
  private readonly nextOpenStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO deadlines
      (crisis_id, clock_id, label, source, due_after_minutes, remind_before_json, started_at, due_at, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.listStmt = db.prepare('SELECT * FROM deadlines WHERE crisis_id = ? ORDER BY due_at, id');
    this.findStmt = db.prepare('SELECT * FROM deadlines WHERE crisis_id = ? AND clock_id = ?');
    this.byIdStmt = db.prepare('SELECT * FROM deadlines WHERE id = ?');
    this.restartStmt = db.prepare('UPDATE deadlines SET started_at = ?, due_at = ?, generation = generation + 1 WHERE id = ? AND done_at IS NULL');
    this.doneStmt = db.prepare('UPDATE deadlines SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL');
    this.countManualStmt = db.prepare(`SELECT COUNT(*) AS n FROM deadlines WHERE crisis_id = ? AND source = 'manual'`);
    // The next open clock of each of the given crises, for the card and the list.
    this.nextOpenStmt = db.prepare(`SELECT crisis_id, clock_id, label, due_at FROM deadlines
      WHERE crisis_id = ? AND done_at IS NULL ORDER BY due_at, id LIMIT 1`);
  }

  insert(crisisId: number, clock: NewClock): DeadlineClock {
    const info = this.insertStmt.run(
      crisisId,
      clock.clockId,
      clock.label,
      clock.source,
      clock.dueAfterMinutes,
      JSON.stringify(clock.remindBeforeMinutes),
      clock.startedAt,
      clock.dueAt,
      clock.createdBy,
      clock.createdAt,
    );
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): DeadlineClock {
    const row = this.byIdStmt.get(id);
    if (row === undefined) throw new Error(`deadline ${id} not found`);
    return toClock(row);
  }

  /** A crisis's clocks, the soonest due first. */
  list(crisisId: number): DeadlineClock[] {
    return this.listStmt.all(crisisId).map(toClock);
  }

  find(crisisId: number, clockId: string): DeadlineClock | undefined {
    const row = this.findStmt.get(crisisId, clockId);
    return row === undefined ? undefined : toClock(row);
  }

  /** Moves an open clock's start and due time; false when it is done (or gone). */
  restart(id: number, startedAt: string, dueAt: string): boolean {
    return this.restartStmt.run(startedAt, dueAt, id).changes === 1;
  }

  /** Marks an open clock done; false when it already was. */
  markDone(id: number, at: string, by: string): boolean {
    return this.doneStmt.run(at, by, id).changes === 1;
  }

  /** The id the next clock added by hand gets: `d1`, `d2`, … */
  nextManualId(crisisId: number): string {
    return `d${CountRow.parse(this.countManualStmt.get(crisisId)).n + 1}`;
  }

  nextOpen(crisisId: number): NextDeadline | undefined {
    const row = this.nextOpenStmt.get(crisisId);
    if (row === undefined) return undefined;
    const r = NextRow.parse(row);
    return { clockId: r.clock_id, label: r.label, dueAt: r.due_at };
  }
}
