/**
 * The timeline kinds of deadline clocks and their data, registered with the
 * others (src/core/timeline.ts), so the debrief and the timeline read them like any other row.
 */
import { z } from 'zod';
import { defineTimelineKinds } from '../../core/timeline';

const clock = { clock_id: z.string(), due_at: z.string() };

const DEADLINE_TIMELINE_DATA = {
  deadline_started: z.object({ ...clock, label: z.string(), source: z.enum(['playbook', 'manual']), started_at: z.string() }),
  deadline_restarted: z.object({ ...clock, started_at: z.string(), previous_due_at: z.string() }),
  deadline_done: z.object({ ...clock, met: z.boolean() }),
  deadline_reminder: z.object({ ...clock, minutes_left: z.number() }),
  deadline_missed: z.object(clock),
} as const;

const DEADLINE_TIMELINE_LABELS: Record<keyof typeof DEADLINE_TIMELINE_DATA, string> = {
  deadline_started: 'Deadline clock',
  deadline_restarted: 'Deadline clock',
  deadline_done: 'Deadline met',
  deadline_reminder: 'Deadline reminder',
  deadline_missed: 'Deadline missed',
};

export const DEADLINE_TIMELINE = defineTimelineKinds(DEADLINE_TIMELINE_DATA, DEADLINE_TIMELINE_LABELS);

type DeadlineKinds = typeof DEADLINE_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends DeadlineKinds {}
}
