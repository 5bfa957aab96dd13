/**
 * The timeline kinds of the record itself: captured messages, notes, follow-up actions, the
 * resolution and reopening, lessons, corrections and the debrief.
 */
import { z } from 'zod';
import { defineTimelineKinds } from '../../core/timeline';

const version = z.object({ text: z.string(), occurred_at: z.string(), hidden: z.boolean() });

export const RECORD_TIMELINE = defineTimelineKinds(
  {
    message_captured: z.object({ channel_id: z.string(), ts: z.string(), via: z.enum(['pushpin', 'pin', 'shortcut']) }),
    note: z.object({}),
    action_added: z.object({ action_id: z.number(), owner_id: z.string().nullable() }),
    action_done: z.object({ action_id: z.number(), done: z.boolean() }),
    resolved: z.object({}),
    reopened: z.object({}),
    lessons_recorded: z.object({}),
    entry_corrected: z.object({ entry_id: z.number(), before: version, after: version }),
    debrief_posted: z.object({ interim: z.boolean() }),
  },
  {
    message_captured: 'Captured',
    note: 'Note',
    action_added: 'Action',
    action_done: 'Action',
    resolved: 'Resolved',
    reopened: 'Reopened',
    lessons_recorded: 'Lessons',
    entry_corrected: 'Correction',
    debrief_posted: 'Debrief',
  },
);

type RecordKinds = typeof RECORD_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends RecordKinds {}
}
