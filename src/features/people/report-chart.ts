/**
 * The report's picture: crises per week (or month) by severity, as stacked bars. What to draw only,
 * as a StackedBarChart (src/domain/chart-spec.ts); the bot's chart renderer turns it into a PNG.
 * Pure.
 */
import type { StackedBarChart } from '../../core/chart-spec';
import { SEVERITIES, SEVERITY_LABELS } from '../../core/crisis';
import type { CrossCrisisReport } from './report';

/** Severity colours as people read them: red for critical down to grey for low. */
const SEVERITY_COLORS = { sev1: '#c0392b', sev2: '#e67e22', sev3: '#f1c40f', sev4: '#95a5a6' } as const;

export function crisesPerPeriodChart(report: CrossCrisisReport): StackedBarChart {
  const unit = report.buckets.unit;
  return {
    type: 'stacked_bar',
    title: `Crises per ${unit} by severity`,
    subtitle: `The last ${report.days} ${report.days === 1 ? 'day' : 'days'}: ${report.total} ${report.total === 1 ? 'crisis' : 'crises'}, drills left out (${report.timeZone})`,
    categories: report.buckets.labels,
    stacks: SEVERITIES.map((s) => ({ label: `${s} ${SEVERITY_LABELS[s].toLowerCase()}`, values: report.buckets.counts[s], color: SEVERITY_COLORS[s] })),
    yLabel: 'Crises declared',
  };
}
