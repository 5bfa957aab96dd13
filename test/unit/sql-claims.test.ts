/**
 * Claims with a lease (src/store/sql/claims.ts), the way every scheduled thing will be sent once
 * across replicas, on both engines: due rows are claimed oldest first and once, a lease that ran
 * out is taken over, a claimer that lost its lease cannot settle the row, and replicas claiming at
 * the same time (PostgreSQL: separate pools, FOR UPDATE SKIP LOCKED) never take the same row.
 * Also the dialect helpers, which must read the same on both engines.
 */
import type { SqlDatabase, SqlEngine } from '../../src/store/sql/client';
import { claimDue, finishClaim, leaseEnd, type ClaimTable } from '../../src/store/sql/claims';
import { epochSeconds, joinedText, jsonNumber, jsonText, secondsBetween } from '../../src/store/sql/dialect';
import { sqlEngines } from '../helpers/postgres';
import { idColumn, openTestSql, type TestSql } from '../helpers/sql-databases';

interface Job {
  id: number;
  due_at: string;
  lease_until: string | null;
  claimed_by: string | null;
}

const JOBS: ClaimTable = { table: 'jobs', key: 'id', due: 'due_at', leaseUntil: 'lease_until', claimedBy: 'claimed_by', pending: "state = 'pending'" };
const T0 = new Date('2026-12-07T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const SEND = "state = 'sent', sent_at = @at, lease_until = NULL";

describe.each(sqlEngines())('claims on %s', (engine: SqlEngine) => {
  let sql: TestSql;
  let db: SqlDatabase;

  beforeAll(async () => {
    sql = await openTestSql(engine);
    db = sql.db;
    await db.exec(`CREATE TABLE jobs (id ${idColumn(engine)}, due_at TEXT NOT NULL, lease_until TEXT, claimed_by TEXT,
      state TEXT NOT NULL DEFAULT 'pending', sent_at TEXT, data_json TEXT NOT NULL DEFAULT '{}')`);
  });
  afterAll(async () => {
    await sql.close();
  });
  beforeEach(async () => {
    await db.run('DELETE FROM jobs');
  });

  const addJob = async (dueSeconds: number, state = 'pending'): Promise<number> =>
    (await db.get<{ id: number }>('INSERT INTO jobs (due_at, state) VALUES (?, ?) RETURNING id', [at(dueSeconds).toISOString(), state]))?.id ?? 0;

  it('claims what is due and pending, oldest first, up to the limit, and nothing twice', async () => {
    const late = await addJob(-10);
    const early = await addJob(-60);
    const now = await addJob(0);
    await addJob(30); // not yet due
    await addJob(-120, 'sent');
    const first = await claimDue<Job>(db, JOBS, { now: T0, leaseMs: 60_000, limit: 2, claimer: 'replica-a' });
    expect(first.map((j) => j.id).sort((a, b) => a - b)).toEqual([early, late].sort((a, b) => a - b));
    expect(first.every((j) => j.lease_until === leaseEnd(T0, 60_000) && j.claimed_by === 'replica-a')).toBe(true);
    const second = await claimDue<Job>(db, JOBS, { now: T0, leaseMs: 60_000, limit: 10, claimer: 'replica-b' });
    expect(second.map((j) => j.id)).toEqual([now]);
    expect(await claimDue<Job>(db, JOBS, { now: at(1), leaseMs: 60_000, limit: 10, claimer: 'replica-b' })).toEqual([]);
  });

  it('gives a row whose lease ran out (its claimer died) to the next claimer; the first can no longer settle it', async () => {
    const id = await addJob(-5);
    const [mine] = await claimDue<Job>(db, JOBS, { now: T0, leaseMs: 60_000, limit: 1, claimer: 'replica-a' });
    expect(await claimDue(db, JOBS, { now: at(59), leaseMs: 60_000, limit: 1, claimer: 'replica-b' })).toEqual([]);
    const [taken] = await claimDue<Job>(db, JOBS, { now: at(60), leaseMs: 60_000, limit: 1, claimer: 'replica-b' });
    expect(taken?.id).toBe(id);
    expect(await finishClaim(db, JOBS, { key: id, leaseUntil: mine?.lease_until ?? '', claimer: 'replica-a' }, SEND, { at: at(61).toISOString() })).toBe(false);
    expect(await finishClaim(db, JOBS, { key: id, leaseUntil: taken?.lease_until ?? '', claimer: 'replica-b' }, SEND, { at: at(61).toISOString() })).toBe(true);
    expect(await db.get('SELECT state, sent_at, lease_until FROM jobs WHERE id = ?', [id])).toEqual({ state: 'sent', sent_at: at(61).toISOString(), lease_until: null });
    // Sent: never claimed again, however late.
    expect(await claimDue(db, JOBS, { now: at(3600), leaseMs: 60_000, limit: 10, claimer: 'replica-a' })).toEqual([]);
  });

  it('four replicas claiming at once send each of 60 due rows exactly once', async () => {
    for (let i = 0; i < 60; i += 1) await addJob(-i);
    const replicas = [db, sql.another(), sql.another(), sql.another()];
    const sent: number[] = [];
    const tick = async (on: SqlDatabase, name: string): Promise<void> => {
      for (;;) {
        const claimed = await claimDue<Job>(on, JOBS, { now: T0, leaseMs: 60_000, limit: 3, claimer: name });
        if (claimed.length === 0) return;
        for (const job of claimed) {
          if (await finishClaim(on, JOBS, { key: job.id, leaseUntil: job.lease_until ?? '', claimer: name }, SEND, { at: T0.toISOString() })) sent.push(job.id);
        }
      }
    };
    await Promise.all(replicas.map((on, i) => tick(on, `replica-${i}`)));
    expect(sent).toHaveLength(60);
    expect(new Set(sent).size).toBe(60);
    expect(await db.get("SELECT COUNT(*) AS n FROM jobs WHERE state = 'sent'")).toEqual({ n: 60 });
  });

  it('dialect helpers read the same: JSON values, seconds between ISO times, joined text', async () => {
    await db.run('INSERT INTO jobs (due_at, data_json) VALUES (?, ?)', ['2026-12-07T10:00:00.000Z', JSON.stringify({ due_at: '2026-12-07T10:15:30+01:00', n: 42, nested: { name: 'x' } })]);
    await db.run('INSERT INTO jobs (due_at, data_json) VALUES (?, ?)', ['2026-12-07T11:00:00.000Z', '{}']);
    const row = await db.get<Record<string, unknown>>(
      `SELECT ${jsonText(engine, 'data_json', ['nested', 'name'])} AS name, ${jsonNumber(engine, 'data_json', ['n'])} AS n,
        ${jsonText(engine, 'data_json', ['missing'])} AS missing,
        ${secondsBetween(engine, 'due_at', jsonText(engine, 'data_json', ['due_at']))} AS seconds,
        ${epochSeconds(engine, 'due_at')} AS epoch
       FROM jobs WHERE data_json <> '{}'`,
    );
    expect(row).toMatchObject({ name: 'x', n: 42, missing: null });
    expect(row?.seconds as number).toBeCloseTo(3600 - 930, 3);
    expect(row?.epoch as number).toBeCloseTo(Date.parse('2026-12-07T10:00:00.000Z') / 1000, 2);
    expect(await db.get(`SELECT ${joinedText(engine, 'due_at', ', ')} AS joined FROM (SELECT due_at FROM jobs ORDER BY due_at) AS ordered`)).toEqual({
      joined: '2026-12-07T10:00:00.000Z, 2026-12-07T11:00:00.000Z',
    });
  });
});
