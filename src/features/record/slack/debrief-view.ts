/**
 * The debrief summary posted in the crisis channel. The full report goes up as a Markdown file; this
 * message is the part people read in Slack, so it keeps the figures and only the latest timeline
 * entries, and stays within Block Kit's limits whatever the size of the crisis.
 */
import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import { SEVERITY_EMOJI, SEVERITY_LABELS, STATUS_LABELS } from '../../../core/crisis';
import type { DebriefReport, DebriefTimelineEntry } from '../debrief';
import { afterDeclaration, formatDebriefTime } from '../debrief-markdown';
import { shortfallLines } from '../shortfalls';
import { onTimeText } from '../../updates';
import { ROLE_LABELS } from '../../../core/roles';
import { timeInRoleSection } from '../../roles';
import { deadlinesSection } from '../../deadlines';
import { drillBanner, planChangesSection } from './debrief-plan';
import { communicationsSection } from '../../statements';
import { LIMITS, channelLink, context, divider, escapeShowingMentions, escapeText, fields, header, link, mention, section, truncateMarkup } from '../../../slack/views/blocks';

/** A person's name by user ID, where known: mentions typed into people's text are shown as `@name` (blocks.ts). */
export type NameOf = (userId: string) => string | undefined;

/**
 * A channel message with fifty full sections is unreadable (and Slack folds long messages), so the
 * timeline shows at most this many latest entries, each cut to one short line; the file has the rest.
 */
export const MAX_TIMELINE_ENTRIES_SHOWN = 20;
const MAX_ENTRY_TEXT = 280;
const MAX_ENTRY_LINE = 500;

/** A bullet list in one section, or "None recorded." */
function listSection(title: string, items: readonly string[], nameOf: NameOf): KnownBlock {
  const body = items.length > 0 ? items.map((item) => `• ${escapeShowingMentions(item.replace(/\s*\n\s*/g, ' '), nameOf)}`).join('\n') : '_None recorded._';
  return section(`*${title}*\n${body}`);
}

function timelineLine(entry: DebriefTimelineEntry, timeZone: string, nameOf: NameOf): string {
  const actor = entry.actorId === null ? '' : ` — ${mention(entry.actorId)}`;
  const flat = entry.text.replace(/\s*\n\s*/g, ' ').trim();
  const text = flat.length > 0 ? `: ${truncateMarkup(escapeShowingMentions(flat, nameOf), MAX_ENTRY_TEXT)}` : '';
  const permalink = entry.permalink === null ? '' : ` ${link(entry.permalink, 'link')}`;
  const last = entry.corrections?.at(-1);
  const corrected = last ? ` _(corrected${last.by === null ? '' : ` by ${mention(last.by)}`})_` : '';
  return truncateMarkup(`\`${formatDebriefTime(entry.at, timeZone)}\` *${escapeText(entry.label)}*${actor}${text}${permalink}${corrected}`, MAX_ENTRY_LINE);
}

/**
 * Packs the latest entries into at most `maxSections` sections, newest first so it is the oldest
 * that fall off, then puts them back in time order.
 */
function timelineSections(report: DebriefReport, timeZone: string, maxSections: number, nameOf: NameOf): KnownBlock[] {
  const total = report.timeline.length;
  if (maxSections <= 0) return [];
  if (total === 0) return [section('*Timeline*\n_None recorded._')];
  // Room for the heading that the first section carries.
  const room = LIMITS.sectionText - 100;
  const chunks: string[][] = [[]];
  let used = 0;
  let shown = 0;
  for (let i = total - 1; i >= 0 && shown < MAX_TIMELINE_ENTRIES_SHOWN; i -= 1) {
    const entry = report.timeline[i];
    if (entry === undefined) break;
    const line = timelineLine(entry, timeZone, nameOf);
    if (used + line.length + 1 > room) {
      if (chunks.length >= maxSections) break;
      chunks.push([]);
      used = 0;
    }
    chunks[chunks.length - 1]?.push(line);
    used += line.length + 1;
    shown += 1;
  }
  const inOrder = chunks.reverse().map((chunk) => chunk.reverse().join('\n'));
  const heading = `*Timeline* — the latest ${shown} of ${total} ${total === 1 ? 'entry' : 'entries'}`;
  return inOrder.map((text, i) => section(i === 0 ? `${heading}\n${text}` : text));
}

function keyTimeField(label: string, iso: string | null, minutes: number | null, missing: string, timeZone: string): string {
  if (iso === null || minutes === null) return `*${label}*\n${missing}`;
  return `*${label}*\n${formatDebriefTime(iso, timeZone)}\n${afterDeclaration(minutes)}`;
}

function rolesText(report: DebriefReport): string {
  const lines = report.roles.map((r) => {
    const holders =
      r.holdings.length === 0
        ? 'nobody'
        : r.holdings.map((h) => `${mention(h.userId)} (${formatMinutes(h.minutes)}${h.to === null && report.interim ? ', holding' : ''})`).join(' → ');
    const checklist = r.checklistTotal > 0 ? ` · checklist ${r.checklistDone}/${r.checklistTotal}` : '';
    return `• *${ROLE_LABELS[r.role]}*: ${holders}${checklist}`;
  });
  return `*Roles*\n${lines.join('\n')}`;
}

