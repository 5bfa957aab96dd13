/**
 * Deadline clocks: a duty with a due time (notify the supervisory authority within 72 hours of
 * becoming aware, report to the product-safety regulator within 24 hours), from the crisis type's
 * playbook or added by hand. What state a clock is in, which alerts it schedules, who may change
 * it, and the start times people type. Pure: `now` and the time zone are passed in.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { addMinutes, formatMinutes } from '../../core/cadence';
import type { Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import type { NewScheduledAlert } from '../../core/scheduled-alert';
import { people } from '../../core/words';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

export type ClockSource = 'playbook' | 'manual';

export interface DeadlineClock {
  id: number;
  crisisId: number;
  /** `authority`, `regulator`, … from the playbook; `d1`, `d2`, … when added by hand. */
  clockId: string;
  label: string;
  source: ClockSource;
  dueAfterMinutes: number;
  /** Minutes before the due time, longest first. */
  remindBeforeMinutes: number[];
  startedAt: string;
  dueAt: string;
  /** Bumped by each restart, so alerts of an earlier start are told apart. */
  generation: number;
  doneAt: string | null;
  doneBy: string | null;
  createdBy: string;
  createdAt: string;
}

/** What the card and the list need of the next clock. */
export type NextDeadline = Pick<DeadlineClock, 'clockId' | 'label' | 'dueAt'>;

export type ClockState = 'running' | 'done' | 'missed';

/** `done` once marked (on time or late), `missed` once due and not done, else `running`. */
export function clockState(clock: Pick<DeadlineClock, 'doneAt' | 'dueAt'>, now: Date): ClockState {
  if (clock.doneAt !== null) return 'done';
  return Date.parse(clock.dueAt) <= now.getTime() ? 'missed' : 'running';
}

/** Marked done by its due time. */
export function metInTime(clock: Pick<DeadlineClock, 'doneAt' | 'dueAt'>): boolean {
  return clock.doneAt !== null && Date.parse(clock.doneAt) <= Date.parse(clock.dueAt);
}

