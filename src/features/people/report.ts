/**
 * The report across crises (`/crisis report [<N>d]`): the facts of every real crisis declared in
 * the last N days (drills are never given to it) turned into counts, medians and shares, so a team
 * sees whether it gets better. Pure: the service reads the facts with a few aggregate queries and
 * passes them in with `now` and the time zone. A private crisis is counted, and named only
 * "private crisis" with its severity and lead.
 */
import { minutesBetween } from '../../core/cadence';
import { SEVERITIES, type CrisisStatus, type Severity } from '../../core/crisis';
import { missedFirstStatement, mostSevere, type Shortfalls } from '../record';

export const DEFAULT_REPORT_DAYS = 90;
export const MIN_REPORT_DAYS = 1;
export const MAX_REPORT_DAYS = 3650;

/** The refusal for a period out of range or unreadable, saying what is accepted. */
export function reportDaysRefusal(shown: string): string {
  return `${shown} is not a period I can report on. Use \`/crisis report\` for the last ${DEFAULT_REPORT_DAYS} days, or \`/crisis report <N>d\` with N from ${MIN_REPORT_DAYS} to ${MAX_REPORT_DAYS}, e.g. \`/crisis report 30d\`. Nothing was sent.`;
}

/** One crisis as the report sees it. */
export interface ReportCrisis {
  id: number;
  type: string;
  severity: Severity;
  status: CrisisStatus;
  isPrivate: boolean;
  title: string;
  declaredAt: string;
  resolvedAt: string | null;
  leadIds: string[];
}

/** What happened in one crisis; every figure is optional (absent = none recorded). */
export interface CrisisFacts {
  firstUpdateAt?: string | null;
  /** Due times of the update clock met and missed, counted as the debrief counts them (update-punctuality.ts). */
  dueTimesMet?: number;
  dueTimesMissed?: number;
  /** The most severe the crisis ever was (its severity now when absent). */
  mostSevere?: Severity;
  /** The first published customer statement. */
  firstStatementAt?: string | null;
  promisesKept?: number;
  promisesBroken?: number;
  /** Published statements approved by the lead standing in for legal. */
  withoutLegal?: number;
  deadlinesMet?: number;
  deadlinesMissed?: number;
}

export interface PlanChange {
  crisisId: number;
  text: string;
  submittedAt: string;
}

export interface ReportInput {
  days: number;
  now: Date;
  timeZone: string;
  /** Declared in the window, drills left out, oldest first. */
  crises: readonly ReportCrisis[];
  facts: ReadonlyMap<number, CrisisFacts>;
  /** Open follow-up actions of those crises, by owner (null: nobody owns it). */
  openActionsByOwner: ReadonlyArray<{ ownerId: string | null; count: number }>;
  planChanges: readonly PlanChange[];
  typeLabel(type: string): string;
}

/** A median in minutes over the crises that have the figure (`of`), out of `total`. */
export interface MedianFigure {
  minutes: number | null;
  of: number;
  total: number;
}

/** `part` of `whole`; `whole` 0 means there was nothing to count. */
export interface Share {
  part: number;
  whole: number;
}

export type BucketUnit = 'week' | 'month';

export interface SeverityBuckets {
  unit: BucketUnit;
  /** One label per bucket, oldest first: the week's Monday ("Mar 2") or the month ("Mar 2026"). */
  labels: string[];
  counts: Record<Severity, number[]>;
}

export interface ReportPlanChange {
  crisisId: number;
  /** "*Title*" for a public crisis; null for a private one (its text is not shown either). */
  crisisTitle: string | null;
  declaredAt: string;
  text: string;
}

