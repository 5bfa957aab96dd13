/**
 * The debrief's picture: complaint volume over the crisis, one line per source, with the timeline's
 * turning points (declaration, status and severity changes, statements, sharp rises, resolution)
 * marked on the time axis and the update cadence drawn as the times updates were due. Pure: builds
 * a TimeSeriesChart spec from the samples and the timeline; a ChartRenderer draws it.
 */
import { DEFAULT_CADENCE_MINUTES } from './cadence';
import { STATUS_LABELS, type Crisis } from './crisis';
import type { MarkerKind, TimeMarker, TimeSeries, TimeSeriesChart } from './chart-spec';
import { dataOf, type TimelineEvent } from './timeline';
import type { VolumeSample } from './volume';

/** More lines than this are unreadable; the rest are named in the subtitle. */
export const MAX_SERIES = 8;
/** Enough for a week of hourly due times; a longer crisis keeps the first ones. */
export const MAX_DUE_TIMES = 500;
const MIN_SPAN_MS = 10 * 60_000;

/** A marker from outside the timeline (e.g. a published statement), by time and label. */
export interface ExtraMarker {
  at: string;
  label: string;
  kind?: MarkerKind;
}

export interface VolumeChartInput {
  crisis: Crisis;
  /** In time order. */
  samples: readonly VolumeSample[];
  /** The timeline; hidden entries are left out. */
  events: readonly TimelineEvent[];
  extraMarkers?: readonly ExtraMarker[];
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

/** The marker an event stands for, or null when it is not a turning point. */
export function markerOf(event: TimelineEvent): TimeMarker | null {
  const atMs = Date.parse(event.occurredAt);
  if (Number.isNaN(atMs)) return null;
  switch (event.kind) {
    case 'declared':
      return { atMs, label: 'Declared', kind: 'declared' };
    case 'status_changed': {
      const data = safe(() => dataOf(event, 'status_changed'));
      return data ? { atMs, label: STATUS_LABELS[data.to], kind: 'status' } : null;
    }
    case 'severity_changed': {
      const data = safe(() => dataOf(event, 'severity_changed'));
      return data ? { atMs, label: data.to, kind: 'severity' } : null;
    }
    case 'statement':
      return { atMs, label: 'Statement', kind: 'statement' };
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

export function buildVolumeChart(input: VolumeChartInput): TimeSeriesChart {
  const { crisis, samples, timeZone } = input;
  const visible = input.events.filter((e) => !e.hidden);
  const markers = [
    ...visible.map(markerOf).filter((m): m is TimeMarker => m !== null),
    ...(input.extraMarkers ?? []).map((m) => ({ atMs: Date.parse(m.at), label: m.label, kind: m.kind ?? 'other' })).filter((m) => !Number.isNaN(m.atMs)),
  ].sort((a, b) => a.atMs - b.atMs);
  const { series, dropped } = seriesBySource(samples);

  const declaredMs = Date.parse(crisis.declaredAt);
  const endMs = crisis.status === 'resolved' && crisis.resolvedAt ? Date.parse(crisis.resolvedAt) : input.now.getTime();
  const times = [declaredMs, endMs, ...markers.map((m) => m.atMs)];
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
    yLabel: 'complaints / tickets',
    series,
    markers,
    dueTimesMs: dueTimes(visible).filter(inRange).slice(0, MAX_DUE_TIMES),
    updateTimesMs: visible.filter((e) => e.kind === 'update_posted').map((e) => Date.parse(e.occurredAt)).filter(inRange),
    emptyNote: 'No volume samples were recorded; the timeline of events is shown.',
  };
}
