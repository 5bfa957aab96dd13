/**
 * The early warning: before anyone declares, a rise of tickets on one tag or one playbook keyword.
 * Pure: the counts are read elsewhere, from per-key 5-minute aggregates (migrations/0009_helpdesk.sql), so a
 * scan reads a few rows per key, never the tickets.
 *
 * The rule, for each tag and keyword, at `now`:
 * - last hour: the tickets of the 12 five-minute buckets up to and including the current one;
 * - history: the same hour on each of the 7 days before (the same 12 buckets, 24 h × d earlier);
 *   a day before the bot heard its first ticket is not history (a zero there would be a guess);
 * - it fires when last hour ≥ ratio × median(history) (CRISIS_EARLY_WARNING_RATIO, 4) and
 *   last hour ≥ min (CRISIS_EARLY_WARNING_MIN, 20);
 * - a median of 0 (the key is normally silent at that hour) is taken as 1: a silent tag that
 *   reaches the minimum fires, which is the point (a new `charged twice` storm has no history);
 * - with fewer than 3 days of history it does not fire: in its first days the bot knows no
 *   normal, and "refund" at its usual 30 an hour must not look like a storm;
 * - never for what an open crisis counts (its tag and keywords), and once per key per 6 hours
 *   (`mayWarnAgain`, given the last warning's time, read from the store, so a restart keeps it).
 */
import { median } from '../customer';
import { describeKey, type WatchKey } from './matching';

export const BUCKET_MINUTES = 5;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export interface EarlyWarningRule {
  ratio: number;
  min: number;
  /** Days of history compared with. */
  days: number;
  /** Fewer known days than this: no warning yet. */
  minHistoryDays: number;
  windowMinutes: number;
  cooldownMs: number;
}

export const EARLY_WARNING_RULE: EarlyWarningRule = { ratio: 4, min: 20, days: 7, minHistoryDays: 3, windowMinutes: 60, cooldownMs: 6 * 60 * MINUTE_MS };

/** The 5-minute bucket a time falls in, as minutes since the epoch (the aggregate table's key). */
export function bucketMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS / BUCKET_MINUTES) * BUCKET_MINUTES;
}

export interface WindowRange {
  /** 0: the last hour; d: the same hour d days before. */
  day: number;
  /** Buckets with fromMinute < bucket_min ≤ toMinute. */
  fromMinute: number;
  toMinute: number;
}

/** The bucket ranges the scan reads: the last hour, and the same hour on each day of history. */
export function windowRanges(now: Date, rule: EarlyWarningRule = EARLY_WARNING_RULE): WindowRange[] {
  const current = bucketMinute(now.getTime());
  return Array.from({ length: rule.days + 1 }, (_, day) => ({ day, fromMinute: current - day * DAY_MINUTES - rule.windowMinutes, toMinute: current - day * DAY_MINUTES }));
}

/** One row of the scan: a key's ticket count in one window. Missing rows are zeros. */
export interface KeyWindowCount {
  key: WatchKey;
  day: number;
  count: number;
}

export type Verdict =
  | { fires: true; lastHour: number; median: number; baseline: number; history: number[] }
  | { fires: false; why: 'too_little_history' | 'below_min' | 'below_ratio'; lastHour: number; median: number | null; history: number[] };

/** The rule for one key: its last hour and its history (one count per known day, oldest last). */
export function evaluateKey(lastHour: number, history: readonly number[], rule: EarlyWarningRule = EARLY_WARNING_RULE): Verdict {
  const m = median(history);
  if (m === null || history.length < rule.minHistoryDays) return { fires: false, why: 'too_little_history', lastHour, median: m, history: [...history] };
  if (lastHour < rule.min) return { fires: false, why: 'below_min', lastHour, median: m, history: [...history] };
  const baseline = Math.max(m, 1);
  if (lastHour < rule.ratio * baseline) return { fires: false, why: 'below_ratio', lastHour, median: m, history: [...history] };
  return { fires: true, lastHour, median: m, baseline, history: [...history] };
}

/** May a key be warned about again, `cooldownMs` after its last warning? */
export function mayWarnAgain(lastWarnedAt: string | null, now: Date, rule: Pick<EarlyWarningRule, 'cooldownMs'> = EARLY_WARNING_RULE): boolean {
  if (lastWarnedAt === null) return true;
  const last = Date.parse(lastWarnedAt);
  return Number.isNaN(last) || now.getTime() - last >= rule.cooldownMs;
}

/** How many days of history the bot has at `now`, given when it heard its first ticket. */
export function knownHistoryDays(historyStart: string | null, now: Date, rule: EarlyWarningRule = EARLY_WARNING_RULE): number {
  if (historyStart === null) return 0;
  const start = Date.parse(historyStart);
  let known = 0;
  for (const range of windowRanges(now, rule)) {
    // A day counts when its whole window lies after the first ticket.
    if (range.day > 0 && range.fromMinute >= bucketMinute(start)) known += 1;
  }
  return known;
}

export interface EarlyWarning {
  key: WatchKey;
  kind: 'tag' | 'keyword';
  value: string;
  lastHour: number;
  median: number;
  /** The same hour on each known day, the day before first. */
  history: number[];
}

/**
 * Every key that warns now: fires by the rule, is not counted by an open crisis, and was not
 * warned about in the last 6 hours. Strongest first (the largest rise over its baseline).
 */
export function scanEarlyWarnings(input: {
  now: Date;
  counts: readonly KeyWindowCount[];
  historyStart: string | null;
  excluded: ReadonlySet<WatchKey>;
  lastWarnedAt: ReadonlyMap<WatchKey, string>;
  rule?: EarlyWarningRule;
}): EarlyWarning[] {
  const rule = input.rule ?? EARLY_WARNING_RULE;
  const knownDays = knownHistoryDays(input.historyStart, input.now, rule);
  const byKey = new Map<WatchKey, number[]>();
  for (const row of input.counts) {
    if (row.day < 0 || row.day > rule.days) continue;
    const days = byKey.get(row.key) ?? new Array<number>(rule.days + 1).fill(0);
    days[row.day] = (days[row.day] ?? 0) + row.count;
    byKey.set(row.key, days);
  }
  const warnings: Array<EarlyWarning & { strength: number }> = [];
  for (const [key, days] of byKey) {
    const lastHour = days[0] ?? 0;
    if (lastHour < rule.min || input.excluded.has(key)) continue;
    const verdict = evaluateKey(lastHour, days.slice(1, 1 + knownDays), rule);
    if (!verdict.fires || !mayWarnAgain(input.lastWarnedAt.get(key) ?? null, input.now, rule)) continue;
    const { kind, value } = describeKey(key);
    warnings.push({ key, kind, value, lastHour, median: verdict.median, history: verdict.history, strength: lastHour / verdict.baseline });
  }
  return warnings.sort((a, b) => b.strength - a.strength || b.lastHour - a.lastHour).map(({ strength: _strength, ...w }) => w);
}

/**
 * For the warning's message: the playbook keywords most often found among the tickets that rose
 * (their keyword hits: our words, never the customer's), the key's own keyword left out.
 */
export function commonKeywords(hits: ReadonlyArray<readonly string[]>, leaveOut: string | null, limit = 5): Array<{ keyword: string; tickets: number }> {
  const counts = new Map<string, number>();
  for (const ticket of hits) for (const keyword of new Set(ticket)) if (keyword !== leaveOut) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  return [...counts.entries()]
    .map(([keyword, tickets]) => ({ keyword, tickets }))
    .sort((a, b) => b.tickets - a.tickets || a.keyword.localeCompare(b.keyword))
    .slice(0, limit);
}
