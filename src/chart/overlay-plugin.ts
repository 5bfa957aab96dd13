/**
 * A Chart.js plugin that draws what a time-series chart marks on its time axis: faint dashed lines
 * where updates were due (the cadence), small ticks where updates were posted, a labelled line per
 * marker (statements, status changes, resolution…), and a note when there is no data. Chart.js
 * draws the axes, scales, legend and lines; this draws only these overlays, on the same context.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart, Plugin } from 'chart.js';
import type { MarkerKind, TimeSeriesChart } from '../domain/chart-spec';
import { CHART_FONT_FAMILY } from './fonts';
import { cutGraphemes } from '../domain/text';

export const MARKER_COLORS: Record<MarkerKind, string> = {
  declared: '#566573',
  status: '#2471a3',
  severity: '#a04000',
  statement: '#7d3c98',
  resolved: '#1e8449',
  reopened: '#d68910',
  rise: '#c0392b',
  other: '#5d6d7e',
};

/** Marker labels are staggered over this many rows at the top of the plot, so neighbours do not overlap. */
export const LABEL_ROWS = 3;
const ROW_HEIGHT = 16;
const MAX_LABEL_CHARS = 22;

/** Room kept free at the top of the plot for the marker labels, as a share of the value range. */
export const LABEL_HEADROOM = 0.22;

function shortLabel(label: string): string {
  return cutGraphemes(label, MAX_LABEL_CHARS);
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

/** `ctx` is the canvas's own context (Chart.js types its copy against the DOM, which we do not load). */
export function overlayPlugin(spec: TimeSeriesChart, ctx: SKRSContext2D): Plugin<'line'> {
  const xOf = (chart: Chart<'line'>, ms: number): number => chart.scales.x?.getPixelForValue(ms) ?? Number.NaN;
  return {
    id: 'crisisOverlay',
    beforeDatasetsDraw(chart) {
      const { top, bottom, left, right } = chart.chartArea;
      for (const due of spec.dueTimesMs) {
        const x = xOf(chart, due);
        if (x >= left && x <= right) verticalLine(ctx, x, top, bottom, 'rgba(127, 140, 141, 0.45)', 1, [3, 4]);
      }
      if (spec.series.length === 0) {
        ctx.save();
        ctx.fillStyle = '#7f8c8d';
        ctx.font = `15px ${CHART_FONT_FAMILY}`;
        ctx.textAlign = 'center';
        ctx.fillText(spec.emptyNote, (left + right) / 2, (top + bottom) / 2);
        ctx.restore();
      }
    },
    afterDatasetsDraw(chart) {
      const { top, bottom, left, right } = chart.chartArea;
      ctx.save();
      ctx.fillStyle = '#34495e';
      for (const posted of spec.updateTimesMs) {
        const x = xOf(chart, posted);
        if (x < left || x > right) continue;
        ctx.beginPath();
        ctx.moveTo(x, bottom - 9);
        ctx.lineTo(x - 5, bottom);
        ctx.lineTo(x + 5, bottom);
        ctx.closePath();
        ctx.fill();
      }
      ctx.restore();

      ctx.save();
      ctx.font = `bold 11px ${CHART_FONT_FAMILY}`;
      ctx.textBaseline = 'middle';
      const rowEnds = new Array<number>(LABEL_ROWS).fill(Number.NEGATIVE_INFINITY);
      spec.markers.forEach((marker, i) => {
        const x = xOf(chart, marker.atMs);
        if (!(x >= left - 1 && x <= right + 1)) return;
        const color = MARKER_COLORS[marker.kind];
        verticalLine(ctx, x, top, bottom, color, 1.5, marker.kind === 'statement' ? [6, 3] : []);
        const text = shortLabel(marker.label);
        const width = ctx.measureText(text).width + 8;
        // The first row the label fits in without touching the previous one; else the emptiest.
        let row = rowEnds.findIndex((end) => end + 4 < x);
        if (row === -1) row = i % LABEL_ROWS;
        const y = top + 10 + row * ROW_HEIGHT;
        const boxLeft = Math.min(Math.max(x - width / 2, left + 1), right - width - 1);
        rowEnds[row] = boxLeft + width;
        ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
        ctx.fillRect(boxLeft, y - 7, width, 14);
        ctx.fillStyle = color;
        ctx.fillText(text, boxLeft + 4, y);
      });
      ctx.restore();
    },
    afterDraw(chart) {
      // A key for the overlays, under the time axis on the left.
      const y = chart.height - 10;
      ctx.save();
      ctx.font = `11px ${CHART_FONT_FAMILY}`;
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#5d6d7e';
      verticalLine(ctx, 22, y - 6, y + 6, 'rgba(127, 140, 141, 0.8)', 1, [3, 3]);
      ctx.fillText('update due', 28, y);
      ctx.fillStyle = '#34495e';
      ctx.beginPath();
      ctx.moveTo(108, y - 5);
      ctx.lineTo(103, y + 5);
      ctx.lineTo(113, y + 5);
      ctx.closePath();
      ctx.fill();
      ctx.fillStyle = '#5d6d7e';
      ctx.fillText('update posted', 118, y);
      ctx.restore();
    },
  };
}
