/** Times and durations as people read them, in the configured crisis time zone. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { formatMinutes, minutesBetween } from '../../domain/cadence';

dayjs.extend(utc);
dayjs.extend(timezone);

/** "09:42 UTC" — for times on the same day as `now`; "26 Nov 09:42 UTC" otherwise. */
export function formatTime(iso: string, timeZone: string, now?: Date): string {
  const t = dayjs(iso).tz(timeZone);
  const zone = zoneLabel(iso, timeZone);
  const sameDay = now ? dayjs(now).tz(timeZone).format('YYYYMMDD') === t.format('YYYYMMDD') : false;
  return `${t.format(sameDay ? 'HH:mm' : 'D MMM HH:mm')} ${zone}`;
}

export function formatDateTime(iso: string, timeZone: string): string {
  return `${dayjs(iso).tz(timeZone).format('YYYY-MM-DD HH:mm')} ${zoneLabel(iso, timeZone)}`;
}

function zoneLabel(iso: string, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "12 min ago", "in 1 h 5 min", "now". */
export function relative(iso: string, now: Date): string {
  const minutes = minutesBetween(now, iso);
  if (Math.abs(minutes) < 1) return 'now';
  return minutes > 0 ? `in ${formatMinutes(minutes)}` : `${formatMinutes(-minutes)} ago`;
}

export function age(fromIso: string, now: Date): string {
  return formatMinutes(minutesBetween(fromIso, now));
}
