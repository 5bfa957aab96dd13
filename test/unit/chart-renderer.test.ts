/**
 * The shipped chart renderer (Chart.js on @napi-rs/canvas): a time series and a stacked bar chart
 * come out as real PNGs of the set size; the marker tags as drawn in that PNG never overlap, never
 * leave the canvas, and each is explained in the legend, which stays inside the canvas, however
 * crowded; the font comes from an npm package and is registered by path; and on a machine with no
 * system fonts at all (a mount namespace hiding them, where this machine allows one) the labels
 * still draw.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHART_HEIGHT, CHART_WIDTH, ChartJsRenderer, type RenderedChart } from '../../src/chart/chartjs-renderer';
import { chartFontRegistered } from '../../src/chart/fonts';
import type { MarkerKind, TimeMarker, TimeSeriesChart } from '../../src/core/chart-spec';
import { ExternalCallError } from '../../src/core/ports';
import { builtFile } from '../helpers/built';

const ROOT = path.resolve(__dirname, '../..');
const T0 = Date.parse('2026-03-02T09:00:00Z');

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function series(points: number): TimeSeriesChart {
  return {
    type: 'time_series',
    title: 'Complaint volume: Checkout payments failing',
    subtitle: '#crisis · times in Europe/Berlin',
    timeZone: 'Europe/Berlin',
    fromMs: T0,
    toMs: T0 + 180 * 60_000,
    yLabel: 'complaints / tickets per sample; as reported, about every 15 min',
    series: points === 0 ? [] : [{ label: 'zendesk', points: Array.from({ length: points }, (_, i) => ({ atMs: T0 + (i * 180 * 60_000) / points, value: 20 + (i % 50) })) }],
    markers: [
      { atMs: T0, tag: '1', label: 'Declared', kind: 'declared' },
      { atMs: T0 + 50 * 60_000, tag: 'S1', label: 'Statement published (status page)', kind: 'statement' },
      { atMs: T0 + 180 * 60_000, tag: '2', label: 'Resolved', kind: 'resolved' },
    ],
    dueTimesMs: [T0 + 60 * 60_000, T0 + 120 * 60_000],
    updateTimesMs: [T0 + 20 * 60_000],
  };
}

type Box = { left: number; top: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/** What must hold of any time-series PNG, checked on the layout of that very drawing. */
function expectReadable(rendered: RenderedChart, spec: TimeSeriesChart): void {
  const overlay = rendered.overlay;
  if (!overlay) throw new Error('no overlay was drawn');
  const { boxes, chartArea } = overlay;
  for (let i = 0; i < boxes.length; i += 1) {
    const a = boxes[i] as Box;
    // Inside the canvas, above the plot, below the subtitle (which ends above the highest row).
    expect(a.left).toBeGreaterThanOrEqual(0);
    expect(a.left + a.width).toBeLessThanOrEqual(CHART_WIDTH);
    expect(a.top).toBeGreaterThan(40);
    expect(a.top + a.height).toBeLessThanOrEqual(chartArea.top);
    for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
  }
  // Every tag on the plot is explained in the legend; every legend line fits the canvas.
  const legendText = overlay.legend.flat().map((e) => e.text);
  for (const box of boxes) {
    const marker = spec.markers.find((m) => m.tag === box.tag) as TimeMarker;
    expect(legendText.some((text) => text.endsWith(marker.label) || text.endsWith('…'))).toBe(true);
  }
  for (const line of overlay.legend) {
    const last = line[line.length - 1];
    if (last) expect(last.left + last.width).toBeLessThanOrEqual(CHART_WIDTH - 8);
    for (const e of line) expect(e.baseline).toBeLessThan(CHART_HEIGHT - 4);
  }
  // The legend starts below the time axis's labels.
  const first = overlay.legend[0]?.[0];
  if (first) expect(first.baseline).toBeGreaterThan(chartArea.bottom + 20);
}

const renderer = new ChartJsRenderer();

