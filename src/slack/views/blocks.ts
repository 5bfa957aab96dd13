/**
 * Small Block Kit helpers shared by every view: escaping user text, truncating to Slack's limits,
 * and typed constructors for the few block shapes we use. No builder library: plain objects.
 */
import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';

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
 * edge; the views escape again when they render.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, entity: string) => (entity === 'amp' ? '&' : entity === 'lt' ? '<' : '>'));
}

/** Cuts `text` to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, Math.max(0, max - 1));
  // Never end on half an emoji: a lone surrogate is not valid text for Slack.
  const last = kept.charCodeAt(kept.length - 1);
  return `${last >= 0xd800 && last <= 0xdbff ? kept.slice(0, -1) : kept}…`;
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
 * splits a surrogate pair, an entity (`&amp;`) or a `<…>` token, since half a token renders as
 * garbage or, for a link, swallows the text after it. Counts UTF-16 units, never fewer than the
 * characters Slack counts, so the result is within `max` either way.
 */
export function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let kept = text.slice(0, max - 1);
  const last = kept.charCodeAt(kept.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) kept = kept.slice(0, -1);
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

/**
 * Escapes user text but keeps user mentions (`<@U123>` or `<@U123|name>`) working: mentioning a
 * colleague is normal, while `<!channel>`, `<!here>` and links stay inert text.
 */
export function escapeKeepingMentions(text: string): string {
  return escapeText(text).replace(USER_MENTION, '<@$1>');
}
