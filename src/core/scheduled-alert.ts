/**
 * Scheduled alerts: one message the tick sends once at its due time (a deadline reminder, a missed
 * deadline; later a promise reminder or a shift break). This module holds what is pure about them:
 * their shape, and which of the alerts due now are sent and which are skipped. Pure.
 */

export const ALERT_STATES = ['pending', 'sent', 'cancelled', 'skipped'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface ScheduledAlert {
  id: number;
  crisisId: number;
  /** Which handler sends it (see ScheduledAlertService). */
  kind: string;
  /** What it is about, e.g. `deadline:authority`: alerts of one subject due together are sent once. */
  subject: string;
  /** Unique within the crisis: scheduling the same alert twice stores it once. */
  key: string;
  dueAt: string;
  leaseUntil: string | null;
  state: AlertState;
  /** What the handler needs; each handler checks it with its own schema. */
  data: Record<string, unknown>;
  createdAt: string;
  settledAt: string | null;
}

export interface NewScheduledAlert {
  kind: string;
  subject: string;
  key: string;
  dueAt: string;
  /** `skipped` records an alert that is planned but will never be sent (say, its time passed before it was planned). */
  state?: 'pending' | 'skipped';
  data?: Record<string, unknown>;
}

/** One alert to send now, and the older ones of its subject it makes redundant. */
export interface AlertBatch {
  send: ScheduledAlert;
  skip: ScheduledAlert[];
}

/**
 * Groups the due alerts by crisis and subject: the latest of each group is sent, the earlier ones
 * are skipped. After a downtime the team gets one catch-up per subject (say, "missed" rather than
 * three reminders and then "missed"), never a burst of stale ones. Order: oldest group first.
 */
export function collapseDue(due: readonly ScheduledAlert[]): AlertBatch[] {
  const groups = new Map<string, ScheduledAlert[]>();
  for (const alert of due) {
    const key = `${alert.crisisId}\u0000${alert.subject}`;
    const group = groups.get(key);
    if (group) group.push(alert);
    else groups.set(key, [alert]);
  }
  const batches: AlertBatch[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id));
    const send = sorted[sorted.length - 1];
    if (send) batches.push({ send, skip: sorted.slice(0, -1) });
  }
  return batches.sort((a, b) => (a.send.dueAt < b.send.dueAt ? -1 : a.send.dueAt > b.send.dueAt ? 1 : a.send.id - b.send.id));
}
