/**
 * Update cadence: how often a crisis owes an update, when the next is due, and whether a reminder
 * is a first nudge or an overdue escalation. Pure; every function takes the time it reasons about.
 */
import { CrisisError } from './errors';
import type { Severity } from './crisis';

export const DEFAULT_CADENCE_MINUTES: Record<Severity, number> = {
  sev1: 30,
  sev2: 60,
  sev3: 240,
  sev4: 1440,
};

export const MIN_CADENCE_MINUTES = 1;
export const MAX_CADENCE_MINUTES = 24 * 60;
export const SNOOZE_CHOICES_MINUTES = [15, 30] as const;

export type CadenceSource = 'default' | 'manual';

export function validateCadence(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < MIN_CADENCE_MINUTES || minutes > MAX_CADENCE_MINUTES) {
    throw new CrisisError(
      'bad_input',
      'The update cadence must be between 1 minute and 24 hours, e.g. `/crisis remind every 30m` or `/crisis remind every 2h`.',
    );
  }
  return minutes;
}

export function addMinutes(iso: string | Date, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

/**
 * When the next update is due after the last one. A cadence that is already overrun (say a
 * severity raised to sev1 long after the last update) makes it due now rather than in the past,
 * so it is reminded once at the next tick.
 */
export function nextDueAt(lastUpdateAt: string, cadenceMinutes: number, now: Date): string {
  const due = new Date(lastUpdateAt).getTime() + cadenceMinutes * 60_000;
  return new Date(Math.max(due, now.getTime())).toISOString();
}

/**
 * When the update being posted now was due. Usually next_due_at; but once a reminder went out
 * (or is being sent) since the last update, next_due_at has moved on (to the next reminder, a
 * snooze, or a claim's lease) and the update was due no later than that reminder. Read from the
 * times, not from reminders_since_update: a snooze resets that counter (so the reminder after it
 * is not an escalation) but does not make a late update on time. After several reminders this
 * is the latest of them, which is still before the update, so on-time versus late stays right.
 */
export function updateDueAt(state: Pick<ReminderState, 'nextDueAt' | 'lastUpdateAt' | 'lastRemindedAt'>): string {
  return state.lastRemindedAt && state.lastRemindedAt > state.lastUpdateAt ? state.lastRemindedAt : state.nextDueAt;
}

/** A snooze length offered on the reminder; anything else is refused. */
export function validateSnooze(minutes: number): number {
  if (!(SNOOZE_CHOICES_MINUTES as readonly number[]).includes(minutes)) {
    throw new CrisisError('bad_input', `Snooze for ${SNOOZE_CHOICES_MINUTES.join(' or ')} minutes.`);
  }
  return minutes;
}

/** A reminder after one that was ignored for a whole cadence is an overdue escalation. */
export function isEscalation(remindersSinceUpdate: number): boolean {
  return remindersSinceUpdate >= 1;
}

/** "45 min", "2 h", "1 h 30 min", "1 day". */
export function formatMinutes(total: number): string {
  const minutes = Math.max(0, Math.round(total));
  if (minutes === 0) return 'less than a minute';
  if (minutes === 1440) return '24 h';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(days === 1 ? '1 day' : `${days} days`);
  if (hours) parts.push(`${hours} h`);
  if (mins) parts.push(`${mins} min`);
  return parts.join(' ');
}

export function minutesBetween(from: string | Date, to: string | Date): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / 60_000;
}

/** The reminder schedule of one crisis, as stored. */
export interface ReminderState {
  crisisId: number;
  enabled: boolean;
  cadenceMinutes: number;
  cadenceSource: CadenceSource;
  lastUpdateAt: string;
  nextDueAt: string;
  remindersSinceUpdate: number;
  lastRemindedAt: string | null;
}
