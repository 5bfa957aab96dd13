/** The timeline kinds of updates, status, severity and the update cadence with its reminders. */
import { z } from 'zod';
import { SEVERITIES, STATUSES } from '../../core/crisis';
import { defineTimelineKinds } from '../../core/timeline';

const severity = z.enum(SEVERITIES);

export const UPDATE_TIMELINE = defineTimelineKinds(
  {
    update_posted: z.object({
      status: z.enum(STATUSES),
      due_at: z.string().nullable(),
      next_update_at: z.string().nullable(),
    }),
    status_changed: z.object({ from: z.enum(STATUSES), to: z.enum(STATUSES) }),
    severity_changed: z.object({ from: severity, to: severity }),
    cadence_changed: z.object({ minutes: z.number().nullable(), source: z.enum(['default', 'manual', 'off']) }),
    reminder_sent: z.object({ overdue: z.boolean(), minutes_since_update: z.number() }),
    reminder_snoozed: z.object({ minutes: z.number() }),
    update_missed: z.object({ due_at: z.string() }),
  },
  {
    update_posted: 'Update',
    status_changed: 'Status',
    severity_changed: 'Severity',
    cadence_changed: 'Cadence',
    reminder_sent: 'Reminder',
    reminder_snoozed: 'Snoozed',
    update_missed: 'Missed update',
  },
);

type UpdateKinds = typeof UPDATE_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends UpdateKinds {}
}
