/**
 * The early warning's rule: the last hour against the median of the same hour over the previous 7
 * days, at least 4× and at least 20; a silent history counts as 1; not in the bot's first days;
 * never for what an open crisis counts; once per key per 6 hours.
 */
import { bucketMinute, commonKeywords, EARLY_WARNING_RULE, evaluateKey, type KeyWindowCount, knownHistoryDays, mayWarnAgain, scanEarlyWarnings, windowRanges } from '../../../src/features/helpdesk/early-warning';
import type { WatchKey } from '../../../src/features/helpdesk/matching';

const NOW = new Date('2026-12-07T10:32:10Z');
const DAY = 24 * 60 * 60_000;
const LONG_AGO = new Date(NOW.getTime() - 30 * DAY).toISOString();

function rows(key: WatchKey, lastHour: number, history: number[]): KeyWindowCount[] {
  return [{ key, day: 0, count: lastHour }, ...history.map((count, i) => ({ key, day: i + 1, count }))];
}

describe('the rule for one key', () => {
  it('fires at 4 × the median and at least 20', () => {
    expect(evaluateKey(20, [5, 5, 4, 6, 5, 5, 5])).toMatchObject({ fires: true, lastHour: 20, median: 5, baseline: 5 });
    expect(evaluateKey(39, [10, 10, 10, 10, 10, 10, 10])).toMatchObject({ fires: false, why: 'below_ratio' });
    expect(evaluateKey(40, [10, 10, 10, 10, 10, 10, 10])).toMatchObject({ fires: true });
    expect(evaluateKey(19, [0, 0, 0, 0, 0, 0, 0])).toMatchObject({ fires: false, why: 'below_min' });
  });

  it('a median of 0 is taken as 1: a silent key fires once it reaches the minimum', () => {
    expect(evaluateKey(20, [0, 0, 0, 0, 1, 0, 0])).toMatchObject({ fires: true, median: 0, baseline: 1 });
    expect(evaluateKey(3, [0, 0, 0], { ...EARLY_WARNING_RULE, min: 1 })).toMatchObject({ fires: false, why: 'below_ratio' });
    expect(evaluateKey(4, [0, 0, 0], { ...EARLY_WARNING_RULE, min: 1 })).toMatchObject({ fires: true });
  });

  it('needs 3 days of history', () => {
    expect(evaluateKey(500, [1, 1])).toMatchObject({ fires: false, why: 'too_little_history' });
    expect(evaluateKey(500, [1, 1, 1])).toMatchObject({ fires: true });
  });
});

describe('the windows read', () => {
  it('the 12 five-minute buckets up to now, and the same 12 on each of the 7 days before', () => {
    const current = bucketMinute(NOW.getTime());
    expect(current % 5).toBe(0);
    expect(current * 60_000).toBe(Date.parse('2026-12-07T10:30:00Z'));
    const ranges = windowRanges(NOW);
    expect(ranges).toHaveLength(8);
    expect(ranges[0]).toEqual({ day: 0, fromMinute: current - 60, toMinute: current });
    expect(ranges[7]).toEqual({ day: 7, fromMinute: current - 7 * 1440 - 60, toMinute: current - 7 * 1440 });
  });

  it('history starts with the first ticket the bot heard: days before it are not zeros', () => {
    expect(knownHistoryDays(null, NOW)).toBe(0);
    expect(knownHistoryDays(LONG_AGO, NOW)).toBe(7);
    expect(knownHistoryDays(new Date(NOW.getTime() - 2 * DAY - 2 * 3600_000).toISOString(), NOW)).toBe(2);
    expect(knownHistoryDays(new Date(NOW.getTime() - 3 * DAY - 2 * 3600_000).toISOString(), NOW)).toBe(3);
  });
});

describe('the scan', () => {
  const counts = [
    ...rows('tag:refund', 30, [28, 31, 25, 30, 33, 29, 27]),
    ...rows('kw:charged twice', 48, [2, 3, 1, 0, 2, 4, 2]),
    ...rows('tag:crisis-12', 90, [0, 0, 0, 0, 0, 0, 0]),
    ...rows('tag:vip', 12, [0, 0, 0, 0, 0, 0, 0]),
  ];
  const base = { now: NOW, counts, historyStart: LONG_AGO, excluded: new Set<WatchKey>(), lastWarnedAt: new Map<WatchKey, string>() };

  it('warns for a 4× rise, not for a usual hour, not for a small one, strongest first', () => {
    expect(scanEarlyWarnings(base)).toEqual([
      { key: 'tag:crisis-12', kind: 'tag', value: 'crisis-12', lastHour: 90, median: 0, history: [0, 0, 0, 0, 0, 0, 0] },
      { key: 'kw:charged twice', kind: 'keyword', value: 'charged twice', lastHour: 48, median: 2, history: [2, 3, 1, 0, 2, 4, 2] },
    ]);
  });

  it('never for what an open crisis counts', () => {
    expect(scanEarlyWarnings({ ...base, excluded: new Set<WatchKey>(['tag:crisis-12']) }).map((w) => w.key)).toEqual(['kw:charged twice']);
  });

  it('once per key per 6 hours, from the last warning as stored (a restart reads it back)', () => {
    const fiveHoursAgo = new Date(NOW.getTime() - 5 * 3600_000).toISOString();
    const sixHoursAgo = new Date(NOW.getTime() - 6 * 3600_000).toISOString();
    expect(scanEarlyWarnings({ ...base, lastWarnedAt: new Map<WatchKey, string>([['kw:charged twice', fiveHoursAgo]]) }).map((w) => w.key)).toEqual(['tag:crisis-12']);
    expect(scanEarlyWarnings({ ...base, lastWarnedAt: new Map<WatchKey, string>([['kw:charged twice', sixHoursAgo]]) }).map((w) => w.key)).toEqual(['tag:crisis-12', 'kw:charged twice']);
    expect(mayWarnAgain(null, NOW)).toBe(true);
    expect(mayWarnAgain(fiveHoursAgo, NOW)).toBe(false);
    expect(mayWarnAgain(sixHoursAgo, NOW)).toBe(true);
  });

  it('in its first days the bot knows no normal and warns for nothing', () => {
    const twoDaysAgo = new Date(NOW.getTime() - 2 * DAY - 3600_000).toISOString();
    expect(scanEarlyWarnings({ ...base, historyStart: twoDaysAgo })).toEqual([]);
    expect(scanEarlyWarnings({ ...base, historyStart: null })).toEqual([]);
  });

  it('a key with no row on a day had no tickets then', () => {
    const sparse: KeyWindowCount[] = [{ key: 'kw:recall', day: 0, count: 25 }, { key: 'kw:recall', day: 3, count: 40 }];
    expect(scanEarlyWarnings({ ...base, counts: sparse })).toEqual([{ key: 'kw:recall', kind: 'keyword', value: 'recall', lastHour: 25, median: 0, history: [0, 0, 40, 0, 0, 0, 0] }]);
  });
});

describe("the warning's message", () => {
  it('names the keywords most found among the tickets that rose, its own left out', () => {
    const hits = [['charged twice', 'refund'], ['charged twice'], ['refund', 'refund'], ['cancel'], []];
    expect(commonKeywords(hits, 'charged twice')).toEqual([
      { keyword: 'refund', tickets: 2 },
      { keyword: 'cancel', tickets: 1 },
    ]);
    expect(commonKeywords(hits, null, 1)).toEqual([{ keyword: 'charged twice', tickets: 2 }]);
  });
});
