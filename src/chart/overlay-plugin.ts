/**
 * A Chart.js plugin that draws what a time-series chart marks on its time axis: faint dashed lines
 * where updates were due (the cadence), small ticks where updates were posted, a line per marker
 * (statements, status changes, deadlines, resolution…) with its tag in a badge above the plot, and
 * the legend under the time axis. Chart.js draws the axes, scales and lines; this draws only these
 * overlays, on the same context, where marker-layout.ts placed them.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import type { MarkerKind, TimeMarker, TimeSeriesChart } from '../core/chart-spec';
import { CHART_FONT_FAMILY } from './fonts';
import {
  BADGE_FONT_PX,
  BADGE_HEIGHT,
  LEGEND_FONT_PX,
  LEGEND_LINE_HEIGHT,
  ROW_HEIGHT,
  layoutBadges,
  type BadgeLayout,
  type LegendEntry,
  type Measure,
} from './marker-layout';

export const MARKER_COLORS: Record<MarkerKind, string> = {
  declared: '#566573',
  status: '#2471a3',
  severity: '#a04000',
  statement: '#7d3c98',
  resolved: '#1e8449',
  reopened: '#d68910',
  rise: '#c0392b',
  deadline: '#b7950b',
  other: '#5d6d7e',
};

const DASHES: Partial<Record<MarkerKind, number[]>> = { statement: [6, 3], deadline: [2, 3] };

/** The legend's left edge on the canvas (its lines are laid out for the width from here to the same margin on the right). */
export const LEGEND_LEFT = 16;

export const BADGE_FONT = `bold ${BADGE_FONT_PX}px ${CHART_FONT_FAMILY}`;
export const LEGEND_FONT = `${LEGEND_FONT_PX}px ${CHART_FONT_FAMILY}`;

/** Text widths in the fonts the overlays draw with. */
export function measureWith(ctx: SKRSContext2D): Measure {
  return (text, font) => {
    ctx.save();
    ctx.font = font === 'badge' ? BADGE_FONT : LEGEND_FONT;
    const width = ctx.measureText(text).width;
    ctx.restore();
    return width;
  };
}

/** What the plugin drew, for tests to check against the PNG. */
export interface DrawnOverlay {
  chartArea: { top: number; bottom: number; left: number; right: number };
  badges: BadgeLayout;
  /** Each badge's box on the canvas. */
  boxes: Array<{ tag: string; left: number; top: number; width: number; height: number }>;
  legend: Array<Array<{ text: string; left: number; width: number; baseline: number }>>;
}

function verticalLine(ctx: SKRSContext2D, x: number, top: number, bottom: number, color: string, width: number, dash: number[]): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
  ctx.stroke();
  ctx.restore();
}

function badge(ctx: SKRSContext2D, left: number, top: number, width: number, marker: TimeMarker): void {
  ctx.save();
  ctx.fillStyle = MARKER_COLORS[marker.kind];
  ctx.beginPath();
  ctx.roundRect(left, top, width, BADGE_HEIGHT, 4);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = BADGE_FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText(marker.tag, left + width / 2, top + BADGE_HEIGHT / 2 + 0.5);
  ctx.restore();
}

function updateTriangle(ctx: SKRSContext2D, x: number, bottom: number): void {
  ctx.beginPath();
  ctx.moveTo(x, bottom - 9);
  ctx.lineTo(x - 5, bottom);
  ctx.lineTo(x + 5, bottom);
  ctx.closePath();
  ctx.fill();
}

