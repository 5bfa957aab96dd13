/**
 * Where a time-series chart's marker tags and legend go, so that no two labels overlap and none is
 * cut: each marker's short tag (`S1`, `D1`, `3`) sits in a badge in a strip above the plot, on the
 * first row where it clears its neighbours (rows stack up as markers crowd); the legend under the
 * time axis gives every tag its time and its whole label, wrapped to the width. Only text widths
 * are measured (a `measure` function), so the layout is tested without drawing.
 */
import type { TimeMarker, TimeSeriesChart } from '../core/chart-spec';
import { cutGraphemes } from '../core/text';
import { shortTime } from './time-axis';

export const BADGE_FONT_PX = 11;
export const BADGE_HEIGHT = 15;
/** Vertical pitch of the badge rows. */
export const ROW_HEIGHT = 19;
/** A crowd needing more rows than this leaves its latest tags to the legend alone. */
export const MAX_BADGE_ROWS = 8;
const BADGE_PADDING = 5;
const BADGE_GAP = 4;

export const LEGEND_FONT_PX = 12;
export const LEGEND_LINE_HEIGHT = 18;
/** Lines of legend at most, so the plot keeps most of the 700-pixel canvas; beyond, it says how many more. */
export const MAX_LEGEND_LINES = 7;
const LEGEND_ENTRY_GAP = 22;
const MAX_LEGEND_LABEL = 70;

export type Measure = (text: string, font: 'badge' | 'legend') => number;

export interface Badge {
  marker: TimeMarker;
  /** The marker's own x, where its line is drawn. */
  x: number;
  left: number;
  width: number;
  /** 0 is the row nearest the plot. */
  row: number;
}

export interface BadgeLayout {
  badges: Badge[];
  rows: number;
  /** Markers in the plot whose tag found no room (the legend still lists them). */
  untagged: TimeMarker[];
}

/** The badges of the markers that fall between `left` and `right` (the plot's pixels), row by row. */
export function layoutBadges(markers: readonly TimeMarker[], xOf: (ms: number) => number, left: number, right: number, measure: Measure): BadgeLayout {
  const rowEnds: number[] = [];
  const badges: Badge[] = [];
  const untagged: TimeMarker[] = [];
  const placed = markers
    .map((marker) => ({ marker, x: xOf(marker.atMs) }))
    .filter(({ x }) => x >= left - 1 && x <= right + 1)
    .sort((a, b) => a.x - b.x);
  for (const { marker, x } of placed) {
    const width = Math.ceil(measure(marker.tag, 'badge')) + 2 * BADGE_PADDING;
    // Centred on its line, but never past the plot's edges: nothing is cut.
    const boxLeft = Math.min(Math.max(x - width / 2, left), right - width);
    let row = rowEnds.findIndex((end) => end + BADGE_GAP <= boxLeft);
    if (row === -1 && rowEnds.length < MAX_BADGE_ROWS) {
      row = rowEnds.length;
      rowEnds.push(Number.NEGATIVE_INFINITY);
    }
    if (row === -1) {
      untagged.push(marker);
      continue;
    }
    rowEnds[row] = boxLeft + width;
    badges.push({ marker, x, left: boxLeft, width, row });
  }
  return { badges, rows: rowEnds.length, untagged };
}

/** Height of the strip above the plot that holds `rows` rows of badges. */
export function stripHeight(rows: number): number {
  return rows === 0 ? 0 : rows * ROW_HEIGHT + 4;
}

/** One entry of the legend: a swatch of its kind, then its text. */
export type LegendSwatch = { kind: 'series'; color: string } | { kind: 'due' } | { kind: 'posted' } | { kind: 'marker'; marker: TimeMarker } | { kind: 'more' };

export interface LegendEntry {
  swatch: LegendSwatch;
  text: string;
  /** Width of the swatch and the text together, in pixels. */
  width: number;
}

function shortened(text: string): string {
  return cutGraphemes(text, MAX_LEGEND_LABEL);
}

function swatchWidth(swatch: LegendSwatch, measure: Measure): number {
  if (swatch.kind === 'marker') return Math.ceil(measure(swatch.marker.tag, 'badge')) + 2 * BADGE_PADDING + 6;
  return swatch.kind === 'more' ? 0 : 24;
}

/**
 * The legend's entries in order (the series, the cadence key, then each marker given, with its
 * time, and how many more are drawn untagged), wrapped into lines no wider than `width`; past
 * MAX_LEGEND_LINES, the last line says how many were left out.
 */
/** The negative share's swatch (chartjs-renderer.ts SHARE_COLOR). */
const SHARE_SWATCH = '#6c3483';

export function layoutLegend(spec: TimeSeriesChart, markers: readonly TimeMarker[], untagged: number, colors: readonly string[], width: number, measure: Measure): LegendEntry[][] {
  const withDay = spec.toMs - spec.fromMs > 20 * 60 * 60_000;
  const entry = (swatch: LegendSwatch, text: string): LegendEntry => ({ swatch, text, width: swatchWidth(swatch, measure) + Math.ceil(measure(text, 'legend')) });
  const entries: LegendEntry[] = [
    ...spec.series.map((s, i) => entry({ kind: 'series', color: colors[i % colors.length] ?? '#c0392b' }, shortened(s.label))),
    ...(spec.shareSeries ? [entry({ kind: 'series', color: SHARE_SWATCH }, shortened(spec.shareSeries.label))] : []),
    entry({ kind: 'due' }, 'update due'),
    entry({ kind: 'posted' }, 'update posted'),
    ...markers.map((marker) => entry({ kind: 'marker', marker }, shortened(`${shortTime(marker.atMs, spec.timeZone, withDay)} ${marker.label}`))),
    ...(untagged > 0 ? [entry({ kind: 'more' }, `${untagged} more ${untagged === 1 ? 'line' : 'lines'} too close together to tag: see the report's timeline`)] : []),
  ];
  const lines: LegendEntry[][] = [];
  let used = 0;
  for (const e of entries) {
    const line = lines[lines.length - 1];
    if (line && used + LEGEND_ENTRY_GAP + e.width <= width) {
      line.push(e);
      used += LEGEND_ENTRY_GAP + e.width;
    } else {
      lines.push([e]);
      used = e.width;
    }
  }
  if (lines.length <= MAX_LEGEND_LINES) return lines;
  // Too many to list: the last line kept ends with how many are left out, making room for the words.
  const kept = lines.slice(0, MAX_LEGEND_LINES);
  const last = kept[kept.length - 1] as LegendEntry[];
  const shown = (): number => kept.reduce((n, line) => n + line.length, 0);
  const more = (): LegendEntry => entry({ kind: 'more' }, `…and ${entries.length - shown()} more in the report's timeline`);
  const lineWidth = (): number => last.reduce((w, e, i) => w + e.width + (i === 0 ? 0 : LEGEND_ENTRY_GAP), 0);
  while (last.length > 1 && lineWidth() + LEGEND_ENTRY_GAP + more().width > width) last.pop();
  last.push(more());
  return kept;
}

/** Height of the legend area under the time axis. */
export function legendHeight(lines: number): number {
  return lines * LEGEND_LINE_HEIGHT + 10;
}
