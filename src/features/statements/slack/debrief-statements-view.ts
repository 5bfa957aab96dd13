/** The debrief summary's "Customer communications" section: what was published, by whom, approved how, and the promises. */
import type { KnownBlock } from '@slack/types';
import type { DebriefReport } from '../../record';
import { formatDebriefTime } from '../../record';
import { promiseTally, publishedLine } from '../debrief-statements';
import { formatMinutes } from '../../../core/cadence';
import { escapeKeepingMentions, section, truncateMarkup } from '../../../slack/views/blocks';

/** Lines past this many are left to the file; the summary stays one readable section. */
const MAX_LINES = 8;

export function communicationsSection(report: DebriefReport, timeZone: string): KnownBlock {
  const c = report.communications;
  const at = (iso: string): string => formatDebriefTime(iso, timeZone);
  const first = c.minutesToFirstPublished === null ? 'none published' : `${formatMinutes(c.minutesToFirstPublished)} after declaration`;
  const median = c.medianMinutesToApproval === null ? 'n/a' : formatMinutes(c.medianMinutesToApproval);
  const facts = `First statement: ${first} · median draft → approval: ${median} · promises: ${promiseTally(c)}`;
  const lines = c.published.slice(-MAX_LINES).map((p) => `• ${escapeKeepingMentions(publishedLine(p, at, (id) => `<@${id}>`))}`);
  const more = c.published.length > MAX_LINES ? `\n_…and ${c.published.length - MAX_LINES} earlier in the file._` : '';
  return section(truncateMarkup(`*Customer communications*\n${facts}${lines.length ? `\n${lines.join('\n')}` : ''}${more}`, 3000));
}
