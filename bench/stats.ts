/** Small helpers for the benchmark figures: percentiles, timing and the printed table. */
import { performance } from 'node:perf_hooks';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Runs `fn` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a');
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

export interface Row {
  measure: string;
  figure: string;
  target?: string;
  /** true met, false missed, undefined: no target. */
  met?: boolean;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const headers = ['measure', 'figure', 'target', ''];
  const cells = rows.map((r) => [r.measure, r.figure, r.target ?? '', r.met === undefined ? '' : r.met ? 'met' : 'MISSED']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`${line(headers)}\n`);
  process.stdout.write(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}
