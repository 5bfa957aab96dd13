/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import type { KnownBlock } from '@slack/types';
import { SEVERITY_EMOJI, STATUS_LABELS } from '../../../core/crisis';
import type { CrisisSnapshot } from '../../../core/ports';
import { capBlocks, channelLink, context, escapeText, header, LIMITS, mention, section } from '../../../slack/views/blocks';
import { nextUpdateText } from './crisis-card';
import { privateListLine } from '../../../slack/views/drill';
import { age } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';

export function buildListReply(snapshots: CrisisSnapshot[], total: number, timeZone: string, now: Date): Message {
  if (snapshots.length === 0) {
    return { text: 'No open crises. `/crisis declare` starts one.', blocks: [section(':white_check_mark: No open crises. `/crisis declare` starts one.')] };
  }
  const lines = snapshots.map(({ crisis, holders, reminder }) => {
    // Outside its channel a private crisis shows only that it exists, its severity and its lead.
    if (crisis.isPrivate) return privateListLine(crisis, holders.lead);
    const lead = holders.lead.map(mention).join(', ') || '_no lead_';
    const due = nextUpdateText({ crisis, holders, reminder }, timeZone, now);
    return `${SEVERITY_EMOJI[crisis.severity]} ${crisis.isDrill ? '*DRILL* · ' : ''}${channelLink(crisis.channelId)} *${escapeText(crisis.title)}*\n${crisis.severity} · ${STATUS_LABELS[crisis.status]} · lead ${lead} · ${age(crisis.declaredAt, now)} old · next update ${due}`;
  });
  const blocks: KnownBlock[] = [header(`Open crises (${total})`), ...lines.map((l) => section(l))];
  const shown = capBlocks(blocks, LIMITS.blocksPerMessage - 1);
  if (total > snapshots.length) shown.push(context(`Showing the ${snapshots.length} oldest of ${total}.`));
  return { text: `${total} open crises`, blocks: shown };
}
