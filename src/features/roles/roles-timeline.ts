/**
 * The timeline kinds of roles: a role given and taken, a checklist item ticked, a nudge to fill an
 * empty role, a handover with its note, and a shift break offered.
 */
import { z } from 'zod';
import { defineTimelineKinds } from '../../core/timeline';
import { ROLES } from '../../core/roles';

const role = z.enum(ROLES);

const ROLE_TIMELINE_DATA = {
  role_assigned: z.object({ role, user_id: z.string(), handover_from: z.string().nullable().default(null) }),
  role_relieved: z.object({ role, user_id: z.string(), reason: z.enum(['handover', 'unassigned']) }),
  checklist_ticked: z.object({ role, item: z.string(), done: z.boolean() }),
  role_nudge: z.object({ role }),
  /** Written beside the handover's `role_assigned` row: what was passed on. */
  handover: z.object({
    role,
    from: z.string().nullable(),
    to: z.string(),
    note: z.string(),
    open_items: z.array(z.string()),
  }),
  /** The holder was offered a break (a DM with a Hand over button; the lead was told in the channel). */
  shift_break: z.object({ role, user_id: z.string(), assignment_id: z.number(), minutes_held: z.number() }),
} as const;

const ROLE_TIMELINE_LABELS: Record<keyof typeof ROLE_TIMELINE_DATA, string> = {
  role_assigned: 'Role assigned',
  role_relieved: 'Role relieved',
  checklist_ticked: 'Checklist',
  role_nudge: 'Nudge',
  handover: 'Handover',
  shift_break: 'Shift break',
};

export const ROLES_TIMELINE = defineTimelineKinds(ROLE_TIMELINE_DATA, ROLE_TIMELINE_LABELS);

type RolesKinds = typeof ROLES_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends RolesKinds {}
}
