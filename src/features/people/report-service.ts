/**
 * `/crisis report [<N>d]`: the report across crises. Built from a handful of aggregate queries
 * (drills left out), it goes to the person who asked as a short summary (the caller's reply) and,
 * in their DM, as a Markdown file with a PNG chart of crises per week by severity. Nothing is
 * stored, so there is nothing to undo: the file and the chart are best effort, and what could not
 * be sent is said in the summary.
 */
import { formatDebriefTime } from '../record';
import { CrisisError } from '../../core/errors';
import { buildCrossCrisisReport, MAX_REPORT_DAYS, MIN_REPORT_DAYS, reportDaysRefusal, type CrossCrisisReport } from './report';
import { crisesPerPeriodChart } from './report-chart';
import { MAX_CRISES_LISTED, renderReportMarkdown } from './report-markdown';
import type { ServiceDeps } from '../../core/deps';
import type { ReportDelivery } from '../../core/people-ports';
import { bestEffort } from '../../core/snapshot';

const DAY_MS = 86_400_000;

export interface ReportOutcome {
  report: CrossCrisisReport;
  /** True when the file reached the person's DM. */
  delivered: boolean;
  chart: boolean;
  warnings: string[];
}

export class ReportService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The figures of the last `days` days as of now. */
  build(days: number): CrossCrisisReport {
    if (!Number.isInteger(days) || days < MIN_REPORT_DAYS || days > MAX_REPORT_DAYS) throw new CrisisError('bad_input', reportDaysRefusal(`${days} days`));
    const { store, clock, settings, playbooks } = this.deps;
    const now = clock.now();
    const since = new Date(now.getTime() - days * DAY_MS).toISOString();
    const facts = store.reports.facts(since, now.toISOString());
    return buildCrossCrisisReport({
      days,
      now,
      timeZone: settings.timeZone,
      crises: store.reports.crises(since),
      facts,
      openActionsByOwner: store.reports.openActionsByOwner(since),
      planChanges: store.reports.planChanges(since),
      typeLabel: (type) => playbooks.label(type),
    });
  }

  /** Builds the report and sends the file and chart to `userId`'s DM. */
  async send(userId: string, days: number): Promise<ReportOutcome> {
    const { people, settings, clock, playbooks } = this.deps;
    const report = this.build(days);
    const warnings: string[] = [];
    const notifier = people?.notifier;
    if (!notifier) return { report, delivered: false, chart: false, warnings: ['The report file could not be sent: no Slack connection is configured for it.'] };

    const markdown = renderReportMarkdown(report, (type) => playbooks.label(type), await this.names(report));
    const day = formatDebriefTime(clock.now().toISOString(), settings.timeZone).slice(0, 10).replace(/-/g, '');
    const base = `crisis-report-${day}-${days}d`;
    const title = `Crisis report: the last ${days} ${days === 1 ? 'day' : 'days'}`;
    let png: Buffer | undefined;
    if (people.chart) {
      const renderer = people.chart;
      const failed = await bestEffort(this.deps, 'draw the chart', async () => {
        png = await renderer.renderPng(crisesPerPeriodChart(report));
      });
      if (failed) warnings.push(`${failed} The file has the same figures as a table.`);
    }
    const delivery: ReportDelivery = {
      text: `:bar_chart: *${title}* — ${report.total} ${report.total === 1 ? 'crisis' : 'crises'}, drills left out. The full report is attached${png ? ' with a chart of crises per week by severity' : ''}.`,
      markdown: { filename: `${base}.md`, title, content: markdown },
      ...(png ? { chart: { filename: `${base}.png`, title: `${title}: crises per ${report.buckets.unit} by severity`, png } } : {}),
    };
    const failed = await bestEffort(this.deps, 'send the report file to your DM', () => notifier.sendReport(userId, delivery), { userId });
    if (failed) warnings.push(failed);
    return { report, delivered: failed === null, chart: png !== undefined && failed === null, warnings };
  }

  /** People's names for the file (mentions do not render there); their ids where names cannot be had. */
  private async names(report: CrossCrisisReport): Promise<(userId: string) => string> {
    const lookup = this.deps.notifier.userNames?.bind(this.deps.notifier);
    const ids = new Set<string>();
    for (const c of report.crises.slice(0, MAX_CRISES_LISTED)) if (c.isPrivate) c.leadIds.forEach((id) => ids.add(id));
    for (const o of report.openActions.byOwner) if (o.ownerId) ids.add(o.ownerId);
    if (!lookup || ids.size === 0) return (id) => id;
    try {
      const names = await lookup([...ids]);
      return (id) => names.get(id) ?? id;
    } catch (err) {
      this.deps.logger.warn('could not look up names for the report', { error: err });
      return (id) => id;
    }
  }
}
