/**
 * Drills and private crises in messages: every message of a drill says DRILL (a practice run must
 * never be mistaken for the real thing), and a private crisis shows outside its channel only as
 * "private crisis" with its severity and lead.
 */
import type { KnownBlock } from '@slack/types';
import { SEVERITY_EMOJI, type Crisis } from '../../core/crisis';
import { context, escapeText, LIMITS, mention } from './blocks';
import type { Message } from './messages';

export const DRILL_MARK = ':test_tube: *DRILL* — practice run, not a real crisis';

/** The message as posted for this crisis: a drill's gets DRILL in its text and a first context line. */
export function markDrill(crisis: Pick<Crisis, 'isDrill'>, message: Message): Message {
  if (!crisis.isDrill) return message;
  const blocks: KnownBlock[] = message.blocks.length < LIMITS.blocksPerMessage ? [context(DRILL_MARK), ...message.blocks] : message.blocks;
  return { text: `[DRILL] ${message.text}`, blocks };
}

/**
 * How a crisis is named outside its channel (announcements, `list`, App Home): its title, or for
 * a private crisis only "private crisis" (severity and lead are shown beside it).
 */
export function publicName(crisis: Pick<Crisis, 'isPrivate' | 'title'>): string {
  return crisis.isPrivate ? ':lock: _private crisis_' : `*${escapeText(crisis.title)}*`;
}

/** One line for a private crisis wherever the open crises are listed: severity and lead, nothing else. */
export function privateListLine(crisis: Pick<Crisis, 'severity' | 'isDrill'>, leadIds: readonly string[]): string {
  const lead = leadIds.map(mention).join(', ') || '_no lead_';
  return `${SEVERITY_EMOJI[crisis.severity]} ${crisis.isDrill ? '*DRILL* · ' : ''}:lock: _private crisis_ · ${crisis.severity} · lead ${lead}`;
}
