/** The debrief summary's section on deadline clocks: each met or missed, with the tally. */
import type { KnownBlock } from '@slack/types';
import type { DebriefReport } from '../../record';
import { formatDebriefTime } from '../../record';
import { escapeKeepingMentions, section } from '../../../slack/views/blocks';
import { deadlineLine, deadlineTally } from '../debrief-deadlines';

const OUTCOME_EMOJI = { met: ':white_check_mark:', missed: ':x:', running: ':hourglass_flowing_sand:', open: ':grey_question:' } as const;

export function deadlinesSection(report: DebriefReport, timeZone: string): KnownBlock {
  if (report.deadlines.length === 0) return section('*Deadlines*\n_None recorded._');
  const lines = report.deadlines.map((d) => `${OUTCOME_EMOJI[d.outcome]} ${escapeKeepingMentions(deadlineLine(d, (iso) => formatDebriefTime(iso, timeZone), (id) => `<@${id}>`))}`);
  return section(`*Deadlines* — ${deadlineTally(report.deadlines)}\n${lines.join('\n')}`);
}
