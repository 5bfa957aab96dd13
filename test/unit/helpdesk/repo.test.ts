/**
 * migrations/0009_helpdesk.sql and the feature's repository, run: its tables take what the feature
 * writes and refuse what it must not, the same event twice records once, a warning is claimed once
 * per key per 6 hours, and the scan over the 5-minute aggregates gives the early warning exactly
 * the windows the pure rule reads (checked against counting the tickets by hand). On both engines
 * (SQLite, and PostgreSQL where the run has a server).
 */
import { bucketMinute, EARLY_WARNING_RULE, scanEarlyWarnings, windowRanges } from '../../../src/features/helpdesk/early-warning';
import type { WatchKey } from '../../../src/features/helpdesk/matching';
import { HelpdeskRepo } from '../../../src/features/helpdesk/repo';
import type { Store } from '../../../src/core/store';
import type { Db } from '../../../src/store/database';
import type { PostgresSyncDatabase } from '../../../src/store/sql/postgres-sync';
import { sqlEngines } from '../../helpers/postgres';
import { useTestStore } from '../../helpers/test-store';

const NOW = new Date('2026-12-07T10:32:10Z');
const MIN = 60_000;

let db: Db | PostgresSyncDatabase;
let store: Store;
let repo: HelpdeskRepo;

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    ({ db, store } = testStore());
    repo = new HelpdeskRepo(db);
  });

  it('records the same event once, however often it comes', () => {
    const event = { desk: 'zendesk' as const, eventId: 'e1', ticketId: '5158', kind: 'created' as const, occurredAt: NOW.toISOString(), receivedAt: NOW.toISOString() };
    expect(repo.takeEvent(event)).toBe(true);
    expect(repo.takeEvent(event)).toBe(false);
    expect(repo.takeEvent({ ...event, eventId: 'e2' })).toBe(true);
    // The same event id on another desk is another event.
    expect(repo.takeEvent({ ...event, desk: 'gorgias' })).toBe(true);
  });

  it('refuses a desk it does not know and a score out of range', () => {
    const insert = db.prepare(`INSERT INTO helpdesk_tickets (desk, ticket_id, ticket_at, first_event_at, last_event_at, sentiment) VALUES (?, '1', ?, ?, ?, ?)`);
    const at = NOW.toISOString();
    expect(() => insert.run('zendesk', at, at, at, -2.5)).not.toThrow();
    expect(() => insert.run('helpscout', at, at, at, 0)).toThrow(/CHECK|check constraint/);
    expect(() => insert.run('gorgias', at, at, at, 9)).toThrow(/CHECK|check constraint/);
  });

  it('claims a warning once per key per 6 hours', () => {
    const at = (hours: number): string => new Date(NOW.getTime() + hours * 3600_000).toISOString();
    const since = (hours: number): string => new Date(NOW.getTime() + hours * 3600_000 - EARLY_WARNING_RULE.cooldownMs).toISOString();
    const claim = (hours: number, key: WatchKey = 'kw:refund'): number | undefined => repo.claimWarning({ key, warnedAt: at(hours), since: since(hours), lastHour: 80, median: 10, type: 'pr' });
    expect(claim(0)).toBeDefined();
    expect(claim(0)).toBeUndefined();
    expect(claim(5.9)).toBeUndefined();
    expect(claim(0, 'tag:vip')).toBeDefined();
    expect(claim(6.1)).toBeDefined();
    expect([...repo.lastWarnings(since(6.1))]).toEqual([['kw:refund', at(6.1)]]);
  });

  it('scans the last hour and the same hour of 7 days from the aggregates, as counting the tickets says', () => {
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
    store.transaction(() => {
      for (const t of tickets) repo.countKey(t.key, bucketMinute(t.at));
    });

    const rows = repo.scanWindows(windowRanges(NOW));
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
