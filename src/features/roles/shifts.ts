/**
 * Shifts: after CRISIS_SHIFT_HOURS of holding a role in an open crisis without a handover, the
 * holder is offered a break. A stint runs from an assignment to its relief (a handover, an
 * unassign) or to the resolution; each stint gets one scheduled alert, so one offer. Reopening a
 * crisis starts a new stint for everyone still holding a role. Pure.
 */
import { addMinutes } from '../../core/cadence';
import type { RoleAssignment } from '../../core/roles';
import type { NewScheduledAlert } from '../../core/scheduled-alert';

export const SHIFT_ALERT_KIND = 'shift_break';

/** Hours as configured: 0 turns the offer off; at most a week, so a typo cannot hide it. */
export const MAX_SHIFT_HOURS = 168;

/** Whole minutes of a shift, or null when shifts are off (0, unset). */
export function shiftMinutes(hours: number | undefined): number | null {
  if (hours === undefined || !Number.isFinite(hours) || hours <= 0) return null;
  return Math.max(1, Math.round(hours * 60));
}

/** Every alert of one stint shares its subject, so relieving the holder cancels them all. */
export function shiftSubject(assignmentId: number): string {
  return `shift:${assignmentId}`;
}

/**
 * The break offer for a stint that starts at `startedAt` (the assignment, or a reopening). The key
 * carries the start, so a reopened crisis's new stint is a new alert while the same stint planned
 * twice is stored once.
 */
export function planShiftAlert(assignment: Pick<RoleAssignment, 'id' | 'role' | 'userId'>, startedAt: string, minutes: number): NewScheduledAlert {
  return {
    kind: SHIFT_ALERT_KIND,
    subject: shiftSubject(assignment.id),
    key: `${shiftSubject(assignment.id)}:${startedAt}`,
    dueAt: addMinutes(startedAt, minutes),
    data: { assignment_id: assignment.id, role: assignment.role, user_id: assignment.userId, started_at: startedAt },
  };
}
