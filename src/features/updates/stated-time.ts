/**
 * A next-update time stated in an update's own words ("Next update by 09:55", "we'll update again
 * in 30 min"). While the text says when the next update comes, that is when the update clock is
 * due: the channel never reads two deadlines, and the bot reminds at the time people were told.
 * Pure: `now` and the time zone are passed in.
 *
 * The grammar, case aside, within one sentence (nothing of `. ; ! ?` or a line break in between):
 *
 *   ANCHOR [up to 5 words] TIME, or ANCHOR: TIME
 *   ANCHOR   update | updates | updating | again
 *   TIME     (by | at | before | around | until) CLOCK [ZONE] [tomorrow]
 *            CLOCK [ZONE] [tomorrow]             (right after the anchor: "Next update: 10:30")
 *            in DURATION
 *   CLOCK    H:MM or HH:MM (24-hour), or with am/pm; or H am/pm ("10am")
 *   ZONE     UTC, GMT or Z (read in UTC), or the crisis time zone's abbreviation (e.g. CET)
 *   DURATION N m|min|mins|minute|minutes, N h|hr|hrs|hour|hours [and M min], NhMM, an hour, half an hour
 *
 * "tomorrow" may also stand among the words before the time ("next update tomorrow at 09:00").
 * A clock time is the next time the crisis zone's clocks show it, except one passed less than an
 * hour ago, which is read as a mistake, not as tomorrow. The first such phrase counts. Words
 * without the anchor ("the fix lands in 30 min") state nothing about the next update.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { formatMinutes, MAX_CADENCE_MINUTES, MIN_CADENCE_MINUTES } from '../../core/cadence';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A stated time that passed less than this long ago is a mistake rather than tomorrow's. */
const PASSED_GRACE_MINUTES = 60;

export type StatedTime =
  /** `at`: when the next update is due; `words`: the phrase that says so, as written. */
  | { kind: 'due'; at: string; words: string; minutesAhead: number }
  /** A stated time the update clock cannot take; `why` says what is wrong, for the person. */
  | { kind: 'problem'; words: string; why: string };

const CLOCK = String.raw`(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)?`;
const ZONE = String.raw`(?:\s*(UTC|GMT|Z|[A-Za-z]{2,4}T)\b)?`;
const UNIT_MIN = String.raw`(?:m|mins?|minutes?)`;
const UNIT_H = String.raw`(?:h|hrs?|hours?)`;
// Hours may carry minutes: "1h30", "1 h 30 min", "2 hours and 15 minutes".
const DURATION = String.raw`(?:(\d{1,4})\s*${UNIT_H}(?:(\d{2})|\s*(?:and\s+)?(\d{1,2})\s*${UNIT_MIN})?|(\d{1,5})\s*${UNIT_MIN}|(an|half an)\s+hour)\b`;
const STATED = new RegExp(
  String.raw`\b(?:update|updates|updating|again)\b(\s*[:\-–—])?((?:[\s,]+[^\s.;:!?,]+){0,5}?)[\s,]+(` +
    String.raw`(?:(by|at|before|around|until)\s+)?${CLOCK}${ZONE}(?:\s+(tomorrow)\b)?` +
    String.raw`|in\s+${DURATION})`,
  'giu',
);

interface ClockWords {
  hour: number;
  minute: number;
  zone: string | undefined;
  tomorrow: boolean;
}

