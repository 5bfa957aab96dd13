/**
 * The help desk's words in Slack: its lines on the crisis card, the early warning with its Declare
 * button, the replies to `/crisis tag` and `/crisis keywords`, and the refusals' words. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { CrisisSnapshot } from '../../../core/ports';
import { ACTIONS } from '../../../slack/ids';
import { actions, button, context, escapeText, section } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';
import type { KeywordProblem, TagProblem } from '../matching';
import type { HelpdeskFacts, WatchChange } from '../service';
import type { EarlyWarningPost } from '../tickers';

const ARROWS = { up: '↑', down: '↓', steady: '→' } as const;

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** "42 % negative in the last hour ↑ (from 20 %)"; too few tickets say so. */
export function negativeShareText(facts: HelpdeskFacts): string {
  const { lastHour, hourBefore, trend } = facts.negative;
  if (lastHour.share === null) return 'no tickets in the last hour';
  const arrow = trend === null ? '' : ` ${ARROWS[trend]}${hourBefore.share === null || trend === 'steady' ? '' : ` from ${percent(hourBefore.share)}`}`;
  const few = trend === null && lastHour.total < 5 ? ' (too few tickets for a trend)' : '';
  return `${percent(lastHour.share)} negative in the last hour${arrow}${few}`;
}

/** The tag people put on tickets, and how many counted. */
export function helpdeskCardBlocks(snapshot: CrisisSnapshot): KnownBlock[] {
  const facts = snapshot.helpdesk;
  if (!facts) return [];
  const { tag, keyword } = facts.counts;
  const lines = [`Tag tickets \`${escapeText(facts.tag)}\` to count them here.`];
  if (tag.total + keyword.total > 0) {
    lines.push(`*${plural(tag.total, 'ticket')}* tagged (${tag.lastHour.toLocaleString('en')} in the last hour) · ${negativeShareText(facts)}`);
  }
  if (facts.keywords.length > 0) {
    lines.push(`Probably related (subject holds ${facts.keywords.map((k) => `\`${escapeText(k)}\``).join(', ')}): ${plural(keyword.total, 'ticket')} (${keyword.lastHour.toLocaleString('en')} in the last hour)`);
  }
  return [section(`*Help-desk tickets*\n${lines.join('\n')}`, 'card_helpdesk')];
}

/** The FAQ message's line for support reps: which tag to put on tickets. */
export function faqTagLine(tag: string): string {
  return `Tag tickets about this crisis \`${escapeText(tag)}\` in the help desk.`;
}

export function tagProblemText(problem: TagProblem | { code: 'tag_taken'; tag: string; crisisId: number }): string {
  switch (problem.code) {
    case 'tag_empty':
      return 'A tag needs a letter or a digit, e.g. `/crisis tag recall-2026-12`.';
    case 'tag_too_long':
      return `A tag is at most ${problem.max} characters.`;
    case 'tag_has_comma':
      return 'A tag cannot hold a comma (help desks split tags on commas). Use a dash: `/crisis tag late-delivery`.';
    case 'tag_taken':
      return `Another open crisis already counts tickets tagged \`${escapeText(problem.tag)}\`; pick another tag, or change that one first.`;
  }
}

export function keywordProblemText(problem: KeywordProblem): string {
  switch (problem.code) {
    case 'keyword_too_short':
      return `\`${escapeText(problem.keyword)}\` is too short: at least ${problem.min} characters.`;
    case 'keyword_too_long':
      return `\`${escapeText(problem.keyword.slice(0, 40))}…\` is too long: at most ${problem.max} characters.`;
    case 'keyword_no_letter':
      return `\`${escapeText(problem.keyword)}\` needs a letter or a digit.`;
    case 'too_many_keywords':
      return `That is ${problem.count} keywords; at most ${problem.max}.`;
    case 'no_keywords':
      return 'Which words? e.g. `/crisis keywords refund, charged twice`.';
  }
}

export function watchChangeText(change: WatchChange, what: 'tag' | 'keywords'): string {
  if (!change.ok) {
    if ('problems' in change) return `${change.problems.map(keywordProblemText).join(' ')} Nothing changed.`;
    return `${tagProblemText(change.problem)} Nothing changed.`;
  }
  if (what === 'tag') {
    return change.changed ? `Tickets tagged \`${escapeText(change.tag)}\` now count for this crisis (from now on; those counted before stay).` : `Tickets tagged \`${escapeText(change.tag)}\` already count for this crisis.`;
  }
  if (change.keywords.length === 0) return change.changed ? 'Keywords cleared: only tagged tickets count now.' : 'This crisis has no keywords; only tagged tickets count.';
  const words = change.keywords.map((k) => `\`${escapeText(k)}\``).join(', ');
  return `${change.changed ? 'Keywords set' : 'Keywords unchanged'}: a new ticket whose subject holds ${words} counts as "probably related", shown apart on the card.`;
}

export function watchShowText(watch: { tag: string; keywords: readonly string[] }): string {
  const words = watch.keywords.length > 0 ? watch.keywords.map((k) => `\`${escapeText(k)}\``).join(', ') : '_none_';
  return `Help-desk tag: \`${escapeText(watch.tag)}\` (\`/crisis tag &lt;tag&gt;\` changes it). Keywords: ${words} (\`/crisis keywords &lt;word&gt;, &lt;phrase&gt;\` sets them, \`/crisis keywords clear\` removes them).`;
}

/** The early warning's title, also the declare form's prefilled title. */
export function earlyWarningTitle(post: Pick<EarlyWarningPost, 'warning'>): string {
  return post.warning.kind === 'tag' ? `Rise in tickets tagged ${post.warning.value}` : `Rise in "${post.warning.value}" tickets`;
}

export function buildEarlyWarning(post: EarlyWarningPost): Message {
  const { warning } = post;
  const what = warning.kind === 'tag' ? `tagged \`${escapeText(warning.value)}\`` : `whose subject holds \`${escapeText(warning.value)}\``;
  const median = Number.isInteger(warning.median) ? String(warning.median) : warning.median.toFixed(1);
  const lines = [
    `:rotating_light: *Early warning:* ${plural(warning.lastHour, 'ticket')} ${what} in the last hour, against a median of ${median} at this hour over the last ${plural(warning.history.length, 'day')}.`,
  ];
  if (post.commonKeywords.length > 0) lines.push(`Keywords most found among them: ${post.commonKeywords.map((k) => `\`${escapeText(k.keyword)}\` (${k.tickets})`).join(', ')}`);
  const type = post.typeLabel ? ` The form opens as *${escapeText(post.typeLabel)}*.` : '';
  return {
    text: `Early warning: ${warning.lastHour} tickets ${warning.kind === 'tag' ? `tagged ${warning.value}` : `about "${warning.value}"`} in the last hour`,
    blocks: [
      section(lines.join('\n'), 'early_warning'),
      actions('early_warning_actions', button('Declare', ACTIONS.earlyWarningDeclare, String(post.warningId), 'primary')),
      context(`No crisis counts these tickets yet. Once per tag or keyword per 6 hours.${type}`),
    ],
  };
}
