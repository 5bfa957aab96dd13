/**
 * Small Block Kit helpers shared by every view: escaping user text, truncating to Slack's limits,
 * and typed constructors for the few block shapes we use. No builder library: plain objects.
 */
import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { cleanText, cutText } from '../../core/text';
import { peopleIn, renderPeople } from '../../core/words';

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  messageText: 40000,
} as const;

/** Escapes the three characters Slack treats as markup, so `<!channel>` pings nobody. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Undoes Slack's escaping of text it sends us (message text in events, message shortcuts and
 * conversations.history; slash-command text): only `&amp;`, `&lt;` and `&gt;`, the three it
 * uses. One pass, so `&amp;lt;` (a typed `&lt;`) becomes `&lt;`, not `<`. Apply it once, at the
 * edge; the views escape again when they render. It cleans the text too (src/domain/text.ts: no
 * NUL, no bidi override), since this is where Slack's text comes in.
 */
export function unescapeSlack(text: string): string {
  return cleanText(text.replace(/&(amp|lt|gt);/g, (_, entity: string) => (entity === 'amp' ? '&' : entity === 'lt' ? '<' : '>')));
}

/** Cuts `text` to at most `max` characters, ending with an ellipsis when cut; never inside a character (grapheme). */
export function truncate(text: string, max: number): string {
  return cutText(text, max);
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export function channelLink(channelId: string): string {
  return `<#${channelId}>`;
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true } };
}

/*
 * section, fields and context take mrkdwn, which holds entities and `<…>` tokens: they cut with
 * truncateMarkup so a cut never leaves half of one.
 */
export function section(markdown: string, blockId?: string): SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text: truncateMarkup(markdown, LIMITS.sectionText) } };
}

export function fields(items: string[], blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    fields: items.slice(0, LIMITS.fieldsPerSection).map((text) => ({ type: 'mrkdwn' as const, text: truncateMarkup(text, LIMITS.fieldText) })),
  };
}

export function context(...items: string[]): ContextBlock {
  return {
    type: 'context',
    elements: items.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: truncateMarkup(text, LIMITS.sectionText) })),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value?: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    ...(value !== undefined ? { value: truncate(value, LIMITS.buttonValue) } : {}),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, ...elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}

/** Keeps a message within Slack's block limit, replacing the overflow with a note. */
export function capBlocks(blocks: KnownBlock[], max: number = LIMITS.blocksPerMessage): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(`…and ${blocks.length - max + 1} more not shown.`)];
}

/**
 * Like `truncate`, for mrkdwn that has been escaped or holds mentions and links: the cut never
 * splits a character (grapheme), an entity (`&amp;`) or a `<…>` token, since half a token renders as
 * garbage or, for a link, swallows the text after it. Counts UTF-16 units, never fewer than the
 * characters Slack counts, so the result is within `max` either way.
 */
export function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let kept = cutText(text, max - 1, '');
  const amp = kept.lastIndexOf('&');
  if (amp !== -1 && !kept.slice(amp).includes(';')) kept = kept.slice(0, amp);
  const open = kept.lastIndexOf('<');
  if (open !== -1 && !kept.slice(open).includes('>')) kept = kept.slice(0, open);
  return `${kept}…`;
}

/** `<url|label>`, escaped; a URL that would break the token (`|`, whitespace) shows only the label. */
export function link(url: string, label: string): string {
  if (/[|\s]/.test(url)) return escapeText(label);
  return `<${escapeText(url)}|${escapeText(label)}>`;
}

const USER_MENTION = /&lt;@([UW][A-Z0-9]+)(?:\|[^&]*)?&gt;/g;
const USER_MENTION_LABELLED = /&lt;@([UW][A-Z0-9]+)(?:\|([^&]*))?&gt;/g;

/*
 * People's text and mentions. Every view escapes people's text, so `<!channel>`, `<!here>`,
 * `<!everyone>`, `<!subteam^…>` and `<https://…|label>` are shown as typed and never acted on.
 * A mention of a colleague (`<@U123>`) in that text is treated by where it goes:
 * - `escapeKeepingMentions`: where a mention notifies no one (an ephemeral reply, the App Home, a
 *   form, a DM to one person), it stays a live mention and reads as the person's name;
 * - `escapeShowingMentions`: in a message posted to a channel for everyone (the pinned card, the
 *   debrief), a mention someone typed into the impact, a note or a summary is shown as `@name` and
 *   pings no one. Only the bot's own `mention()` (a role holder, an owner) notifies there.
 * Stored text the bot wrote holds person tokens (src/core/words.ts) where older rows hold `<@U…>`:
 * both read the same, a token as a mention someone typed.
 */

/** Escapes user text but keeps user mentions (`<@U123>` or `<@U123|name>`) working; see above. */
export function escapeKeepingMentions(text: string): string {
  return renderPeople(escapeText(text).replace(USER_MENTION, '<@$1>'), (id) => `<@${id}>`);
}

/**
 * Escapes user text and shows each user mention as `@name` that pings nobody: the name `nameOf`
 * knows, else the label Slack sent with the mention, else the user ID.
 */
export function escapeShowingMentions(text: string, nameOf: (userId: string) => string | undefined = () => undefined): string {
  const shown = (id: string, label?: string): string => `@${nameOf(id) !== undefined ? escapeText(nameOf(id) ?? '') : label || id}`;
  return renderPeople(
    escapeText(text).replace(USER_MENTION_LABELLED, (_m, id: string, label: string | undefined) => shown(id, label)),
    (id) => shown(id),
  );
}

/** User IDs mentioned (`<@U123>`, `<@U123|name>`) in stored text, for looking their names up. */
export function mentionedUserIds(texts: ReadonlyArray<string | null | undefined>): string[] {
  const ids = new Set<string>();
  for (const text of texts) {
    for (const match of (text ?? '').matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) if (match[1]) ids.add(match[1]);
    for (const id of peopleIn(text ?? '')) ids.add(id);
  }
  return [...ids];
}

const SLACK_TOKEN = /<([^<>]*)>/g;

/**
 * For plain text that Slack still reads markup in (a channel topic or purpose), where escaping
 * would show the entities: each `<…>` token becomes the words it stands for, so `<!channel>` is
 * "@channel" and pings no one, and `<https://evil.example|Click to verify>` shows its address,
 * "Click to verify (https://evil.example)", instead of hiding it behind the label.
 */
export function inertPlainText(text: string): string {
  let out = text;
  // A token can hide inside another (`<<!here>>`): undone from the inside out until none is left.
  for (let pass = 0; pass < 10; pass += 1) {
    const next = out.replace(SLACK_TOKEN, (_m, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar === -1 ? inner : inner.slice(0, bar);
      const label = bar === -1 ? '' : inner.slice(bar + 1);
      if (target.startsWith('!')) return label || `@${target.slice(1).split('^')[0] ?? ''}`;
      if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      // A link: with a label it hid its address; bare, it is only its address. Anything else
      // between angle brackets ("5 < 6 and 7 > 3") is no token and stays as typed.
      if (label) return label === target ? target : `${label} (${target})`;
      return /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : `<${inner}>`;
    });
    if (next === out) return out;
    out = next;
  }
  // Nested past reason: the brackets themselves go.
  return out.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'));
}
