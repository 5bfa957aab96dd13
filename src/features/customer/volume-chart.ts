/**
 * The debrief's picture: complaint volume over the crisis, one line per source, with the timeline's
 * turning points (declaration, status and severity changes, statements S1, S2…, sharp rises,
 * resolution) and the deadline clocks marked on the time axis, each by a short tag the legend
 * explains, and the update cadence drawn as the times updates were due. A crisis with no samples
 * gets no chart (an empty plot says nothing the timeline does not). Pure: builds a TimeSeriesChart
 * spec from the samples, the timeline and the clocks; a ChartRenderer draws it.
 */
import { DEFAULT_CADENCE_MINUTES, formatMinutes } from '../../core/cadence';
import { STATUS_LABELS, type Crisis } from '../../core/crisis';
import type { TimeMarker, TimeSeries, TimeSeriesChart } from '../../core/chart-spec';
import { debriefDeadlines, type DeadlineOutcome } from '../deadlines';
import type { DeadlineClock } from '../deadlines';
import { dataOf, type TimelineEvent } from '../../core/timeline';
import { median, type VolumeSample } from './volume';

/** More lines than this are unreadable; the rest are named in the subtitle. */
export const MAX_SERIES = 8;
/** Enough for a week of hourly due times; a longer crisis keeps the first ones. */
export const MAX_DUE_TIMES = 500;
const MIN_SPAN_MS = 10 * 60_000;

export interface VolumeChartInput {
  crisis: Crisis;
  /** In time order. */
  samples: readonly VolumeSample[];
  /** The timeline; hidden entries are left out. */
  events: readonly TimelineEvent[];
  /** The crisis's deadline clocks, drawn at their due times (none when left out). */
  deadlines?: readonly DeadlineClock[];
  now: Date;
  timeZone: string;
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

const DEADLINE_WORDS: Record<DeadlineOutcome, string> = { met: 'Deadline met', missed: 'Deadline missed', running: 'Deadline due', open: 'Deadline not done at resolution' };

type UntaggedMarker = Omit<TimeMarker, 'tag'> & { statement?: number };

/** The marker an event stands for (its tag comes later), or null when it is not a turning point. */
function markerOf(event: TimelineEvent): UntaggedMarker | null {
  const atMs = Date.parse(event.occurredAt);
  if (Number.isNaN(atMs)) return null;
  switch (event.kind) {
    case 'declared':
      return { atMs, label: 'Declared', kind: 'declared' };
    case 'status_changed': {
      const data = safe(() => dataOf(event, 'status_changed'));
      return data ? { atMs, label: `Status: ${STATUS_LABELS[data.to]}`, kind: 'status' } : null;
    }
    case 'severity_changed': {
      const data = safe(() => dataOf(event, 'severity_changed'));
      return data ? { atMs, label: `Severity: ${data.to}`, kind: 'severity' } : null;
    }
    case 'statement': {
      const data = safe(() => dataOf(event, 'statement'));
      const where = data?.published_to?.trim();
      return { atMs, label: `Statement published${where ? ` (${where})` : ''}`, kind: 'statement', ...(data?.statement ? { statement: data.statement } : {}) };
    }
    case 'volume_rise':
      return { atMs, label: 'Sharp rise', kind: 'rise' };
    case 'resolved':
      return { atMs, label: 'Resolved', kind: 'resolved' };
    case 'reopened':
      return { atMs, label: 'Reopened', kind: 'reopened' };
    default:
      return null;
  }
}

/**
 * The timeline's turning points and the deadlines, in time order, each with its tag: statements
 * by their number (`S1`, `S2`…; rows from before statements were numbered, by their order),
 * deadlines `D1`, `D2`… by due time, everything else `1`, `2`….
 */
export function chartMarkers(events: readonly TimelineEvent[], deadlines: readonly DeadlineClock[], endIso: string, interim: boolean): TimeMarker[] {
  const fromDeadlines: UntaggedMarker[] = debriefDeadlines(deadlines, endIso, interim).map((d) => ({
    atMs: Date.parse(d.dueAt),
    // The outcome first: a long label may be shortened in the legend, the outcome never.
    label: `${DEADLINE_WORDS[d.outcome]}: ${d.label}`,
    kind: 'deadline',
  }));
  const untagged = [...events.map(markerOf).filter((m): m is UntaggedMarker => m !== null), ...fromDeadlines.filter((m) => !Number.isNaN(m.atMs))];
  untagged.sort((a, b) => a.atMs - b.atMs);
  let statements = 0;
  let deadlineCount = 0;
  let others = 0;
  return untagged.map(({ statement, ...m }) => {
    let tag: string;
    if (m.kind === 'statement') {
      statements += 1;
      tag = `S${statement ?? statements}`;
    } else if (m.kind === 'deadline') {
      deadlineCount += 1;
      tag = `D${deadlineCount}`;
    } else {
      others += 1;
      tag = String(others);
    }
    return { ...m, tag };
  });
}

/** When updates were due: the declaration's first due time, and each update's own and next due time. */
export function dueTimes(events: readonly TimelineEvent[]): number[] {
  const due = new Set<number>();
  const add = (iso: string | null | undefined): void => {
    const ms = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(ms)) due.add(ms);
  };
  for (const event of events) {
    if (event.kind === 'declared') {
      const data = safe(() => dataOf(event, 'declared'));
      if (data) due.add(Date.parse(event.occurredAt) + DEFAULT_CADENCE_MINUTES[data.severity] * 60_000);
    } else if (event.kind === 'update_posted') {
      const data = safe(() => dataOf(event, 'update_posted'));
      add(data?.due_at);
      add(data?.next_update_at);
    }
  }
  return [...due].sort((a, b) => a - b);
}

