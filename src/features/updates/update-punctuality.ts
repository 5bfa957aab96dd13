/**
 * Update punctuality counted over due times, not over updates posted: every time the update clock
 * fell due is met (an update was posted by it) or missed (it passed with none). Counting only the
 * updates that were posted made silence look good: one update on time and six hours of nothing
 * read "1 of 1 (100%)". Pure; read from the timeline alone, so the debrief and the report
 * (ReportRepo's `updates` query says the same in SQL) count the same due times.
 *
 * The timeline holds each due time once:
 * - an update posted by its `due_at` met that due time;
 * - a `reminder_sent` row is a due time that passed with no update (the tick reminds only then,
 *   once per due time: the first reminder and every escalation after it);
 * - an update posted after its `due_at` missed it, unless a reminder went out between the two,
 *   which already counted that due time (its `due_at` is that reminder's time).
 * The due time still ahead is neither: an interim report counts only what has fallen due.
 */
import type { TimelineEvent } from '../../core/timeline';
import { dataOf } from '../../core/timeline';

export interface UpdatePunctuality {
  /** Due times that fell due: met + missed. */
  dueTimes: number;
  met: number;
  missed: number;
}

/** A visible event with its time parsed, as the debrief sorts them. */
interface TimedEvent {
  event: TimelineEvent;
  ms: number;
}

function dueAtMs(event: TimelineEvent): number {
  try {
    const due = dataOf(event, 'update_posted').due_at;
    return due === null ? Number.NaN : Date.parse(due);
  } catch {
    // A row whose data does not match its schema costs this figure one update, not the debrief.
    return Number.NaN;
  }
}

/** Counts the due times in `events` (visible ones, any order). */
export function updatePunctuality(events: readonly TimedEvent[]): UpdatePunctuality {
  const reminders = events.filter((e) => e.event.kind === 'reminder_sent').map((e) => e.ms).sort((a, b) => a - b);
  // Binary search: a 10,000-entry timeline may hold thousands of reminders and late updates.
  const remindedBetween = (fromMs: number, toMs: number): boolean => {
    let lo = 0;
    let hi = reminders.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((reminders[mid] ?? Infinity) < fromMs) lo = mid + 1;
      else hi = mid;
    }
    return lo < reminders.length && (reminders[lo] ?? Infinity) <= toMs;
  };
  let met = 0;
  let missed = reminders.length;
  for (const { event, ms } of events) {
    if (event.kind !== 'update_posted') continue;
    const due = dueAtMs(event);
    if (Number.isNaN(due)) continue;
    if (ms <= due) met += 1;
    else if (!remindedBetween(due, ms)) missed += 1;
  }
  return { dueTimes: met + missed, met, missed };
}

/** "1 of 13 due times (8%)", or "n/a (no update fell due)". */
export function onTimeText(met: number, dueTimes: number): string {
  if (dueTimes === 0) return 'n/a (no update fell due)';
  return `${met} of ${dueTimes} due ${dueTimes === 1 ? 'time' : 'times'} (${Math.round((met / dueTimes) * 100)}%)`;
}