export interface CrossCrisisReport {
  days: number;
  since: string;
  generatedAt: string;
  timeZone: string;
  total: number;
  resolved: number;
  privateCount: number;
  bySeverity: Record<Severity, number>;
  /** Most frequent type first. */
  byType: Array<{ type: string; label: string; count: number; bySeverity: Record<Severity, number> }>;
  firstUpdate: MedianFigure;
  firstStatement: MedianFigure;
  resolution: MedianFigure;
  /** Due times met, of every due time that fell due. */
  updatesOnTime: Share;
  promisesKept: Share;
  deadlinesMet: Share;
  /** What the record shows went wrong, summed over the crises, in the debrief's words (shortfalls.ts). */
  shortfalls: Shortfalls;
  openActions: { total: number; byOwner: Array<{ ownerId: string | null; count: number }> };
  /** Public crises' proposed changes, oldest first; private ones are only counted. */
  planChanges: ReportPlanChange[];
  privatePlanChanges: number;
  buckets: SeverityBuckets;
  /** Newest first, for the file's list of crises. */
  crises: ReportCrisis[];
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

function zeroBySeverity(): Record<Severity, number> {
  return { sev1: 0, sev2: 0, sev3: 0, sev4: 0 };
}

/** Minutes from the declaration to `iso`, never negative; null when there is no `iso`. */
function sinceDeclared(crisis: ReportCrisis, iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const minutes = minutesBetween(crisis.declaredAt, iso);
  return Number.isFinite(minutes) ? Math.max(0, minutes) : null;
}

function medianOf(crises: readonly ReportCrisis[], pick: (c: ReportCrisis) => number | null): MedianFigure {
  const values = crises.map(pick).filter((v): v is number => v !== null);
  const m = median(values);
  return { minutes: m === null ? null : Math.round(m), of: values.length, total: crises.length };
}

const calendars = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `ms` in `timeZone`, as days since 1970-01-01 (a cached Intl formatter: 10,000 calls stay cheap). */
export function localDay(ms: number, timeZone: string): number {
  let f = calendars.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    calendars.set(timeZone, f);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.formatToParts(new Date(ms))) part[p.type] = p.value;
  return Math.floor(Date.UTC(Number(part.year), Number(part.month) - 1, Number(part.day)) / DAY_MS);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Monday of the week of a day number (1970-01-01 was a Thursday). */
function mondayOf(day: number): number {
  return day - ((day + 3) % 7);
}

function monthIndex(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * Crises per week (per month beyond a year, where weekly bars would be too thin to read) and
 * severity, every bucket of the window present, empty ones as zero.
 */
export function severityBuckets(crises: readonly ReportCrisis[], sinceMs: number, nowMs: number, timeZone: string, days: number): SeverityBuckets {
  const unit: BucketUnit = days > 371 ? 'month' : 'week';
  const keyOf = (day: number): number => (unit === 'week' ? mondayOf(day) : monthIndex(day));
  const first = keyOf(localDay(sinceMs, timeZone));
  const last = keyOf(localDay(nowMs, timeZone));
  const step = unit === 'week' ? 7 : 1;
  const keys: number[] = [];
  for (let k = first; k <= last; k += step) keys.push(k);
  const index = new Map(keys.map((k, i) => [k, i]));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, keys.map(() => 0)])) as Record<Severity, number[]>;
  for (const c of crises) {
    const i = index.get(keyOf(localDay(Date.parse(c.declaredAt), timeZone)));
    const row = counts[c.severity];
    if (i !== undefined && row[i] !== undefined) row[i] += 1;
  }
  const labels = keys.map((k) => {
    if (unit === 'month') return `${MONTHS[k % 12] ?? ''} ${Math.floor(k / 12)}`;
    const d = new Date(k * DAY_MS);
    return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
  });
  return { unit, labels, counts };
}

