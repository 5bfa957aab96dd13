/** The debrief summary's section about the plan: proposed changes to the playbook, and the drill banner. */
import type { KnownBlock } from '@slack/types';
import type { DebriefReport } from '../debrief';
import { escapeShowingMentions, mention, section } from '../../../slack/views/blocks';

/** Under its own heading, so the team edits its playbook files after the debrief. */
export function planChangesSection(report: DebriefReport, nameOf: (userId: string) => string | undefined = () => undefined): KnownBlock {
  const body = report.planChanges.length > 0 ? report.planChanges.map((item) => `• ${escapeShowingMentions(item.replace(/\s*\n\s*/g, ' '), nameOf)}`).join('\n') : '_None proposed._';
  return section(`*Proposed changes to our plan*\n${body}\n_Edit the playbook files (see the README) to make them part of the plan._`);
}

/** The drill banner: a debrief of a practice run says so before anything else. */
export function drillBanner(report: DebriefReport): string[] {
  return report.crisis.isDrill ? [`:test_tube: *DRILL* — a practice run led by ${mention(report.crisis.declaredBy)}, not a real crisis; left out of reports`] : [];
}