function seriesBySource(samples: readonly VolumeSample[]): { series: TimeSeries[]; dropped: string[] } {
  const bySource = new Map<string, TimeSeries>();
  for (const s of samples) {
    const atMs = Date.parse(s.sampledAt);
    if (Number.isNaN(atMs)) continue;
    let series = bySource.get(s.source);
    if (!series) {
      series = { label: s.source, points: [] };
      bySource.set(s.source, series);
    }
    series.points.push({ atMs, value: s.count });
  }
  const all = [...bySource.values()];
  return { series: all.slice(0, MAX_SERIES), dropped: all.slice(MAX_SERIES).map((s) => s.label) };
}

/** A gap in minutes as people would say it: to the minute under 10, to 5 minutes under an hour, else to 15. */
function roundGap(minutes: number): number {
  const step = minutes < 10 ? 1 : minutes < 60 ? 5 : 15;
  return Math.max(1, Math.round(minutes / step) * step);
}

/**
 * What a value on the y-axis is. A sample carries no period (a help desk or a person reports a
 * figure, and what it counts is theirs), so the axis says the counts are as reported, and how far
 * apart the samples came: about every N minutes when each source sent them at a steady pace
 * (every gap within a quarter of the median), else at irregular times.
 */
export function countLabel(series: readonly TimeSeries[]): string {
  const gaps: number[] = [];
  for (const s of series) {
    for (let i = 1; i < s.points.length; i += 1) gaps.push(((s.points[i]?.atMs ?? 0) - (s.points[i - 1]?.atMs ?? 0)) / 60_000);
  }
  const positive = gaps.filter((g) => g > 0);
  const gap = median(positive);
  if (gap === null) return 'complaints / tickets per sample; as reported';
  const steady = positive.every((g) => Math.abs(g - gap) <= gap / 4);
  return `complaints / tickets per sample; as reported, ${steady ? `about every ${formatMinutes(roundGap(gap))}` : 'at irregular times'}`;
}

/** The chart, or null when there is nothing to draw: a crisis with no samples gets no chart. */
export function buildVolumeChart(input: VolumeChartInput): TimeSeriesChart | null {
  const { crisis, samples, timeZone } = input;
  const { series, dropped } = seriesBySource(samples);
  if (series.length === 0) return null;
  const visible = input.events.filter((e) => !e.hidden);
  const interim = crisis.status !== 'resolved';
  const endMs = !interim && crisis.resolvedAt ? Date.parse(crisis.resolvedAt) : input.now.getTime();
  const markers = chartMarkers(visible, input.deadlines ?? [], new Date(endMs).toISOString(), interim);

  const declaredMs = Date.parse(crisis.declaredAt);
  // The deadlines only where they fall in the crisis: a 72-hour clock must not squeeze a 2-hour outage.
  const times = [declaredMs, endMs, ...markers.filter((m) => m.kind !== 'deadline').map((m) => m.atMs)];
  for (const s of series) {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    if (first) times.push(first.atMs);
    if (last) times.push(last.atMs);
  }
  const fromMs = Math.min(...times);
  const toMs = Math.max(fromMs + MIN_SPAN_MS, ...times);
  const inRange = (ms: number): boolean => ms >= fromMs && ms <= toMs;

  const sampleCount = series.reduce((n, s) => n + s.points.length, 0);
  const subtitle = [
    `#${crisis.channelName}`,
    `${sampleCount.toLocaleString('en')} volume sample${sampleCount === 1 ? '' : 's'}`,
    `times in ${timeZone}`,
    ...(dropped.length ? [`not drawn: ${dropped.join(', ')}`] : []),
  ].join(' · ');
  return {
    type: 'time_series',
    title: `Complaint volume: ${crisis.title}`,
    subtitle,
    timeZone,
    fromMs,
    toMs,
    yLabel: countLabel(series),
    series,
    markers,
    dueTimesMs: dueTimes(visible).filter(inRange).slice(0, MAX_DUE_TIMES),
    updateTimesMs: visible.filter((e) => e.kind === 'update_posted').map((e) => Date.parse(e.occurredAt)).filter(inRange),
  };
}