/** Draws one legend line from `left`; returns where each entry's text went. */
function legendLine(ctx: SKRSContext2D, line: readonly LegendEntry[], left: number, y: number, measure: Measure): DrawnOverlay['legend'][number] {
  const drawn: DrawnOverlay['legend'][number] = [];
  let x = left;
  for (const entry of line) {
    const start = x;
    const { swatch } = entry;
    if (swatch.kind === 'series') {
      ctx.save();
      ctx.strokeStyle = swatch.color;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 18, y);
      ctx.stroke();
      ctx.restore();
      x += 24;
    } else if (swatch.kind === 'due') {
      verticalLine(ctx, x + 8, y - 7, y + 7, 'rgba(127, 140, 141, 0.9)', 1, [3, 3]);
      x += 24;
    } else if (swatch.kind === 'posted') {
      ctx.save();
      ctx.fillStyle = '#34495e';
      updateTriangle(ctx, x + 8, y + 5);
      ctx.restore();
      x += 24;
    } else if (swatch.kind === 'marker') {
      const width = Math.ceil(measure(swatch.marker.tag, 'badge')) + 10;
      badge(ctx, x, y - BADGE_HEIGHT / 2, width, swatch.marker);
      x += width + 6;
    }
    ctx.save();
    ctx.font = LEGEND_FONT;
    ctx.fillStyle = swatch.kind === 'more' ? '#7f8c8d' : '#34495e';
    ctx.textBaseline = 'middle';
    ctx.fillText(entry.text, x, y);
    ctx.restore();
    drawn.push({ text: entry.text, left: start, width: entry.width, baseline: y });
    x = start + entry.width + 22;
  }
  return drawn;
}

/** `ctx` is the canvas's own context (Chart.js types its copy against the DOM, which we do not load). */
export function overlayPlugin(spec: TimeSeriesChart, ctx: SKRSContext2D, legend: readonly LegendEntry[][], onDrawn: (drawn: DrawnOverlay) => void): Plugin<'line'> {
  const xOf = (chart: Chart<'line'>, ms: number): number => chart.scales.x?.getPixelForValue(ms) ?? Number.NaN;
  const measure = measureWith(ctx);
  return {
    id: 'crisisOverlay',
    beforeDatasetsDraw(chart) {
      const { top, bottom, left, right } = chart.chartArea;
      for (const due of spec.dueTimesMs) {
        const x = xOf(chart, due);
        if (x >= left && x <= right) verticalLine(ctx, x, top, bottom, 'rgba(127, 140, 141, 0.45)', 1, [3, 4]);
      }
    },
    afterDatasetsDraw(chart) {
      const { top, bottom, left, right } = chart.chartArea;
      ctx.save();
      ctx.fillStyle = '#34495e';
      for (const posted of spec.updateTimesMs) {
        const x = xOf(chart, posted);
        if (x >= left && x <= right) updateTriangle(ctx, x, bottom);
      }
      ctx.restore();

      const badges = layoutBadges(spec.markers, (ms) => xOf(chart, ms), left, right, measure);
      const boxes: DrawnOverlay['boxes'] = [];
      // Lines first, up to their badges; then the badges, over any line that passes behind them.
      for (const b of badges.badges) {
        const badgeTop = top - 4 - (b.row + 1) * ROW_HEIGHT;
        verticalLine(ctx, b.x, badgeTop + BADGE_HEIGHT, bottom, MARKER_COLORS[b.marker.kind], 1.5, DASHES[b.marker.kind] ?? []);
      }
      for (const m of badges.untagged) verticalLine(ctx, xOf(chart, m.atMs), top, bottom, MARKER_COLORS[m.kind], 1.5, DASHES[m.kind] ?? []);
      for (const b of badges.badges) {
        const badgeTop = top - 4 - (b.row + 1) * ROW_HEIGHT;
        badge(ctx, b.left, badgeTop, b.width, b.marker);
        boxes.push({ tag: b.marker.tag, left: b.left, top: badgeTop, width: b.width, height: BADGE_HEIGHT });
      }
      const first = (legend.length > 0 ? chart.height - 8 - legend.length * LEGEND_LINE_HEIGHT : chart.height) + LEGEND_LINE_HEIGHT / 2;
      const drawnLegend = legend.map((line, i) => legendLine(ctx, line, LEGEND_LEFT, first + i * LEGEND_LINE_HEIGHT, measure));
      onDrawn({ chartArea: { top, bottom, left, right }, badges, boxes, legend: drawnLegend });
    },
  };
}
