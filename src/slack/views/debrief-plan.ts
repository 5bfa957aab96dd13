/** The debrief summary's sections about the plan: deadline clocks met or missed, and proposed changes to the playbook. */
import type { KnownBlock } from '@slack/types';
import type { DebriefReport } from '../../domain/debrief';
import { deadlineLine, deadlineTally } from '../../domain/debrief-deadlines';
import { formatDebriefTime } from '../../domain/debrief-markdown';
import { escapeKeepingMentions, escapeShowingMentions, mention, section } from './blocks';

const OUTCOME_EMOJI = { met: ':white_check_mark:', missed: ':x:', running: ':hourglass_flowing_sand:', open: ':grey_question:' } as const;

export function deadlinesSection(report: DebriefReport, timeZone: string): KnownBlock {
  if (report.deadlines.length === 0) return section('*Deadlines*\n_None recorded._');
  const lines = report.deadlines.map((d) => `${OUTCOME_EMOJI[d.outcome]} ${escapeKeepingMentions(deadlineLine(d, (iso) => formatDebriefTime(iso, timeZone), (id) => `<@${id}>`))}`);
  return section(`*Deadlines* — ${deadlineTally(report.deadlines)}\n${lines.join('\n')}`);
}

/** Under its own heading, so the team edits its playbook files after the debrief. */
export function planChangesSection(report: DebriefReport, nameOf: (userId: string) => string | undefined = () => undefined): KnownBlock {
  const body = report.planChanges.length > 0 ? report.planChanges.map((item) => `• ${escapeShowingMentions(item.replace(/\s*\n\s*/g, ' '), nameOf)}`).join('\n') : '_None proposed._';
  return section(`*Proposed changes to our plan*\n${body}\n_Edit the playbook files (see the README) to make them part of the plan._`);
}

/** The drill banner: a debrief of a practice run says so before anything else. */
export function drillBanner(report: DebriefReport): string[] {
  return report.crisis.isDrill ? [`:test_tube: *DRILL* — a practice run led by ${mention(report.crisis.declaredBy)}, not a real crisis; left out of reports`] : [];
}
