/**
 * The App Home's part about statements, for the person looking at it: the drafts waiting for their
 * approval (as legal, or as lead where there is no legal holder) and the promises of a next
 * statement they owe (as spokesperson, or lead while there is none). A private crisis shows neither
 * its title nor the statement's words here: only its channel, which its people can open.
 */
import type { KnownBlock } from '@slack/types';
import { AUDIENCE_LABELS } from '../../domain/playbook';
import type { HomeStatement } from '../../services/statement-service';
import { channelLink, escapeText, mention, section, truncate } from './blocks';
import { age, formatTime } from './format';

const EXCERPT = 140;
/** Each list is one section; past this many, the rest are counted. */
const MAX_ITEMS = 10;

function where(item: HomeStatement): string {
  return item.isPrivate ? `${channelLink(item.channelId)} · :lock: _private crisis_` : `${channelLink(item.channelId)} *${escapeText(item.title)}*`;
}

function words(item: HomeStatement): string {
  return item.isPrivate ? '' : `\n>${escapeText(truncate(item.statement.text.replace(/\s*\n\s*/g, ' '), EXCERPT))}`;
}

function list(title: string, items: readonly HomeStatement[], line: (item: HomeStatement) => string, none: string): KnownBlock {
  const shown = items.slice(0, MAX_ITEMS).map(line);
  const more = items.length > MAX_ITEMS ? `\n_…and ${items.length - MAX_ITEMS} more._` : '';
  return section(`*${title}*\n${shown.length ? shown.join('\n') : none}${more}`);
}

/** Two sections: drafts waiting for this person, and the promises this person owes. */
export function buildHomeStatementBlocks(drafts: readonly HomeStatement[], promises: readonly HomeStatement[], timeZone: string, now: Date): KnownBlock[] {
  const draftLine = (d: HomeStatement): string =>
    `• *S${d.statement.number}* in ${where(d)} · ${AUDIENCE_LABELS[d.statement.audience]} · by ${mention(d.statement.authorId)} · waiting ${age(d.statement.createdAt, now)} · \`/crisis approve S${d.statement.number}\`${words(d)}`;
  const promiseLine = (p: HomeStatement): string => {
    const due = p.statement.promiseDueAt ?? now.toISOString();
    const overdue = Date.parse(due) <= now.getTime();
    return `• ${overdue ? ':x: *overdue*' : ':alarm_clock:'} next statement in ${where(p)} by *${formatTime(due, timeZone, now)}* (promised by S${p.statement.number}, ${escapeText(p.statement.publishedTo ?? '')})`;
  };
  return [
    list('Statements waiting for your approval', drafts, draftLine, '_None._'),
    list('Statements you have promised', promises, promiseLine, '_None owed._'),
  ];
}
