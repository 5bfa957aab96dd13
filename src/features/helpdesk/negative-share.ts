/**
 * How angry the tickets are: the share of negative tickets (sentiment below 0) in the last hour,
 * its trend against the hour before, the same share per period for the debrief's chart, and the
 * statements after which it fell or rose most. Pure: tickets with their times and scores in.
 * A share over fewer than 5 tickets says little, so its trend is not given ("too few to say").
 * A trend is a change of at least 5 percentage points; less is steady.
 */
import type { Trend } from '../customer';
import { periodStartMs } from './periods';
import { isNegative, type SentimentScore } from './sentiment';

export interface ScoredTicket {
  /** When the ticket counted for the crisis (ISO-8601). */
  at: string;
  sentiment: SentimentScore;
}

export interface Share {
  total: number;
  negative: number;
  /** negative ÷ total, from 0 to 1; null without tickets. */
  share: number | null;
}

export const SHARE_RULE = { windowMs: 60 * 60_000, minTickets: 5, steadyPoints: 0.05 } as const;
export type ShareRule = { windowMs: number; minTickets: number; steadyPoints: number };

/** The share among tickets in [from, to). */
export function negativeShare(tickets: readonly ScoredTicket[], fromMs: number, toMs: number): Share {
  let total = 0;
  let negative = 0;
  for (const t of tickets) {
    const at = Date.parse(t.at);
    if (at < fromMs || at >= toMs) continue;
    total += 1;
    if (isNegative(t.sentiment)) negative += 1;
  }
  return { total, negative, share: total === 0 ? null : negative / total };
}

/** Up, down or steady by at least `steadyPoints`; null when either side has too few tickets to say. */
export function shareTrend(current: Share, previous: Share, rule: ShareRule = SHARE_RULE): Trend | null {
  if (current.share === null || previous.share === null || current.total < rule.minTickets || previous.total < rule.minTickets) return null;
  const change = current.share - previous.share;
  if (change >= rule.steadyPoints) return 'up';
  if (change <= -rule.steadyPoints) return 'down';
  return 'steady';
}

export interface ShareNow {
  lastHour: Share;
  hourBefore: Share;
  trend: Trend | null;
}

/** What the card shows: the last hour up to `now`, and its trend against the hour before. */
export function negativeShareNow(tickets: readonly ScoredTicket[], now: Date, rule: ShareRule = SHARE_RULE): ShareNow {
  const nowMs = now.getTime() + 1; // the window includes this instant
  const lastHour = negativeShare(tickets, nowMs - rule.windowMs, nowMs);
  const hourBefore = negativeShare(tickets, nowMs - 2 * rule.windowMs, nowMs - rule.windowMs);
  return { lastHour, hourBefore, trend: shareTrend(lastHour, hourBefore, rule) };
}

export interface SharePoint extends Share {
  start: string;
  end: string;
}

/** The share per period from the period of `from` to the period of `to`, for the chart beside volume (null where no ticket came). */
export function negativeShareSeries(tickets: readonly ScoredTicket[], periodMs: number, from: string, to: string): SharePoint[] {
  const first = periodStartMs(Date.parse(from), periodMs);
  const last = periodStartMs(Date.parse(to), periodMs);
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
  const points: SharePoint[] = [];
  const totals = new Map<number, { total: number; negative: number }>();
  for (const t of tickets) {
    const start = periodStartMs(Date.parse(t.at), periodMs);
    if (start < first || start > last) continue;
    const bucket = totals.get(start) ?? { total: 0, negative: 0 };
    bucket.total += 1;
    if (isNegative(t.sentiment)) bucket.negative += 1;
    totals.set(start, bucket);
  }
  for (let start = first; start <= last; start += periodMs) {
    const b = totals.get(start) ?? { total: 0, negative: 0 };
    points.push({ start: new Date(start).toISOString(), end: new Date(start + periodMs).toISOString(), total: b.total, negative: b.negative, share: b.total === 0 ? null : b.negative / b.total });
  }
  return points;
}

export interface StatementShift {
  statementId: string;
  publishedAt: string;
  before: Share;
  after: Share;
  /** after.share − before.share: below 0 the share fell after the statement. */
  change: number;
}

/**
 * For the debrief: each published statement's hour before and hour after, and the one after which
 * the negative share fell most and the one after which it rose most (each null when no statement
 * had enough tickets on both sides, or none moved that way).
 */
export function statementShifts(
  statements: ReadonlyArray<{ id: string; publishedAt: string }>,
  tickets: readonly ScoredTicket[],
  rule: ShareRule = SHARE_RULE,
): { shifts: StatementShift[]; fellMost: StatementShift | null; roseMost: StatementShift | null } {
  const shifts: StatementShift[] = [];
  for (const s of statements) {
    const at = Date.parse(s.publishedAt);
    const before = negativeShare(tickets, at - rule.windowMs, at);
    const after = negativeShare(tickets, at, at + rule.windowMs);
    if (before.share === null || after.share === null || before.total < rule.minTickets || after.total < rule.minTickets) continue;
    shifts.push({ statementId: s.id, publishedAt: s.publishedAt, before, after, change: after.share - before.share });
  }
  let fellMost: StatementShift | null = null;
  let roseMost: StatementShift | null = null;
  for (const shift of shifts) {
    if (shift.change < 0 && (fellMost === null || shift.change < fellMost.change)) fellMost = shift;
    if (shift.change > 0 && (roseMost === null || shift.change > roseMost.change)) roseMost = shift;
  }
  return { shifts, fellMost, roseMost };
}
