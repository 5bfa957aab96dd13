/**
 * The timeline kinds of the people side: a handover with its note, and a shift break offered.
 * Spread into TIMELINE_DATA (src/domain/timeline.ts) so the debrief and the timeline read them like
 * any other row.
 */
import { z } from 'zod';
import { ROLES } from '../../core/roles';

const role = z.enum(ROLES);

export const PEOPLE_TIMELINE_DATA = {
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

export const PEOPLE_TIMELINE_LABELS: Record<keyof typeof PEOPLE_TIMELINE_DATA, string> = {
  handover: 'Handover',
  shift_break: 'Shift break',
};
