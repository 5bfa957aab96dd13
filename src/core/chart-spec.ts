/**
 * What a chart shows, independent of how it is drawn: the domain builds one of these, and a
 * ChartRenderer (services/chart-port.ts) turns it into a PNG. Two shapes: a time series with
 * labelled time markers (complaint volume over a crisis), and a stacked bar chart (e.g. crises per
 * week by severity in a cross-crisis report). Plain data, so specs are tested without drawing.
 */

export interface TimePoint {
  /** Epoch milliseconds: numbers, so a 10,000-sample series is not 10,000 date parses at draw time. */
  atMs: number;
  value: number;
}

export interface TimeSeries {
  label: string;
  points: TimePoint[];
}

/** What a marker stands for; the renderer gives each kind its colour and line style. */
export type MarkerKind = 'declared' | 'status' | 'severity' | 'statement' | 'resolved' | 'reopened' | 'rise' | 'deadline' | 'other';

/**
 * A labelled time. The plot carries only its short `tag` (`S2` for a statement, `D1` for a
 * deadline, `3` for anything else), so tags never crowd each other out; the legend under the plot
 * gives each tag its time and its whole `label`.
 */
export interface TimeMarker {
  atMs: number;
  tag: string;
  label: string;
  kind: MarkerKind;
}

export interface TimeSeriesChart {
  type: 'time_series';
  title: string;
  subtitle: string;
  /** IANA zone the time axis is labelled in. */
  timeZone: string;
  fromMs: number;
  toMs: number;
  /** What one value counts, per what: the y-axis title. */
  yLabel: string;
  series: TimeSeries[];
  /** In time order; those outside fromMs–toMs are only in the legend. */
  markers: TimeMarker[];
  /** When updates were due (the cadence): faint vertical lines. */
  dueTimesMs: number[];
  /** When updates were posted: small ticks along the time axis. */
  updateTimesMs: number[];
  /**
   * A share in percent (0–100) drawn beside the counts on a right-hand axis of its own, dashed:
   * the share of negative help-desk tickets per period (features/helpdesk). Absent: no right axis.
   */
  shareSeries?: TimeSeries;
}

export interface StackedBarChart {
  type: 'stacked_bar';
  title: string;
  subtitle: string;
  /** One bar per category (e.g. one per week), in order. */
  categories: string[];
  /** One layer per stack (e.g. one per severity), each with one value per category. */
  stacks: Array<{ label: string; values: number[]; color?: string }>;
  yLabel: string;
}

export type ChartSpec = TimeSeriesChart | StackedBarChart;
