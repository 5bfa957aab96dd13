/** Messages the bot posts into a crisis channel or the announcement channel. */
import { ROLE_LABELS } from '../../../core/roles';
import type { CrisisSnapshot } from '../../../core/ports';
import { channelLink, escapeText, mention, section } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';

export function buildRelievedDm(snapshot: CrisisSnapshot, role: keyof typeof ROLE_LABELS, by: string, userId: string): Message {
  const where = `*${ROLE_LABELS[role].toLowerCase()}* for ${channelLink(snapshot.crisis.channelId)} (*${escapeText(snapshot.crisis.title)}*)`;
  // Someone who handed over (or stepped down) themselves has said what was in flight already.
  const text = by === userId
    ? `You are no longer ${where}, as you asked. Thank you.`
    : `You are no longer ${where}; changed by ${mention(by)}. Thank you. Please hand over anything in flight in the channel.`;
  return { text, blocks: [section(text)] };
}
