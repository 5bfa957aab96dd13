/**
 * Tickets into volume samples: one count per period (`CRISIS_HELPDESK_PERIOD`, default 15 minutes)
 * per desk and per kind of match, so the card, its trend, the sharp-rise notice and the debrief's
 * chart read tickets as they read any source's samples. Pure.
 * - A period divides a day evenly (1 minute to 24 hours), so periods start at the same clock times
 *   every day: 15m gives :00, :15, :30 and :45 (UTC).
 * - A period's sample is "new tickets in the period up to `sampledAt`" (its end), written once the
 *   period is over and a minute of grace has passed for deliveries in flight; a quiet period is a 0.
 */
import type { Helpdesk } from './desks';
import { HELPDESK_LABELS } from './desks';
import type { CrisisMatch } from './matching';

export const DEFAULT_PERIOD = '15m';
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Deliveries still in flight when a period ends get this long before its sample is written. */
export const PERIOD_GRACE_MS = MINUTE_MS;
/** The most periods one bucketing covers (a year of 15-minute periods is 35,040). */
export const MAX_PERIODS = 50_000;
/** The most closed periods written in one go (a bot down for a day catches up over a few ticks). */
export const MAX_PERIODS_PER_TICK = 96;

export type DurationProblem = { code: 'duration_format'; text: string } | { code: 'duration_range'; text: string } | { code: 'duration_not_dividing_day'; text: string; minutes: number };

/** `15m`, `90m`, `1h`, `2h` (also `min`, `hour`, `hours`); a whole number of minutes that divides a day. */
export function parseDuration(text: string): { ok: true; ms: number; minutes: number } | { ok: false; problem: DurationProblem } {
  const match = /^\s*(\d{1,5})\s*(m|min|mins|minutes?|h|hours?)\s*$/i.exec(text);
  if (!match) return { ok: false, problem: { code: 'duration_format', text } };
  const amount = Number(match[1]);
  const minutes = (match[2] ?? 'm').toLowerCase().startsWith('h') ? amount * 60 : amount;
  if (minutes < 1 || minutes > DAY_MINUTES) return { ok: false, problem: { code: 'duration_range', text } };
  if (DAY_MINUTES % minutes !== 0) return { ok: false, problem: { code: 'duration_not_dividing_day', text, minutes } };
  return { ok: true, ms: minutes * MINUTE_MS, minutes };
}

export function periodStartMs(ms: number, periodMs: number): number {
  return Math.floor(ms / periodMs) * periodMs;
}

export interface PeriodCount {
  start: string;
  end: string;
  count: number;
}

/**
 * Counts of `times` (ISO-8601) per period, for every period from the one holding `from` to the
 * one holding `to` (zeros included: a chart must show the quiet). Times outside are left out.
 */
export function bucketTimes(times: readonly string[], periodMs: number, from: string, to: string): PeriodCount[] {
  const first = periodStartMs(Date.parse(from), periodMs);
  const last = periodStartMs(Date.parse(to), periodMs);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
  const periods = Math.min(MAX_PERIODS, (last - first) / periodMs + 1);
  const counts = new Array<number>(periods).fill(0);
  for (const time of times) {
    const index = Math.floor((Date.parse(time) - first) / periodMs);
    if (index >= 0 && index < periods) counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((count, i) => ({
    start: new Date(first + i * periodMs).toISOString(),
    end: new Date(first + (i + 1) * periodMs).toISOString(),
    count,
  }));
}

/**
 * The periods to write samples for now: those after `lastWrittenEnd` (or from the period of the
 * first ticket, when none was written), that ended at least PERIOD_GRACE_MS ago; at most
 * MAX_PERIODS_PER_TICK, oldest first.
 */
export function periodsDue(input: { lastWrittenEnd: string | null; firstTicketAt: string; now: Date; periodMs: number }): Array<{ start: string; end: string }> {
  const { periodMs } = input;
  let start = input.lastWrittenEnd === null ? periodStartMs(Date.parse(input.firstTicketAt), periodMs) : periodStartMs(Date.parse(input.lastWrittenEnd), periodMs);
  const due: Array<{ start: string; end: string }> = [];
  while (start + periodMs + PERIOD_GRACE_MS <= input.now.getTime() && due.length < MAX_PERIODS_PER_TICK) {
    due.push({ start: new Date(start).toISOString(), end: new Date(start + periodMs).toISOString() });
    start += periodMs;
  }
  return due;
}

/** The volume source a desk's tickets are drawn as: tag matches, and keyword matches apart. At most 40 characters, as every source. */
export function ticketSource(desk: Helpdesk, match: CrisisMatch): string {
  return match === 'tag' ? `${HELPDESK_LABELS[desk]} tickets` : `${HELPDESK_LABELS[desk]} tickets (probably related)`;
}

export interface PeriodSample {
  count: number;
  source: string;
  /** The period's end: the sample counts the tickets of the period up to it. */
  sampledAt: string;
  /** Unique per crisis (the volume samples' unique index): a period is written once, however many ticks race. */
  externalId: string;
}

export function periodSample(desk: Helpdesk, match: CrisisMatch, period: PeriodCount): PeriodSample {
  return { count: period.count, source: ticketSource(desk, match), sampledAt: period.end, externalId: `helpdesk:${desk}:${match}:${period.end}` };
}
