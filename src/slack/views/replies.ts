/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import type { KnownBlock } from '@slack/types';
import { LIMITS, section } from './blocks';
import type { Message } from './messages';

/**
 * The timeline as an ephemeral message, each entry with an edit button. Only the most recent
 * entries that fit in one message are shown; the debrief file always has them all.
 */
/** How many entries the timeline reply shows: what fits beside its header and two notes. */
export const TIMELINE_REPLY_ENTRIES = LIMITS.blocksPerMessage - 3;

export function errorReply(message: string): Message {
  return { text: message, blocks: [section(`:warning: ${message}`)] };
}

export function okReply(message: string, warnings: string[] = []): Message {
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${message}`)];
  if (warnings.length) blocks.push(section(`:warning: ${warnings.join('\n')}`));
  return { text: [message, ...warnings].join(' '), blocks };
}
