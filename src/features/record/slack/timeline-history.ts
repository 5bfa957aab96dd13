/**
 * How corrections show: the mark beside a corrected entry in `/crisis timeline` (by whom, when), and
 * the earlier versions of an entry in its edit form, so what it said before is never out of reach.
 */
import type { ContextBlock } from '@slack/types';
import { describeChanges, type EntryCorrection, type TimelineEntryVersion } from '../timeline-versions';
import { context, escapeKeepingMentions, LIMITS, mention, truncateMarkup } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';

/** How much of each earlier version's text the edit form shows. */
const VERSION_TEXT = 200;
/** How many earlier versions the form lists, newest first. */
const VERSIONS_SHOWN = 8;

/** " · _text corrected by @bob 10:02 UTC_": the latest correction of an entry; empty when none. */
export function correctedMark(corrections: readonly EntryCorrection[] | undefined, timeZone: string): string {
  const last = corrections?.at(-1);
  if (!last) return '';
  const by = last.by === null ? '' : ` by ${mention(last.by)}`;
  const more = corrections && corrections.length > 1 ? `, ${corrections.length} corrections` : '';
  return ` · _${describeChanges(last.changes)}${by} ${formatTime(last.at, timeZone)}${more}_`;
}

/** The versions before the current one, newest first; nothing when the entry was never corrected. */
export function earlierVersionsBlock(versions: readonly TimelineEntryVersion[], timeZone: string): ContextBlock[] {
  const earlier = versions.slice(0, -1).reverse();
  if (earlier.length === 0) return [];
  const lines = earlier.slice(0, VERSIONS_SHOWN).map((v) => {
    const who = v.authorId === null ? '' : ` by ${mention(v.authorId)}`;
    const flat = v.text.replace(/\s*\n\s*/g, ' ').trim();
    const what = v.version === 1 ? 'first recorded' : 'written';
    return `*v${v.version}* ${what}${who} ${formatTime(v.writtenAt, timeZone)} · happened ${formatTime(v.occurredAt, timeZone)}${v.hidden ? ' · hidden' : ''}\n${truncateMarkup(escapeKeepingMentions(flat), VERSION_TEXT)}`;
  });
  const older = earlier.length - VERSIONS_SHOWN;
  const heading = `*Earlier versions* (kept; the debrief lists every correction)${older > 0 ? ` · ${older} older not shown` : ''}`;
  return [context(truncateMarkup([heading, ...lines].join('\n'), LIMITS.sectionText))];
}
