/**
 * The chart renderer, loaded the first time a chart is drawn: Chart.js and the Skia binary cost
 * about 20 MiB of resident memory, and most bot processes never draw a chart between restarts.
 */
import type { ChartSpec } from '../core/chart-spec';
import type { ChartRenderer } from '../core/chart-port';

export class LazyChartRenderer implements ChartRenderer {
  private renderer: Promise<ChartRenderer> | undefined;

  async renderPng(spec: ChartSpec): Promise<Buffer> {
    this.renderer ??= import('./chartjs-renderer').then((m) => new m.ChartJsRenderer());
    return (await this.renderer).renderPng(spec);
  }
}
