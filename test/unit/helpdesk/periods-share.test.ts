/** Tickets into period samples (CRISIS_HELPDESK_PERIOD), and the negative share: last hour, trend, per period, around statements. */
import { negativeShare, negativeShareNow, negativeShareSeries, type ScoredTicket, shareTrend, statementShifts } from '../../../src/features/helpdesk/negative-share';
import { bucketTimes, DEFAULT_PERIOD, parseDuration, periodSample, periodsDue, ticketSource } from '../../../src/features/helpdesk/periods';
import { HELPDESKS } from '../../../src/features/helpdesk/desks';
import { MAX_SOURCE_LENGTH } from '../../../src/features/customer/volume';
import type { SentimentScore } from '../../../src/features/helpdesk/sentiment';

const MIN = 60_000;
const T0 = Date.parse('2026-12-07T10:00:00Z');
const iso = (minutes: number): string => new Date(T0 + minutes * MIN).toISOString();

describe('CRISIS_HELPDESK_PERIOD', () => {
  it('takes minutes or hours that divide a day; the default is 15 minutes', () => {
    expect(parseDuration(DEFAULT_PERIOD)).toEqual({ ok: true, ms: 15 * MIN, minutes: 15 });
    expect(parseDuration('1h')).toEqual({ ok: true, ms: 60 * MIN, minutes: 60 });
    expect(parseDuration(' 90 min ')).toEqual({ ok: true, ms: 90 * MIN, minutes: 90 });
    expect(parseDuration('24h')).toMatchObject({ ok: true, minutes: 1440 });
  });

  it('refuses what is not one, saying which rule', () => {
    expect(parseDuration('15')).toEqual({ ok: false, problem: { code: 'duration_format', text: '15' } });
    expect(parseDuration('1.5h')).toMatchObject({ ok: false, problem: { code: 'duration_format' } });
    expect(parseDuration('15s')).toMatchObject({ ok: false, problem: { code: 'duration_format' } });
    expect(parseDuration('0m')).toMatchObject({ ok: false, problem: { code: 'duration_range' } });
    expect(parseDuration('25h')).toMatchObject({ ok: false, problem: { code: 'duration_range' } });
    expect(parseDuration('7m')).toEqual({ ok: false, problem: { code: 'duration_not_dividing_day', text: '7m', minutes: 7 } });
  });
});

describe('tickets into periods', () => {
  it('counts each period from the first to the last, quiet ones as 0; a ticket on a boundary opens its period', () => {
    const times = [iso(0), iso(14.99), iso(15), iso(44), iso(44.5), iso(200)];
    expect(bucketTimes(times, 15 * MIN, iso(3), iso(50))).toEqual([
      { start: iso(0), end: iso(15), count: 2 },
      { start: iso(15), end: iso(30), count: 1 },
      { start: iso(30), end: iso(45), count: 2 },
      { start: iso(45), end: iso(60), count: 0 },
    ]);
    expect(bucketTimes(times, 15 * MIN, iso(50), iso(3))).toEqual([]);
  });

  it('writes a period once it is over and a minute of grace has passed; a long gap catches up 96 at a time', () => {
    const due = (now: number, lastWrittenEnd: string | null): string[] => periodsDue({ lastWrittenEnd, firstTicketAt: iso(7), now: new Date(T0 + now * MIN), periodMs: 15 * MIN }).map((p) => p.end);
    expect(due(15.5, null)).toEqual([]);
    expect(due(16, null)).toEqual([iso(15)]);
    expect(due(46, null)).toEqual([iso(15), iso(30), iso(45)]);
    expect(due(46, iso(30))).toEqual([iso(45)]);
    expect(due(46, iso(45))).toEqual([]);
    expect(due(60 * 48, null)).toHaveLength(96);
  });

  it('a sample per desk and match: its source named (at most 40 characters), keyed by its period so it is written once', () => {
    expect(periodSample('zendesk', 'tag', { start: iso(0), end: iso(15), count: 7 })).toEqual({ count: 7, source: 'Zendesk tickets', sampledAt: iso(15), externalId: `helpdesk:zendesk:tag:${iso(15)}` });
    expect(ticketSource('freshdesk', 'keyword')).toBe('Freshdesk tickets (probably related)');
    for (const desk of HELPDESKS) for (const match of ['tag', 'keyword'] as const) expect(ticketSource(desk, match).length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
  });
});

const score = (n: number): SentimentScore => n as SentimentScore;
function tickets(spec: Array<[minutes: number, sentiment: number]>): ScoredTicket[] {
  return spec.map(([m, s]) => ({ at: iso(m), sentiment: score(s) }));
}

describe('negative share', () => {
  it('the share of tickets below 0 (0 is not negative)', () => {
    expect(negativeShare(tickets([[1, -1], [2, 0], [3, 2], [4, -0.5]]), T0, T0 + 60 * MIN)).toEqual({ total: 4, negative: 2, share: 0.5 });
    expect(negativeShare([], T0, T0 + MIN)).toEqual({ total: 0, negative: 0, share: null });
  });

  it("the card's last hour and its trend; too few tickets to say gives no trend", () => {
    const hourBefore = tickets(Array.from({ length: 10 }, (_, i) => [i + 1, i < 3 ? -1 : 1] as [number, number]));
    const lastHour = tickets(Array.from({ length: 10 }, (_, i) => [61 + i, i < 6 ? -2 : 1] as [number, number]));
    const now = new Date(T0 + 120 * MIN);
    expect(negativeShareNow([...hourBefore, ...lastHour], now)).toEqual({ lastHour: { total: 10, negative: 6, share: 0.6 }, hourBefore: { total: 10, negative: 3, share: 0.3 }, trend: 'up' });
    expect(negativeShareNow([...hourBefore.slice(0, 4), ...lastHour], now).trend).toBeNull();
    expect(shareTrend({ total: 10, negative: 3, share: 0.3 }, { total: 10, negative: 6, share: 0.6 })).toBe('down');
    expect(shareTrend({ total: 20, negative: 7, share: 0.35 }, { total: 30, negative: 10, share: 1 / 3 })).toBe('steady');
  });

  it('per period for the chart beside volume, null where no ticket came', () => {
    expect(negativeShareSeries(tickets([[1, -1], [2, 1], [31, -3]]), 15 * MIN, iso(0), iso(40))).toEqual([
      { start: iso(0), end: iso(15), total: 2, negative: 1, share: 0.5 },
      { start: iso(15), end: iso(30), total: 0, negative: 0, share: null },
      { start: iso(30), end: iso(45), total: 1, negative: 1, share: 1 },
    ]);
  });

  it('names the statements after which the share fell most and rose most', () => {
    const before = (from: number, negatives: number): Array<[number, number]> => Array.from({ length: 10 }, (_, i) => [from + i, i < negatives ? -1 : 1]);
    const all = tickets([...before(0, 8), ...before(70, 2), ...before(200, 2), ...before(270, 9)]);
    const { fellMost, roseMost, shifts } = statementShifts(
      [
        { id: 'S1', publishedAt: iso(60) },
        { id: 'S2', publishedAt: iso(260) },
        { id: 'S3', publishedAt: iso(600) },
      ],
      all,
    );
    expect(shifts.map((s) => s.statementId)).toEqual(['S1', 'S2']);
    expect(fellMost?.statementId).toBe('S1');
    expect(fellMost?.change).toBeCloseTo(-0.6);
    expect(roseMost?.statementId).toBe('S2');
    expect(roseMost?.change).toBeCloseTo(0.7);
  });
});
