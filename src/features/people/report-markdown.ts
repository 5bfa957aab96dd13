/**
 * The report across crises as a Markdown file (sent to the person's DM with the chart). A private
 * crisis appears only as "private crisis" with its severity and lead, never its title, and its
 * proposed plan changes are counted, not quoted. Pure; times in the given zone.
 */
import { formatMinutes } from '../../core/cadence';
import { SEVERITIES, SEVERITY_LABELS, STATUS_LABELS } from '../../core/crisis';
import { formatDebriefTime } from '../record';
import { shareText, type CrossCrisisReport, type MedianFigure, type ReportCrisis } from './report';
import { shortfallLines } from '../record';
import { onTimeText } from '../updates';
import { readableText } from '../../core/words';

/** The file lists at most this many crises (newest first); the figures count them all. */
export const MAX_CRISES_LISTED = 200;

export function medianText(m: MedianFigure, what: string): string {
  if (m.minutes === null) return `n/a (no crisis ${what})`;
  return `${formatMinutes(m.minutes)} (${m.of} of ${m.total} ${m.total === 1 ? 'crisis' : 'crises'} ${what})`;
}

/** Slack markup in stored text (mentions, links) as words a file can show; table pipes kept from splitting a cell. */
function readable(text: string, who: (userId: string) => string): string {
  return readableText(text, who)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** How a crisis is named in the file: its title, or "private crisis (lead …)". */
export function reportName(c: ReportCrisis, who: (userId: string) => string): string {
  if (!c.isPrivate) return c.title.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const lead = c.leadIds.map(who).join(', ') || 'no lead';
  return `private crisis (lead ${lead})`;
}

export function renderReportMarkdown(report: CrossCrisisReport, typeLabel: (type: string) => string, who: (userId: string) => string = (id) => id): string {
  const at = (iso: string): string => formatDebriefTime(iso, report.timeZone);
  const out: string[] = [];
  out.push(`# Crisis report: the last ${report.days} ${report.days === 1 ? 'day' : 'days'}`, '');
  out.push(`${at(report.since)} – ${at(report.generatedAt)} (${report.timeZone}). Drills are left out; private crises are counted but shown without their titles.`, '');

  out.push('## Summary', '');
  out.push(`- Crises declared: ${report.total} (${report.resolved} resolved, ${report.total - report.resolved} still open${report.privateCount ? `, ${report.privateCount} private` : ''})`);
  out.push(`- By severity: ${SEVERITIES.map((s) => `${s} ${report.bySeverity[s]}`).join(' · ')}`);
  out.push(`- Median time to first update: ${medianText(report.firstUpdate, 'had one')}`);
  out.push(`- Median time to first published statement: ${medianText(report.firstStatement, 'published one')}`);
  out.push(`- Median time to resolution: ${medianText(report.resolution, 'resolved')}`);
  out.push(`- Updates on time: ${onTimeText(report.updatesOnTime.part, report.updatesOnTime.whole)}`);
  out.push(`- Missed updates: ${report.shortfalls.missedUpdates}`);
  out.push(`- Promises kept: ${shareText(report.promisesKept)}`);
  out.push(`- Broken promises: ${report.shortfalls.brokenPromises}`);
  out.push(`- Deadlines met: ${shareText(report.deadlinesMet)}`);
  out.push(`- Missed deadlines: ${report.shortfalls.missedDeadlines}`);
  out.push(`- Open follow-up actions: ${report.openActions.total}`, '');

  // The same facts in the same words as each crisis's debrief, summed.
  const shortfalls = shortfallLines(report.shortfalls);
  out.push("## What didn't go well", '', ...(shortfalls.length > 0 ? shortfalls.map((line) => `- ${line}`) : ['Nothing the record shows.']), '');

  out.push('## Crises by type and severity', '');
  if (report.byType.length === 0) out.push('None declared.');
  else {
    out.push(`| Type | Total | ${SEVERITIES.join(' | ')} |`, `| --- | --- | ${SEVERITIES.map(() => '---').join(' | ')} |`);
    for (const t of report.byType) out.push(`| ${t.label} | ${t.count} | ${SEVERITIES.map((s) => t.bySeverity[s]).join(' | ')} |`);
  }
  out.push('');

  const unit = report.buckets.unit;
  out.push(`## Crises per ${unit} by severity`, '', `The chart sent with this file shows the same figures.`, '');
  out.push(`| ${unit === 'week' ? 'Week of' : 'Month'} | ${SEVERITIES.map((s) => `${s} (${SEVERITY_LABELS[s]})`).join(' | ')} | Total |`);
  out.push(`| --- | ${SEVERITIES.map(() => '---').join(' | ')} | --- |`);
  report.buckets.labels.forEach((label, i) => {
    const row = SEVERITIES.map((s) => report.buckets.counts[s][i] ?? 0);
    out.push(`| ${label} | ${row.join(' | ')} | ${row.reduce((a, b) => a + b, 0)} |`);
  });
  out.push('');

  out.push('## Open follow-up actions by owner', '');
  if (report.openActions.byOwner.length === 0) out.push('None open.');
  for (const o of report.openActions.byOwner) out.push(`- ${o.ownerId === null ? 'No owner' : who(o.ownerId)}: ${o.count}`);
  out.push('');

  out.push('## Proposed changes to our plan', '');
  if (report.planChanges.length === 0 && report.privatePlanChanges === 0) out.push('None proposed.');
  for (const p of report.planChanges) out.push(`- ${at(p.declaredAt).slice(0, 10)}, ${p.crisisTitle ?? 'private crisis'}: ${readable(p.text, who)}`);
  if (report.privatePlanChanges > 0) {
    out.push(`- ${report.privatePlanChanges} more from private crises, not shown here (see their debriefs).`);
  }
  out.push('');

  out.push('## Crises', '');
  if (report.crises.length === 0) out.push('None declared.');
  else {
    const listed = report.crises.slice(0, MAX_CRISES_LISTED);
    out.push('| Declared | Crisis | Type | Severity | Status | Resolved after |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of listed) {
      const resolvedAfter = c.status === 'resolved' && c.resolvedAt !== null ? formatMinutes(Math.max(0, (Date.parse(c.resolvedAt) - Date.parse(c.declaredAt)) / 60_000)) : '—';
      out.push(`| ${at(c.declaredAt)} | ${reportName(c, who)} | ${typeLabel(c.type)} | ${c.severity} | ${STATUS_LABELS[c.status]} | ${resolvedAfter} |`);
    }
    if (report.crises.length > listed.length) out.push('', `…and ${report.crises.length - listed.length} older crises, counted above but not listed.`);
  }
  out.push('');
  return out.join('\n');
}
