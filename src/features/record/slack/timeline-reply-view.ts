/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import type { KnownBlock } from '@slack/types';
import { type Crisis } from '../../../core/crisis';
import { TIMELINE_LABELS, type TimelineEvent } from '../../../core/timeline';
import type { EntryCorrection } from '../timeline-versions';
import { ACTIONS } from '../../../slack/ids';
import { context, escapeKeepingMentions, header, LIMITS, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import { correctedMark } from './timeline-history';
import type { Message } from '../../../slack/views/messages';

/** How many entries the timeline reply shows: what fits beside its header and two notes. */
export const TIMELINE_REPLY_ENTRIES = LIMITS.blocksPerMessage - 3;

function actorOf(e: TimelineEvent): string {
  return e.actorId ? ` · ${mention(e.actorId)}` : '';
}

/**
 * The timeline as an ephemeral message, each entry with an edit button. Only the most recent
 * entries that fit in one message are shown; the debrief file always has them all.
 */
/**
 * `events` may be only the latest entries; `total` is how many visible entries there are in all;
 * `corrections` marks the corrected ones with who corrected them and when.
 */
export function buildTimelineReply(
  crisis: Crisis,
  events: TimelineEvent[],
  timeZone: string,
  total = events.length,
  corrections: ReadonlyMap<number, readonly EntryCorrection[]> = new Map(),
): Message {
  const shown = events.slice(-TIMELINE_REPLY_ENTRIES);
  const blocks: KnownBlock[] = [header(`Timeline: ${crisis.title}`)];
  if (total > shown.length) blocks.push(context(`Showing the latest ${shown.length} of ${total} entries; \`/crisis debrief\` has them all.`));
  for (const e of shown) {
    const link = e.permalink ? ` <${e.permalink}|link>` : '';
    blocks.push({
      ...section(`*${formatTime(e.occurredAt, timeZone)}* · ${TIMELINE_LABELS[e.kind]}${actorOf(e)}${link}${correctedMark(corrections.get(e.id), timeZone)}\n${escapeKeepingMentions(e.text)}`, `entry_${e.id}`),
      // A correction is the record of an edit; editing it would rewrite that record.
      ...(e.kind === 'entry_corrected'
        ? {}
        : { accessory: { type: 'button' as const, text: { type: 'plain_text' as const, text: 'Edit' }, action_id: ACTIONS.timelineEdit, value: String(e.id) } }),
    });
  }
  if (total === 0) blocks.push(section('_Nothing recorded yet._'));
  blocks.push(context('Edit corrects an entry\'s text or time, or hides it (the lead, the info gatherers, the declarer and crisis admins); every version is kept.'));
  return { text: `Timeline: ${total} entries`, blocks };
}
