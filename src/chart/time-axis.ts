/**
 * Time-axis ticks for a chart drawn on a linear axis of epoch milliseconds: round steps (every 5,
 * 15, 30 minutes, every hour, 6 hours, a day…) aligned to the wall clock of the crisis time zone,
 * and labels in that zone. Kept apart from the renderer so it is tested without drawing.
 */

const STEP_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080, 20160, 43200] as const;

const partFormats = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, timeZone: string): Record<string, string> {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partFormats.set(timeZone, format);
  }
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** Minutes the zone is ahead of UTC at `ms`. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const asUtc = Date.UTC(Number(p.year), months.indexOf(p.month ?? 'Jan'), Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** The smallest round step that gives at most `maxTicks` ticks over the span. */
export function tickStepMinutes(spanMs: number, maxTicks = 10): number {
  const spanMinutes = spanMs / 60_000;
  return STEP_MINUTES.find((step) => spanMinutes / step <= maxTicks) ?? STEP_MINUTES[STEP_MINUTES.length - 1] ?? 43200;
}

/** Tick positions from `fromMs` to `toMs`, on the zone's round times. */
export function timeTicks(fromMs: number, toMs: number, timeZone: string, maxTicks = 10): number[] {
  const step = tickStepMinutes(toMs - fromMs, maxTicks) * 60_000;
  const offset = zoneOffsetMinutes(fromMs, timeZone) * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs + offset) / step) * step - offset; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/** `09:30`, with the date under it on the first tick and whenever the day changes. */
export function tickLabel(ms: number, previousMs: number | undefined, timeZone: string): string | string[] {
  const p = parts(ms, timeZone);
  const time = `${p.hour}:${p.minute}`;
  const day = `${p.day} ${p.month}`;
  if (previousMs === undefined) return [time, day];
  const q = parts(previousMs, timeZone);
  return q.day === p.day && q.month === p.month ? time : [time, day];
}

/** `09:30`, or `27 Nov 09:30` when the chart spans days: a marker's time in the legend. */
export function shortTime(ms: number, timeZone: string, withDay: boolean): string {
  const p = parts(ms, timeZone);
  return withDay ? `${p.day} ${p.month} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}`;
}
