/**
 * schema.draft.sql, run: its tables take what the feature writes, the same event twice records
 * once, and its scan query over the 5-minute aggregates gives the early warning exactly the
 * windows the pure rule reads (checked against counting the tickets by hand).
 */
import Database from 'better-sqlite3';
import { bucketMinute, EARLY_WARNING_RULE, type KeyWindowCount, scanEarlyWarnings } from '../../../src/features/helpdesk/early-warning';
import { readDraftSql } from '../../../src/features/helpdesk/draft-sql';
import type { WatchKey } from '../../../src/features/helpdesk/matching';

const draft = readDraftSql();

function openDraft(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE crises (id INTEGER PRIMARY KEY)');
  db.exec(draft.ddl);
  return db;
}

const NOW = new Date('2026-12-07T10:32:10Z');
const MIN = 60_000;

describe('schema.draft.sql', () => {
  it('has the named queries the DESIGN speaks of, and they prepare', () => {
    const db = openDraft();
    expect(Object.keys(draft.queries).sort()).toEqual(['claimWarning', 'countKey', 'lastHourShare', 'lastWarnings', 'periodCounts', 'scanWindows']);
    for (const sql of Object.values(draft.queries)) expect(() => db.prepare(sql)).not.toThrow();
  });

  it('records the same event once, however often it comes', () => {
    const db = openDraft();
    const insert = db.prepare(`INSERT INTO helpdesk_events (desk, event_id, ticket_id, kind, occurred_at, received_at)
      VALUES ('zendesk', @id, '5158', 'created', @at, @at) ON CONFLICT DO NOTHING`);
    expect(insert.run({ id: 'e1', at: NOW.toISOString() }).changes).toBe(1);
    expect(insert.run({ id: 'e1', at: NOW.toISOString() }).changes).toBe(0);
    expect(insert.run({ id: 'e2', at: NOW.toISOString() }).changes).toBe(1);
  });

  it('refuses a desk it does not know and a score out of range', () => {
    const db = openDraft();
    const insert = db.prepare(`INSERT INTO helpdesk_tickets (desk, ticket_id, ticket_at, first_event_at, last_event_at, sentiment) VALUES (?, '1', ?, ?, ?, ?)`);
    const at = NOW.toISOString();
    expect(() => insert.run('zendesk', at, at, at, -2.5)).not.toThrow();
    expect(() => insert.run('helpscout', at, at, at, 0)).toThrow(/CHECK/);
    expect(() => insert.run('gorgias', at, at, at, 9)).toThrow(/CHECK/);
  });

  it('claims a warning once per key per 6 hours', () => {
    const db = openDraft();
    const claim = db.prepare(draft.queries.claimWarning ?? '');
    const at = (hours: number): string => new Date(NOW.getTime() + hours * 3600_000).toISOString();
    const since = (hours: number): string => new Date(NOW.getTime() + hours * 3600_000 - EARLY_WARNING_RULE.cooldownMs).toISOString();
    const args = (hours: number): Record<string, unknown> => ({ key: 'kw:refund', warnedAt: at(hours), since: since(hours), lastHour: 80, median: 10, type: 'pr' });
    expect(claim.run(args(0)).changes).toBe(1);
    expect(claim.run(args(0)).changes).toBe(0);
    expect(claim.run(args(5.9)).changes).toBe(0);
    expect(claim.run({ ...args(0), key: 'tag:vip' }).changes).toBe(1);
    expect(claim.run(args(6.1)).changes).toBe(1);
    const last = db.prepare(draft.queries.lastWarnings ?? '').all({ since: since(6.1) }) as Array<{ key: string; warned_at: string }>;
    expect(last).toEqual([{ key: 'kw:refund', warned_at: at(6.1) }]);
  });

  it("scans the last hour and the same hour of 7 days from the aggregates, as counting the tickets says", () => {
    const db = openDraft();
    const count = db.prepare(draft.queries.countKey ?? '');
    // Tickets spread over 8 days on three keys, plus a storm in the last hour on one.
    const tickets: Array<{ key: WatchKey; at: number }> = [];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 3000; i += 1) {
      const key: WatchKey = (['tag:refund', 'kw:charged twice', 'tag:vip'] as const)[i % 3] ?? 'tag:refund';
      tickets.push({ key, at: NOW.getTime() - Math.floor(random() * 8 * 24 * 60) * MIN });
    }
    for (let i = 0; i < 60; i += 1) tickets.push({ key: 'kw:charged twice', at: NOW.getTime() - i * MIN });
    for (const t of tickets) count.run({ key: t.key, bucketMin: bucketMinute(t.at) });

    const rows = db.prepare(draft.queries.scanWindows ?? '').all({ now_min: bucketMinute(NOW.getTime()) }) as KeyWindowCount[];
    // By hand: a ticket is in day d's window when its bucket is among the 12 ending d days before the current one.
    const current = bucketMinute(NOW.getTime());
    const expected = new Map<string, number>();
    for (const t of tickets) {
      const b = bucketMinute(t.at);
      for (let d = 0; d <= 7; d += 1) {
        if (b > current - d * 1440 - 60 && b <= current - d * 1440) expected.set(`${t.key}|${d}`, (expected.get(`${t.key}|${d}`) ?? 0) + 1);
      }
    }
    expect(new Map(rows.map((r) => [`${r.key}|${r.day}`, r.count]))).toEqual(expected);

    const warnings = scanEarlyWarnings({ now: NOW, counts: rows, historyStart: new Date(NOW.getTime() - 30 * 24 * 3600_000).toISOString(), excluded: new Set(), lastWarnedAt: new Map() });
    expect(warnings.map((w) => w.key)).toEqual(['kw:charged twice']);
  });
});
