/**
 * Shift breaks on the scheduled-alert tick. Every assignment plans one `shift_break` alert, due
 * CRISIS_SHIFT_HOURS after it starts, in the transaction that records it; relieving the holder
 * cancels it in the transaction that relieves, and resolving cancels it with every other alert.
 * So each stint gets at most one offer, restart-safe (the due time is a row), never after a
 * handover or a resolution. When it falls due, the holder gets a DM (take a break; a Hand over
 * button) and the lead is told in the channel. The DM must go out (a failure is retried on the
 * next tick); the notice is best effort, so a retry never DMs the holder twice.
 */
import { z } from 'zod';
import { badStoredRow } from '../../store/bad-rows';
import { formatMinutes, minutesBetween } from '../../core/cadence';
import { ROLES, ROLE_LABELS, type RoleAssignment } from '../../core/roles';
import { planShiftAlert, shiftMinutes, shiftSubject } from './shifts';
import type { ScheduledAlert } from '../../core/scheduled-alert';
import type { Store } from '../../core/store';
import type { ServiceDeps, ServiceSettings } from '../../core/deps';
import type { AlertHandler } from '../../core/scheduled-alert-service';
import { person } from '../../core/words';

/** Plans the break offer of a new stint; nothing when shifts are off. Call inside the change's transaction. */
export function planShift(store: Store, settings: Pick<ServiceSettings, 'shiftHours'>, assignment: Pick<RoleAssignment, 'id' | 'crisisId' | 'role' | 'userId'>, startedAt: string): void {
  const minutes = shiftMinutes(settings.shiftHours);
  if (minutes === null) return;
  store.alerts.schedule(assignment.crisisId, [planShiftAlert(assignment, startedAt, minutes)], startedAt);
}

/** The stint ended (relief, handover): its offer will not be sent. Call inside the relief's transaction. */
export function endShift(store: Store, assignment: Pick<RoleAssignment, 'id' | 'crisisId'>, at: string): void {
  store.alerts.cancelSubject(assignment.crisisId, shiftSubject(assignment.id), at);
}

/** A reopened crisis: everyone still holding a role starts a new stint now. Call inside the reopening's transaction. */
export function resumeShifts(store: Store, settings: Pick<ServiceSettings, 'shiftHours'>, crisisId: number, at: string): void {
  for (const assignment of store.roles.active(crisisId)) planShift(store, settings, assignment, at);
}

const AlertData = z.object({ assignment_id: z.number().int(), role: z.enum(ROLES), user_id: z.string(), started_at: z.string() });

/** The stint an alert is about, as long as it still runs. */
function stintOf(alert: ScheduledAlert, store: Store): (RoleAssignment & { startedAt: string }) | undefined {
  const data = AlertData.safeParse(alert.data);
  if (!data.success) badStoredRow('scheduled_alerts.shift_break', data.error);
  if (!data.success) return undefined;
  const assignment = store.roles.find(data.data.assignment_id);
  if (!assignment || assignment.relievedAt !== null || assignment.crisisId !== alert.crisisId) return undefined;
  return { ...assignment, startedAt: data.data.started_at };
}

export function shiftAlertHandler(deps: Pick<ServiceDeps, 'store' | 'people' | 'logger'>): AlertHandler {
  return {
    stillWanted: (alert, store) => stintOf(alert, store) !== undefined && deps.people !== undefined,

    async deliver(alert, snapshot, now) {
      const stint = stintOf(alert, deps.store);
      const notifier = deps.people?.notifier;
      if (!stint || !notifier) return false;
      const shift = {
        userId: stint.userId,
        role: stint.role,
        minutesHeld: Math.max(0, Math.round(minutesBetween(stint.startedAt, now))),
        leadIds: snapshot.holders.lead,
      };
      await notifier.dmShiftBreak(snapshot, shift);
      try {
        await notifier.postShiftNotice(snapshot, shift);
      } catch (err) {
        deps.logger.warn('could not tell the lead about a shift break', { crisisId: alert.crisisId, userId: stint.userId, error: err });
      }
      return true;
    },

    recordSent(alert, store, at) {
      const data = AlertData.safeParse(alert.data);
      if (!data.success) badStoredRow('scheduled_alerts.shift_break', data.error);
      if (!data.success) return;
      const { assignment_id: assignmentId, role, user_id: userId, started_at: startedAt } = data.data;
      const minutesHeld = Math.max(0, Math.round(minutesBetween(startedAt, at)));
      store.timeline.append(
        alert.crisisId,
        {
          kind: 'shift_break',
          occurredAt: at,
          actorId: null,
          text: `${person(userId)} offered a break after ${formatMinutes(minutesHeld)} as ${ROLE_LABELS[role].toLowerCase()}; the lead was told`,
          data: { role, user_id: userId, assignment_id: assignmentId, minutes_held: minutesHeld },
        },
        at,
      );
    },
  };
}
