/**
 * Drawing a chart, as an outside call like any other: the domain builds a ChartSpec (what to show)
 * and a ChartRenderer turns it into PNG bytes. The shipped one is src/chart/chartjs-renderer.ts;
 * tests pass a fake. A failure is an ExternalCallError, and callers treat the picture as optional.
 */
import type { ChartSpec } from './chart-spec';

export interface ChartRenderer {
  /** A PNG of the chart. */
  renderPng(spec: ChartSpec): Promise<Buffer>;
}
