/**
 * The debrief's figures from the timeline: updates posted, due times met and missed, reminders and escalations,
 * the longest silence while the crisis was open, handovers, statements and reopenings. Pure.
 *
 * Event data is checked here, where it is used (TimelineRepo only decodes the JSON): one row whose
 * data does not match its schema costs the report the figure it feeds, not the whole debrief.
 */
import { minutesBetween } from '../../core/cadence';
import type { Severity } from '../../core/crisis';
import { mostSevere } from './shortfalls';
import { dataOf } from '../../core/timeline';
import type { TimelineEvent, TimelineKind } from '../../core/timeline';
import { updatePunctuality } from '../updates';

export interface DebriefMetrics {
  updatesPosted: number;
  remindersSent: number;
  /** Due times of the update clock met by an update posted by then. */
  dueTimesMet: number;
  /** Every due time that fell due: met, or missed (see update-punctuality.ts). */
  dueTimes: number;
  /** dueTimesMet / dueTimes, or null when no update fell due. */
  onTimeShare: number | null;
  /** Longest stretch, in minutes, with no update while the crisis was open. */
  longestSilenceMinutes: number;
  longestSilenceFrom: string | null;
  longestSilenceTo: string | null;
  /** Due times that passed with no update: dueTimes - dueTimesMet. */
  missedUpdates: number;
  escalations: number;
  handovers: number;
  statements: number;
  /** How often a resolved crisis was reopened. */
  reopenings: number;
}

/** An event with its time parsed once, so sorting and comparing 10,000 entries stays cheap. */
export interface VisibleEvent {
  event: TimelineEvent;
  ms: number;
  id: number;
}

/** An event's data, or null when the stored JSON does not match its schema (see the module comment). */
function safeData<K extends TimelineKind>(event: TimelineEvent, kind: K): ReturnType<typeof dataOf<K>> | null {
  try {
    return dataOf(event, kind);
  } catch {
    return null;
  }
}

/** Whole minutes from `from` to `to`, never negative (corrected or captured times can precede `from`). */
export function wholeMinutes(from: string | number, to: string | number): number {
  return Math.max(0, Math.round(minutesBetween(new Date(from), new Date(to))));
}

interface Silence {
  fromMs: number;
  toMs: number;
}

/**
 * The longest stretch without an update while the crisis was open. Open periods run from the
 * declaration (or a reopen) to the next `resolved` event, the last one to `openEnd`; each period's
 * silence points are its start and the updates in it. Updates while resolved are ignored, and
 * updates dated before the period start count as posted at the start (a silence of zero).
 */
function longestSilence(sorted: readonly VisibleEvent[], declaredMs: number, openEndMs: number): Silence {
  let best: Silence = { fromMs: declaredMs, toMs: declaredMs };
  let open = true;
  let lastPoint = declaredMs;
  const consider = (fromMs: number, toMs: number): void => {
    if (toMs - fromMs > best.toMs - best.fromMs) best = { fromMs, toMs };
  };
  for (const { event, ms } of sorted) {
    if (event.kind === 'update_posted' && open) {
      const point = Math.max(ms, lastPoint);
      consider(lastPoint, point);
      lastPoint = point;
    } else if (event.kind === 'resolved' && open) {
      consider(lastPoint, Math.max(ms, lastPoint));
      open = false;
    } else if (event.kind === 'reopened' && !open) {
      open = true;
      lastPoint = ms;
    }
  }
  if (open) consider(lastPoint, Math.max(openEndMs, lastPoint));
  return best;
}

function countKind(sorted: readonly VisibleEvent[], kind: TimelineKind): number {
  return sorted.reduce((n, v) => (v.event.kind === kind ? n + 1 : n), 0);
}

export function firstOfKind(sorted: readonly VisibleEvent[], kind: TimelineKind): VisibleEvent | undefined {
  return sorted.find((v) => v.event.kind === kind);
}

/** The report's figures from the visible events, sorted by time. */
export function buildMetrics(sorted: readonly VisibleEvent[], declaredMs: number, openEndMs: number): DebriefMetrics {
  let escalations = 0;
  let handovers = 0;
  for (const { event } of sorted) {
    if (event.kind === 'reminder_sent') {
      if (safeData(event, 'reminder_sent')?.overdue === true) escalations += 1;
    } else if (event.kind === 'role_assigned') {
      const from = safeData(event, 'role_assigned')?.handover_from ?? null;
      if (from !== null) handovers += 1;
    }
  }
  const silence = longestSilence(sorted, declaredMs, openEndMs);
  const punctuality = updatePunctuality(sorted);
  return {
    updatesPosted: countKind(sorted, 'update_posted'),
    remindersSent: countKind(sorted, 'reminder_sent'),
    dueTimesMet: punctuality.met,
    dueTimes: punctuality.dueTimes,
    onTimeShare: punctuality.dueTimes > 0 ? punctuality.met / punctuality.dueTimes : null,
    longestSilenceMinutes: wholeMinutes(silence.fromMs, silence.toMs),
    longestSilenceFrom: new Date(silence.fromMs).toISOString(),
    longestSilenceTo: new Date(silence.toMs).toISOString(),
    missedUpdates: punctuality.missed,
    escalations,
    handovers,
    statements: countKind(sorted, 'statement'),
    reopenings: countKind(sorted, 'reopened'),
  };
}

/** The most severe the crisis ever was: at declaration, after each severity change, and now. */
export function mostSevereSeen(sorted: readonly VisibleEvent[], current: Severity): Severity {
  const seen: Array<Severity | undefined> = sorted.map(({ event }) => {
    if (event.kind === 'declared') return safeData(event, 'declared')?.severity;
    if (event.kind === 'severity_changed') return safeData(event, 'severity_changed')?.to;
    return undefined;
  });
  return mostSevere(seen, current);
}

/** Oldest first; the same time, by id (the order they were recorded). */
export function byTimeThenId(a: { ms: number; id: number }, b: { ms: number; id: number }): number {
  return a.ms - b.ms || a.id - b.id;
}