/** The hour and minute a CLOCK says, or undefined when it is no time (a bare number, 25:00). */
function clockOf(hourText: string, minuteText: string | undefined, meridiem: string | undefined): { hour: number; minute: number } | undefined {
  if (minuteText === undefined && meridiem === undefined) return undefined;
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return { hour, minute };
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** The crisis zone's abbreviation at `at` ("UTC", "CET", "GMT+1"); one formatter per zone, kept. */
function zoneLabel(at: Date, timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  let format = zoneNames.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' });
    zoneNames.set(timeZone, format);
  }
  return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

function resolveClock(words: string, clock: ClockWords, now: Date, timeZone: string): StatedTime {
  const zoneWord = clock.zone;
  const local = zoneLabel(now, timeZone);
  let zone = timeZone;
  if (zoneWord && ['UTC', 'GMT', 'Z'].includes(zoneWord)) zone = 'UTC';
  else if (zoneWord && zoneWord !== local) {
    return { kind: 'problem', words, why: `it names the time zone ${zoneWord}, but times here are in ${timeZone} (${local}); give the time in ${local} or UTC` };
  }
  const hhmm = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  const today = dayjs(now).tz(zone).format('YYYY-MM-DD');
  const on = (date: string): number => dayjs.tz(`${date} ${hhmm}`, 'YYYY-MM-DD HH:mm', zone).valueOf();
  const tomorrow = dayjs.tz(`${today} 12:00`, 'YYYY-MM-DD HH:mm', zone).add(1, 'day').format('YYYY-MM-DD');
  let at = on(clock.tomorrow ? tomorrow : today);
  if (!clock.tomorrow && at <= now.getTime()) {
    if (now.getTime() - at <= PASSED_GRACE_MINUTES * 60_000) {
      return { kind: 'problem', words, why: `${hhmm} has passed (it is ${dayjs(now).tz(zone).format('HH:mm')} ${zone === 'UTC' ? 'UTC' : local} now)` };
    }
    at = on(tomorrow);
  }
  return inRange(words, (at - now.getTime()) / 60_000, now);
}

function inRange(words: string, minutesAhead: number, now: Date): StatedTime {
  if (minutesAhead < MIN_CADENCE_MINUTES) return { kind: 'problem', words, why: 'that is less than a minute away' };
  if (minutesAhead > MAX_CADENCE_MINUTES) return { kind: 'problem', words, why: `that is ${formatMinutes(minutesAhead)} away, more than 24 hours` };
  return { kind: 'due', at: new Date(now.getTime() + Math.round(minutesAhead * 60_000)).toISOString(), words, minutesAhead };
}

function durationMinutes(hours: string | undefined, extra: string | undefined, minutes: string | undefined, phrase: string | undefined): number {
  if (hours !== undefined) return Number(hours) * 60 + Number(extra ?? 0);
  if (minutes !== undefined) return Number(minutes);
  return phrase?.toLowerCase() === 'an' ? 60 : 30;
}

/** The next-update time the text states, or undefined when it states none (see the grammar above). */
export function findStatedTime(text: string, now: Date, timeZone: string): StatedTime | undefined {
  for (const m of text.matchAll(STATED)) {
    const [, colon, gap = '', words = '', preposition, hourText, minuteText, meridiem, zone, tomorrowWord, hours, hoursMinutes, extra, minutes, phrase] = m;
    const spoken = words.trim();
    // After "Update:" the time comes at once; "Update: the fix lands in 30 min" states nothing.
    if (colon !== undefined && gap.trim() !== '') continue;
    if (spoken.toLowerCase().startsWith('in')) {
      return inRange(spoken, durationMinutes(hours, hoursMinutes ?? extra, minutes, phrase), now);
    }
    if (hourText === undefined) continue;
    // A clock with no "by"/"at" counts only right after the anchor ("Next update: 10:30").
    if (preposition === undefined && gap.trim() !== '') continue;
    const clock = clockOf(hourText, minuteText, meridiem);
    if (!clock) continue;
    const tomorrow = tomorrowWord !== undefined || /\btomorrow\b/i.test(gap);
    // A word read as a zone that is none (lower case: "but", "that") is no part of the time.
    const isZone = zone !== undefined && (zone === zone.toUpperCase() || ['UTC', 'GMT'].includes(zone.toUpperCase()));
    const shown = zone !== undefined && !isZone ? spoken.slice(0, spoken.lastIndexOf(zone)).trim() : spoken;
    return resolveClock(shown, { ...clock, zone: isZone ? zone.toUpperCase() : undefined, tomorrow }, now, timeZone);
  }
  return undefined;
}
