/** Times and durations as people read them, in the configured crisis time zone. */
import { formatMinutes, minutesBetween } from '../../core/cadence';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  /** The zone's short name then ("CET", "CEST", "UTC"). */
  zone: string;
}

/*
 * Building an Intl formatter costs about a tenth of a millisecond and `/crisis list` shows dozens
 * of times, so there is one formatter per zone, kept (dayjs' tz() built one per call, and made the
 * list ack several times slower than a bare ack).
 */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = map.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    map.set(timeZone, format);
  }
  return format;
}

/*
 * formatToParts itself costs tens of microseconds, and a list shows two times per crisis, `now`
 * among them each time: the wall clock of a minute is kept (zones are offset in whole minutes, so
 * every instant of a UTC minute reads the same), a few thousand minutes at most.
 */
const wallClocks = new Map<string, WallClock>();
const MAX_WALL_CLOCKS = 4096;

function wallClock(at: Date, timeZone: string): WallClock {
  const key = `${timeZone}|${Math.floor(at.getTime() / 60_000)}`;
  const known = wallClocks.get(key);
  if (known) return known;
  const parts = cached(wallClockFormats, timeZone, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const clock = { year: part('year'), month: part('month'), day: part('day'), hour: part('hour').padStart(2, '0'), minute: part('minute').padStart(2, '0'), zone: zoneLabel(at, timeZone) };
  if (wallClocks.size >= MAX_WALL_CLOCKS) wallClocks.clear();
  wallClocks.set(key, clock);
  return clock;
}

/** "09:42 UTC" — for times on the same day as `now`; "26 Nov 09:42 UTC" otherwise. */
export function formatTime(iso: string, timeZone: string, now?: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'Invalid Date';
  const t = wallClock(at, timeZone);
  const n = now ? wallClock(now, timeZone) : undefined;
  const sameDay = n !== undefined && n.year === t.year && n.month === t.month && n.day === t.day;
  const clock = `${t.hour}:${t.minute}`;
  return `${sameDay ? clock : `${Number(t.day)} ${MONTHS[Number(t.month) - 1] ?? ''} ${clock}`} ${t.zone}`;
}

function zoneLabel(at: Date, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  const part = cached(zoneNameFormats, timeZone, { timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function age(fromIso: string, now: Date): string {
  return formatMinutes(minutesBetween(fromIso, now));
}