/** The open clock due soonest, for the card. */
export function nextOpenClock<C extends Pick<DeadlineClock, 'doneAt' | 'dueAt'>>(clocks: readonly C[]): C | undefined {
  return clocks.filter((c) => c.doneAt === null).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

export const MIN_CLOCK_MINUTES = 1;
export const MAX_CLOCK_MINUTES = 90 * 1440;
export const MAX_CLOCK_LABEL = 150;
/** How far back `deadline start` may put the moment the company became aware. */
export const MAX_START_BACK_DAYS = 30;

/**
 * Reminders of a clock added by hand: from a day, four hours, an hour and fifteen minutes before,
 * those within the second half of the clock, at most three. A 4-hour clock reminds at 1 h and
 * 15 min before; a 20-minute clock only when it is missed.
 */
export function manualReminders(dueAfterMinutes: number): number[] {
  return [1440, 240, 60, 15].filter((m) => m <= dueAfterMinutes / 2).slice(0, 3);
}

export const DEADLINE_ALERT_KINDS = ['deadline_reminder', 'deadline_missed'] as const;
export type DeadlineAlertKind = (typeof DEADLINE_ALERT_KINDS)[number];

export function deadlineSubject(clockId: string): string {
  return `deadline:${clockId}`;
}

/**
 * The alerts of one start of a clock: a reminder at each of its reminder times and one when it
 * passes unmet. Those already past when planned are recorded as skipped, except that the latest
 * reminder still ahead of a not-yet-due clock is sent at once (a restart that moved the start back
 * deserves one reminder, not a burst), and "missed" is sent unless it was sent for an earlier start.
 */
export function planClockAlerts(
  clock: Pick<DeadlineClock, 'clockId' | 'dueAt' | 'remindBeforeMinutes' | 'generation'>,
  now: Date,
  options: { missedAlreadySent?: boolean } = {},
): NewScheduledAlert[] {
  const subject = deadlineSubject(clock.clockId);
  const dueMs = Date.parse(clock.dueAt);
  const nowMs = now.getTime();
  const overdue = dueMs <= nowMs;
  const data = { clock_id: clock.clockId, generation: clock.generation };
  const reminders = clock.remindBeforeMinutes.map((before) => ({ before, at: addMinutes(clock.dueAt, -before) }));
  const pastReminders = reminders.filter((r) => Date.parse(r.at) <= nowMs);
  const latestPast = overdue ? undefined : pastReminders.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  const alerts: NewScheduledAlert[] = reminders.map((r) => ({
    kind: 'deadline_reminder',
    subject,
    key: `${subject}:g${clock.generation}:remind:${r.before}`,
    dueAt: r.at,
    state: Date.parse(r.at) > nowMs || r === latestPast ? 'pending' : 'skipped',
    data: { ...data, remind_before: r.before },
  }));
  alerts.push({
    kind: 'deadline_missed',
    subject,
    key: `${subject}:g${clock.generation}:missed`,
    dueAt: clock.dueAt,
    state: options.missedAlreadySent ? 'skipped' : 'pending',
    data,
  });
  return alerts;
}

/**
 * Who may start, restart, add and mark clocks: the lead, the legal holder, the declarer or an
 * admin. Clocks are legal duties; anyone else asks them.
 */
export function assertCanManageDeadlines(
  crisis: Pick<Crisis, 'declaredBy'>,
  holders: { lead: readonly string[]; legal: readonly string[] },
  admins: readonly string[],
  userId: string,
): void {
  if (userId === crisis.declaredBy || holders.lead.includes(userId) || holders.legal.includes(userId) || admins.includes(userId)) return;
  const who = people([...new Set([...holders.lead, ...holders.legal, crisis.declaredBy])]);
  throw new CrisisError('forbidden', `Only the lead, legal, the person who declared this crisis${admins.length ? ' or a crisis admin' : ''} can change the deadline clocks. Ask ${who}. Nothing changed.`);
}

/** A start time as typed: `HH:MM` (today in the crisis zone) or a date and a time. */
export interface WallTime {
  date?: string;
  time: string;
}

/**
 * The moment a typed start time means, in `timeZone`. The start is when the company became aware,
 * so it lies in the past (never ahead of `now`) and at most 30 days back.
 */
export function resolveStartTime(wall: WallTime, now: Date, timeZone: string): string {
  const date = wall.date ?? dayjs(now).tz(timeZone).format('YYYY-MM-DD');
  const local = dayjs.tz(`${date} ${wall.time}`, 'YYYY-MM-DD HH:mm', timeZone);
  // A time that does not exist (February 30th, or skipped by a daylight-saving change) reads back different.
  if (!local.isValid() || local.format('YYYY-MM-DD HH:mm') !== `${date} ${wall.time}`) throw new CrisisError('bad_input', `${date} ${wall.time} is not a time. Give \`HH:MM\` or \`YYYY-MM-DD HH:MM\` (${timeZone}).`);
  const at = local.toDate();
  if (at.getTime() > now.getTime()) {
    const hint = wall.date ? '' : ' For yesterday, give the date too, e.g. `/crisis deadline start authority 2026-03-04 22:15`.';
    throw new CrisisError('bad_input', `${date} ${wall.time} (${timeZone}) is in the future. The start is when the company became aware: now or earlier.${hint} Nothing changed.`);
  }
  if (now.getTime() - at.getTime() > MAX_START_BACK_DAYS * 1440 * 60_000) {
    throw new CrisisError('bad_input', `${date} ${wall.time} is more than ${MAX_START_BACK_DAYS} days ago. Give a time within the last ${MAX_START_BACK_DAYS} days. Nothing changed.`);
  }
  return at.toISOString();
}

/** "in 3 h 20 min" or "4 h 10 min ago", from `now` to `iso`. */
export function untilText(iso: string, now: Date): string {
  const minutes = (Date.parse(iso) - now.getTime()) / 60_000;
  return minutes >= 0 ? `in ${formatMinutes(minutes)}` : `${formatMinutes(-minutes)} ago`;
}
