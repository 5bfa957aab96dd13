/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import type { KnownBlock } from '@slack/types';
import { SEVERITY_EMOJI, STATUS_LABELS, type Crisis } from '../../core/crisis';
import { ROLE_LABELS, ROLES, type Role } from '../../core/roles';
import { TIMELINE_LABELS, type TimelineEvent } from '../../core/timeline';
import type { EntryCorrection } from '../../features/record/timeline-versions';
import type { CrisisSnapshot } from '../../core/ports';
import { ACTIONS } from '../ids';
import { capBlocks, channelLink, context, escapeKeepingMentions, escapeText, header, LIMITS, mention, section } from './blocks';
import { holdersText, nextUpdateText } from '../../features/crisis/slack/crisis-card';
import { privateListLine } from './drill';
import { age, formatTime } from './format';
import { correctedMark } from '../../features/record/slack/timeline-history';
import type { Message } from './messages';

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

export function buildRolesReply(crisis: Crisis, holders: Record<Role, string[]>): Message {
  const empty = ROLES.filter((r) => holders[r].length === 0).map((r) => ROLE_LABELS[r].toLowerCase());
  const footer = empty.length ? `Empty: ${empty.join(', ')}. \`/crisis assign @person &lt;role&gt;\` fills one.` : 'Every role is filled.';
  return {
    text: `Roles for ${escapeText(crisis.title)}`,
    blocks: [section(`*Roles: ${escapeText(crisis.title)}*\n${holdersText(holders)}`), context(footer)],
  };
}

function actorOf(e: TimelineEvent): string {
  return e.actorId ? ` · ${mention(e.actorId)}` : '';
}

/**
 * The timeline as an ephemeral message, each entry with an edit button. Only the most recent
 * entries that fit in one message are shown; the debrief file always has them all.
 */
/** How many entries the timeline reply shows: what fits beside its header and two notes. */
export const TIMELINE_REPLY_ENTRIES = LIMITS.blocksPerMessage - 3;

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

export function errorReply(message: string): Message {
  return { text: message, blocks: [section(`:warning: ${message}`)] };
}

export function okReply(message: string, warnings: string[] = []): Message {
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${message}`)];
  if (warnings.length) blocks.push(section(`:warning: ${warnings.join('\n')}`));
  return { text: [message, ...warnings].join(' '), blocks };
}
