/** Ephemeral replies to commands: list, roles, cadence, timeline and errors. */
import type { KnownBlock } from '@slack/types';
import { LIMITS, section } from './blocks';
import type { Message } from './messages';
import { mrkdwn } from './words';

/**
 * The timeline as an ephemeral message, each entry with an edit button. Only the most recent
 * entries that fit in one message are shown; the debrief file always has them all.
 */
/** How many entries the timeline reply shows: what fits beside its header and two notes. */
export const TIMELINE_REPLY_ENTRIES = LIMITS.blocksPerMessage - 3;

/** A refusal in words (a CrisisError's message, or the listener's own): rendered through `mrkdwn`. */
export function errorReply(words: string): Message {
  return errorMarkup(mrkdwn(words));
}

/** A refusal already written as mrkdwn (the command grammar's, which quotes what was typed escaped). */
export function errorMarkup(markup: string): Message {
  return { text: markup, blocks: [section(`:warning: ${markup}`)] };
}

/** What was done and what went wrong on the way, in words (a service's outcome): rendered through `mrkdwn`. */
export function okReply(words: string, warnings: readonly string[] = []): Message {
  return okMarkup(mrkdwn(words), warnings);
}

/** An outcome a view wrote as mrkdwn already (people's text escaped in it); the warnings are still words. */
export function okMarkup(message: string, warnings: readonly string[] = []): Message {
  const shown = warnings.map(mrkdwn);
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${message}`)];
  if (shown.length) blocks.push(section(`:warning: ${shown.join('\n')}`));
  return { text: [message, ...shown].join(' '), blocks };
}
