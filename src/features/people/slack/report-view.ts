/**
 * The report's short summary, the ephemeral reply to `/crisis report`: counts and the headline
 * figures. It names no crisis (it may be shown in any channel); the file in the DM has the rest.
 */
import { SEVERITIES, SEVERITY_EMOJI } from '../../../core/crisis';
import { shareText } from '../report';
import { medianText } from '../report-markdown';
import { onTimeText } from '../../updates';
import type { ReportOutcome } from '../report-service';
import { context, escapeText, fields, header, section } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';
import { mrkdwn } from '../../../slack/views/words';

export function buildReportSummary(outcome: ReportOutcome): Message {
  const r = outcome.report;
  const period = `the last ${r.days} ${r.days === 1 ? 'day' : 'days'}`;
  const types = r.byType.slice(0, 8).map((t) => `${escapeText(t.label)} ${t.count}`).join(' · ') || 'none';
  const moreTypes = r.byType.length > 8 ? ` · ${r.byType.length - 8} more types` : '';
  const where = outcome.delivered
    ? `The full report${outcome.chart ? ' and a chart of crises per week by severity are' : ' is'} in your DM.`
    : 'The full report could not be sent to your DM.';
  const blocks = [
    header(`Crisis report: ${period}`),
    section(
      `*${r.total}* ${r.total === 1 ? 'crisis' : 'crises'} declared (${r.resolved} resolved, ${r.total - r.resolved} open${r.privateCount ? `, ${r.privateCount} private` : ''}); drills left out.\n` +
        `By severity: ${SEVERITIES.map((s) => `${SEVERITY_EMOJI[s]} ${s} ${r.bySeverity[s]}`).join(' · ')}\nBy type: ${types}${moreTypes}`,
      'report_counts',
    ),
    fields(
      [
        `*Median to first update*\n${medianText(r.firstUpdate, 'had one')}`,
        `*Median to first published statement*\n${medianText(r.firstStatement, 'published one')}`,
        `*Median to resolution*\n${medianText(r.resolution, 'resolved')}`,
        `*Open follow-up actions*\n${r.openActions.total}`,
        `*Proposed plan changes*\n${r.planChanges.length + r.privatePlanChanges}`,
      ],
      'report_figures',
    ),
    // A section holds at most 10 fields: the promises the team keeps get their own.
    fields(
      [
        `*Updates on time*\n${onTimeText(r.updatesOnTime.part, r.updatesOnTime.whole)}`,
        `*Missed updates*\n${r.shortfalls.missedUpdates}`,
        `*Promises kept*\n${shareText(r.promisesKept)}`,
        `*Broken promises*\n${r.shortfalls.brokenPromises}`,
        `*Deadlines met*\n${shareText(r.deadlinesMet)}`,
        `*Missed deadlines*\n${r.shortfalls.missedDeadlines}`,
      ],
      'report_kept',
    ),
    ...(outcome.warnings.length ? [section(`:warning: ${outcome.warnings.map(mrkdwn).join('\n')}`)] : []),
    context(where),
  ];
  return { text: `Crisis report, ${period}: ${r.total} crises. ${where}`, blocks };
}