export function buildCrossCrisisReport(input: ReportInput): CrossCrisisReport {
  const { crises, facts, now, days } = input;
  const sinceMs = now.getTime() - days * DAY_MS;
  const factsOf = (c: ReportCrisis): CrisisFacts => facts.get(c.id) ?? {};

  const bySeverity = zeroBySeverity();
  const types = new Map<string, { count: number; bySeverity: Record<Severity, number> }>();
  let resolved = 0;
  let privateCount = 0;
  const sums = { dueMet: 0, dueMissed: 0, kept: 0, broken: 0, met: 0, missed: 0, noStatement: 0, withoutLegal: 0 };
  const nowIso = now.toISOString();
  for (const c of crises) {
    bySeverity[c.severity] += 1;
    const t = types.get(c.type) ?? { count: 0, bySeverity: zeroBySeverity() };
    t.count += 1;
    t.bySeverity[c.severity] += 1;
    types.set(c.type, t);
    if (c.status === 'resolved' && c.resolvedAt !== null) resolved += 1;
    if (c.isPrivate) privateCount += 1;
    const f = factsOf(c);
    sums.dueMet += f.dueTimesMet ?? 0;
    sums.dueMissed += f.dueTimesMissed ?? 0;
    sums.kept += f.promisesKept ?? 0;
    sums.broken += f.promisesBroken ?? 0;
    sums.met += f.deadlinesMet ?? 0;
    sums.missed += f.deadlinesMissed ?? 0;
    sums.withoutLegal += f.withoutLegal ?? 0;
    const endAt = c.status === 'resolved' && c.resolvedAt !== null ? c.resolvedAt : nowIso;
    if (missedFirstStatement({ mostSevere: mostSevere([f.mostSevere], c.severity), declaredAt: c.declaredAt, endAt, firstStatementAt: f.firstStatementAt ?? null })) sums.noStatement += 1;
  }
  const byId = new Map(crises.map((c) => [c.id, c]));
  const planChanges: ReportPlanChange[] = [];
  let privatePlanChanges = 0;
  for (const change of input.planChanges) {
    const crisis = byId.get(change.crisisId);
    const text = change.text.trim();
    if (!crisis || text.length === 0) continue;
    if (crisis.isPrivate) privatePlanChanges += 1;
    else planChanges.push({ crisisId: crisis.id, crisisTitle: crisis.title, declaredAt: crisis.declaredAt, text });
  }
  const owners = input.openActionsByOwner.filter((o) => o.count > 0).sort((a, b) => b.count - a.count || String(a.ownerId).localeCompare(String(b.ownerId)));

  return {
    days,
    since: new Date(sinceMs).toISOString(),
    generatedAt: now.toISOString(),
    timeZone: input.timeZone,
    total: crises.length,
    resolved,
    privateCount,
    bySeverity,
    byType: [...types.entries()]
      .map(([type, t]) => ({ type, label: input.typeLabel(type), count: t.count, bySeverity: t.bySeverity }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    firstUpdate: medianOf(crises, (c) => sinceDeclared(c, factsOf(c).firstUpdateAt)),
    firstStatement: medianOf(crises, (c) => sinceDeclared(c, factsOf(c).firstStatementAt)),
    resolution: medianOf(crises, (c) => (c.status === 'resolved' ? sinceDeclared(c, c.resolvedAt) : null)),
    updatesOnTime: { part: sums.dueMet, whole: sums.dueMet + sums.dueMissed },
    promisesKept: { part: sums.kept, whole: sums.kept + sums.broken },
    deadlinesMet: { part: sums.met, whole: sums.met + sums.missed },
    shortfalls: { missedUpdates: sums.dueMissed, brokenPromises: sums.broken, missedDeadlines: sums.missed, noStatement: sums.noStatement, withoutLegal: sums.withoutLegal },
    openActions: { total: owners.reduce((n, o) => n + o.count, 0), byOwner: owners },
    planChanges,
    privatePlanChanges,
    buckets: severityBuckets(crises, sinceMs, now.getTime(), input.timeZone, days),
    crises: [...crises].reverse(),
  };
}

/** "3 of 4 (75%)", or "n/a" when there was nothing to count. */
export function shareText(share: Share): string {
  if (share.whole === 0) return 'n/a';
  return `${share.part} of ${share.whole} (${Math.round((share.part / share.whole) * 100)}%)`;
}
