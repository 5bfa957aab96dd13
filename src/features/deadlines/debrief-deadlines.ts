/**
 * What the debrief says about deadline clocks and the plan: each clock met or missed, with its
 * times, and the changes to the playbook the team proposed in its lessons. Pure.
 */
import { formatMinutes, minutesBetween } from '../../core/cadence';
import type { DeadlineClock } from './deadlines';

/**
 * `met`: done by its due time. `missed`: done after it, or never done once due. `running` (interim
 * report) or `open` (final report): not done and not yet due when the report was made.
 */
export type DeadlineOutcome = 'met' | 'missed' | 'running' | 'open';

export interface DebriefDeadline {
  clockId: string;
  label: string;
  source: DeadlineClock['source'];
  startedAt: string;
  dueAt: string;
  doneAt: string | null;
  doneBy: string | null;
  outcome: DeadlineOutcome;
}

/** Each clock's outcome as of `endIso` (the resolution, or now for an interim report), soonest due first. */
export function debriefDeadlines(clocks: readonly DeadlineClock[], endIso: string, interim: boolean): DebriefDeadline[] {
  const endMs = Date.parse(endIso);
  return [...clocks]
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id)
    .map((c) => {
      const dueMs = Date.parse(c.dueAt);
      let outcome: DeadlineOutcome;
      if (c.doneAt !== null) outcome = Date.parse(c.doneAt) <= dueMs ? 'met' : 'missed';
      else if (dueMs <= endMs) outcome = 'missed';
      else outcome = interim ? 'running' : 'open';
      return { clockId: c.clockId, label: c.label, source: c.source, startedAt: c.startedAt, dueAt: c.dueAt, doneAt: c.doneAt, doneBy: c.doneBy, outcome };
    });
}

export const OUTCOME_LABELS: Record<DeadlineOutcome, string> = {
  met: 'Met',
  missed: 'Missed',
  running: 'Running',
  open: 'Not done at resolution',
};

/**
 * One line per clock, in words: "Met — Notify the authority (`authority`): due 08 Mar 09:00, done
 * 06 Mar 14:00 by Dana, 1 day 19 h early". `at` formats a time, `who` names a person.
 */
export function deadlineLine(d: DebriefDeadline, at: (iso: string) => string, who: (userId: string) => string): string {
  const head = `${OUTCOME_LABELS[d.outcome]} — ${d.label} (\`${d.clockId}\`${d.source === 'manual' ? ', added by hand' : ''}): started ${at(d.startedAt)}, due ${at(d.dueAt)}`;
  if (d.doneAt === null) return d.outcome === 'missed' ? `${head}, never marked done` : head;
  const by = d.doneBy === null ? '' : ` by ${who(d.doneBy)}`;
  const margin = minutesBetween(d.doneAt, d.dueAt);
  const when = Math.abs(margin) < 1 ? 'on the minute' : margin > 0 ? `${formatMinutes(margin)} early` : `${formatMinutes(-margin)} late`;
  return `${head}, done ${at(d.doneAt)}${by}, ${when}`;
}

/** "2 met, 1 missed" for the summary. */
export function deadlineTally(rows: readonly DebriefDeadline[]): string {
  if (rows.length === 0) return 'none';
  const counts = (['met', 'missed', 'running', 'open'] as const).map((o) => [o, rows.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n > 0);
  return counts.map(([o, n]) => `${n} ${o === 'open' ? 'not done' : o}`).join(', ');
}