it('draws a time series with markers as a PNG of the set size, and registers the shipped font', async () => {
  const png = await renderer.renderPng(series(300));
  expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  expect(chartFontRegistered()).toBe(true);
  expect(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2')).toContain(`${path.sep}node_modules${path.sep}`);
});

it('tags statements S1 and the rest by number above the plot, and explains each in the legend', async () => {
  const spec = series(300);
  const rendered = await renderer.render(spec);
  expect(pngSize(rendered.png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  expect(rendered.overlay?.boxes.map((b) => b.tag)).toEqual(['1', 'S1', '2']);
  expect(rendered.overlay?.badges.rows).toBe(1);
  expect(rendered.overlay?.legend.flat().map((e) => e.text)).toEqual(['zendesk', 'update due', 'update posted', '10:00 Declared', '10:50 Statement published (status page)', '13:00 Resolved']);
  expectReadable(rendered, spec);
});

it('crowded markers stack into rows that never overlap or leave the canvas, and the legend says what it could not list', async () => {
  const kinds: MarkerKind[] = ['statement', 'status', 'severity', 'rise', 'deadline'];
  // 60 markers: bursts a minute apart at the start, two at the very same time, one at each edge.
  const markers: TimeMarker[] = Array.from({ length: 60 }, (_, i) => {
    const kind = kinds[i % kinds.length] as MarkerKind;
    const atMs = i === 59 ? T0 + 180 * 60_000 : T0 + Math.min(i, 40) * 60_000;
    return { atMs, tag: kind === 'statement' ? `S${i + 1}` : kind === 'deadline' ? `D${i + 1}` : String(i + 1), label: `${kind} number ${i + 1} with a label long enough to need its room in the legend`, kind };
  });
  const spec = { ...series(2000), title: `Complaint volume: ${'A very long crisis title '.repeat(8)}`, markers };
  const rendered = await renderer.render(spec);
  if (process.env.LOOK_AT_CHARTS) require('node:fs').writeFileSync(path.join(process.env.LOOK_AT_CHARTS, 'crowded.png'), rendered.png);
  expect(pngSize(rendered.png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  expectReadable(rendered, spec);
  const overlay = rendered.overlay;
  expect(overlay?.badges.rows).toBeGreaterThan(3);
  expect(overlay?.legend.flat().at(-1)?.text).toMatch(/^…and \d+ more in the report's timeline$/);
  // The plot keeps a readable height between the strip of tags and the legend.
  expect((overlay?.chartArea.bottom ?? 0) - (overlay?.chartArea.top ?? 0)).toBeGreaterThan(250);
});

it('draws a time series with no points, and a stacked bar chart', async () => {
  expect(pngSize(await renderer.renderPng(series(0)))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  const bars = await new ChartJsRenderer(800, 400).renderPng({
    type: 'stacked_bar',
    title: 'Crises per week by severity',
    subtitle: 'last 4 weeks',
    categories: ['W10', 'W11', 'W12', 'W13'],
    stacks: [
      { label: 'sev1', values: [1, 0, 2, 1] },
      { label: 'sev2', values: [2, 3, 1, 0], color: '#d68910' },
    ],
    yLabel: 'crises',
  });
  expect(pngSize(bars)).toEqual({ width: 800, height: 400 });
});

it('draws different pictures for different data (the bytes depend on the series)', async () => {
  const a = await renderer.renderPng(series(10));
  const b = await renderer.renderPng({ ...series(10), series: [{ label: 'zendesk', points: [{ atMs: T0, value: 1 }, { atMs: T0 + 60_000, value: 500 }] }] });
  expect(a.equals(b)).toBe(false);
});

it('a failure to draw is an ExternalCallError with words for the person', async () => {
  const broken = { ...series(3), fromMs: Number.NaN, toMs: Number.NaN, markers: null, yLabel: null } as unknown as TimeSeriesChart;
  await expect(renderer.renderPng(broken)).rejects.toBeInstanceOf(ExternalCallError);
});

/** Runs `script` in a child where every system font folder is hidden; undefined when this machine allows no mount namespace. */
function withoutSystemFonts(script: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-nofonts-'));
  try {
    const hide = ['/usr/share/fonts', '/usr/local/share/fonts'].filter((d) => fs.existsSync(d)).map((d) => `mount --bind ${empty} ${d}`);
    const probe = spawnSync('unshare', ['-m', 'sh', '-c', [...hide, 'true'].join(' && ')], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return undefined;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', [...hide, `exec "${process.execPath}" -e "$SCRIPT"`].join(' && ')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DISABLE_V8_COMPILE_CACHE: '1', SCRIPT: script },
    });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    return run.stdout.trim();
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

it('draws its labels on a machine with no system fonts', () => {
  const script = `
    const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');
    const { registerChartFont, CHART_FONT_FAMILY } = require(${JSON.stringify(builtFile('src/chart/fonts.ts'))});
    const ink = (family) => {
      const c = createCanvas(400, 60); const x = c.getContext('2d');
      x.fillStyle = '#fff'; x.fillRect(0, 0, 400, 60); x.fillStyle = '#000'; x.font = '24px ' + family;
      x.fillText('Complaint volume 09:00', 5, 40);
      const d = x.getImageData(0, 0, 400, 60).data; let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++;
      return n;
    };
    const before = { families: GlobalFonts.families.length, fallback: ink('NoSuchFamily') };
    registerChartFont();
    console.log(JSON.stringify({ ...before, ours: ink(CHART_FONT_FAMILY) }));`;
  const out = withoutSystemFonts(script);
  if (out === undefined) {
    console.warn('skipped: this machine allows no mount namespace (unshare -m) to hide the system fonts');
    return;
  }
  const result = JSON.parse(out) as { families: number; fallback: number; ours: number };
  // No font at all: text in any other family draws nothing; ours draws.
  expect(result.families).toBe(0);
  expect(result.fallback).toBe(0);
  expect(result.ours).toBeGreaterThan(300);
});
