/**
 * How deadline alerts are sent: a reminder at each of a clock's reminder times and one when it
 * passes unmet, in the crisis channel, mentioning the lead and legal. Registered with
 * ScheduledAlertService for the kinds `deadline_reminder` and `deadline_missed`.
 */
import { z } from 'zod';
import { badStoredRow } from '../../store/bad-rows';
import { minutesBetween } from '../../core/cadence';
import type { DeadlineAlertKind, DeadlineClock } from './deadlines';
import type { ScheduledAlert } from '../../core/scheduled-alert';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { AlertHandler } from '../../core/scheduled-alert-service';

const AlertData = z.object({ clock_id: z.string(), generation: z.number().int() });

/** The clock an alert is about, as long as the alert belongs to its current start and it is open. */
function clockOf(alert: ScheduledAlert, store: Store): DeadlineClock | undefined {
  const data = AlertData.safeParse(alert.data);
  if (!data.success) badStoredRow('scheduled_alerts.deadline', data.error);
  if (!data.success) return undefined;
  const clock = store.deadlines.find(alert.crisisId, data.data.clock_id);
  if (!clock || clock.doneAt !== null || clock.generation !== data.data.generation) return undefined;
  return clock;
}

export function deadlineAlertHandler(deps: Pick<ServiceDeps, 'notifier' | 'store'>, kind: DeadlineAlertKind): AlertHandler {
  return {
    stillWanted: (alert, store) => clockOf(alert, store) !== undefined,

    async deliver(alert, snapshot, now) {
      const clock = clockOf(alert, deps.store);
      if (!clock) return false;
      const mentionIds = [...new Set([...snapshot.holders.lead, ...snapshot.holders.legal])];
      await deps.notifier.postDeadlineAlert(snapshot, {
        kind: kind === 'deadline_missed' ? 'missed' : 'reminder',
        clock,
        minutesLeft: Math.max(0, Math.round(minutesBetween(now, clock.dueAt))),
        mentionIds,
      });
      return true;
    },

    recordSent(alert, store, at) {
      const data = AlertData.safeParse(alert.data);
      if (!data.success) badStoredRow('scheduled_alerts.deadline', data.error);
      const clock = data.success ? store.deadlines.find(alert.crisisId, data.data.clock_id) : undefined;
      if (!clock) return;
      const common = { occurredAt: at, actorId: null };
      if (kind === 'deadline_missed') {
        store.timeline.append(alert.crisisId, { ...common, kind: 'deadline_missed', text: `Missed: ${clock.label}`, data: { clock_id: clock.clockId, due_at: clock.dueAt } }, at);
        return;
      }
      const minutesLeft = Math.max(0, Math.round(minutesBetween(at, clock.dueAt)));
      store.timeline.append(
        alert.crisisId,
        { ...common, kind: 'deadline_reminder', text: `Reminder: ${clock.label}`, data: { clock_id: clock.clockId, due_at: clock.dueAt, minutes_left: minutesLeft } },
        at,
      );
    },
  };
}