function actionsText(report: DebriefReport, nameOf: NameOf): string {
  const open = report.actions.filter((a) => a.doneAt === null);
  const done = report.actions.filter((a) => a.doneAt !== null);
  if (report.actions.length === 0) return '*Follow-up actions*\n_None recorded._';
  const line = (a: DebriefReport['actions'][number]): string => {
    const box = a.doneAt === null ? ':white_large_square:' : ':white_check_mark:';
    const owner = a.ownerId === null ? '_no owner_' : mention(a.ownerId);
    return `${box} ${escapeShowingMentions(a.text.replace(/\s*\n\s*/g, ' '), nameOf)} — ${owner}`;
  };
  // Open actions first: they are what still needs doing.
  return `*Follow-up actions* — ${open.length} open, ${done.length} done\n${[...open, ...done].map(line).join('\n')}`;
}

/**
 * Posted to the channel, so a mention typed into the impact, a note or a summary is shown as
 * `@name` (from `nameOf`, when the notifier could look it up) and pings no one.
 */
export function buildDebriefBlocks(report: DebriefReport, timeZone: string, nameOf: NameOf = () => undefined): KnownBlock[] {
  const { crisis, keyTimes, metrics } = report;
  // plain_text: Slack shows it as is (no mentions, no entities), so the title is not escaped.
  const title = `${crisis.isDrill ? 'DRILL · ' : ''}${report.interim ? 'Interim after-action report' : 'After-action report'}: ${crisis.title}`;
  const resolution = crisis.resolutionSummary?.trim() ?? '';
  const impact = crisis.customerImpact.trim();

  const blocks: KnownBlock[] = [
    header(title),
    context(
      ...drillBanner(report),
      ...(report.interim ? ['*INTERIM — the crisis is still open*'] : []),
      `${SEVERITY_EMOJI[crisis.severity]} ${crisis.severity} (${SEVERITY_LABELS[crisis.severity]}) · ${STATUS_LABELS[crisis.status]} · ${channelLink(crisis.channelId)}`,
      `Declared by ${mention(crisis.declaredBy)} · times in ${escapeText(timeZone)}`,
    ),
    section(
      `*Resolution*\n${resolution.length > 0 ? escapeShowingMentions(resolution, nameOf) : report.interim ? '_Not resolved yet._' : '_None recorded._'}`,
    ),
    section(`*Customer impact*\n${impact.length > 0 ? escapeShowingMentions(impact, nameOf) : '_None recorded._'}`),
    communicationsSection(report, timeZone),
    fields([
      `*Declared*\n${formatDebriefTime(keyTimes.declaredAt, timeZone)}`,
      keyTimeField('First update', keyTimes.firstUpdateAt, keyTimes.minutesToFirstUpdate, '_none posted_', timeZone),
      keyTimeField('First customer statement', keyTimes.firstStatementAt, keyTimes.minutesToFirstStatement, '_none published_', timeZone),
      keyTimeField('Resolved', keyTimes.resolvedAt, keyTimes.minutesToResolve, '_not yet_', timeZone),
    ]),
    fields([
      `*Updates posted*\n${metrics.updatesPosted}`,
      `*Updates on time*\n${onTimeText(metrics.dueTimesMet, metrics.dueTimes)}`,
      `*Longest silence*\n${formatMinutes(metrics.longestSilenceMinutes)}`,
      `*Reminders sent*\n${metrics.remindersSent}`,
      `*Missed updates*\n${metrics.missedUpdates}`,
      `*Escalations*\n${metrics.escalations}`,
      `*Handovers*\n${metrics.handovers}`,
      `*Customer statements*\n${metrics.statements}`,
    ]),
    deadlinesSection(report, timeZone),
    section(rolesText(report)),
    ...timeInRoleSection(report, timeZone),
    listSection('What went well', report.wentWell, nameOf),
    listSection("What didn't go well", [...shortfallLines(report.shortfalls), ...report.wentBadly], nameOf),
    listSection('Root causes', report.rootCauses, nameOf),
    planChangesSection(report, nameOf),
    section(actionsText(report, nameOf)),
    divider(),
  ];

  // One block stays free for the closing context line.
  const timeline = timelineSections(report, timeZone, LIMITS.blocksPerMessage - blocks.length - 1, nameOf);
  blocks.push(...timeline);
  const total = report.timeline.length;
  const corrected = report.corrections?.length ?? 0;
  const correctedNote = corrected > 0 ? ` · ${corrected} ${corrected === 1 ? 'entry was' : 'entries were'} corrected; the file lists who corrected what, and when` : '';
  blocks.push(context(`Full report with ${total} timeline ${total === 1 ? 'entry' : 'entries'} in the attached file${correctedNote}`));
  return blocks;
}
