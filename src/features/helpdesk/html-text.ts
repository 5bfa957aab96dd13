/**
 * A ticket's first message as plain text: help desks send it as HTML (Intercom's `<p>…</p>`,
 * Freshdesk's description) or text (Zendesk's `description`). What the sentiment scorer and the
 * keyword matcher read; never stored. Pure and bounded: the text is cut before any work, since
 * only its opening says how the customer feels, and a 64 KiB body must not cost more than a few.
 */
import { cleanText, cutText } from '../../core/text';

/** How much of a message is read at most (characters, after the HTML is gone). */
export const MAX_MESSAGE_CHARS = 2000;
/** How much HTML is looked at before stripping (a generous multiple: markup is mostly tags). */
const MAX_HTML_CHARS = MAX_MESSAGE_CHARS * 8;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const code = Number.parseInt(body.slice(2), 16);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  if (body.startsWith('#')) {
    const code = Number.parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** HTML (or plain text, which passes through) to one line of visible text. */
export function htmlToText(input: string): string {
  const html = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const text = html
    // What is never shown: scripts, styles, comments.
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Line and block breaks become spaces, so words of two paragraphs do not run together.
    .replace(/<\/?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|pre)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity: string, body: string) => decodeEntity(entity, body));
  const oneLine = cleanText(text).replace(/\s+/g, ' ').trim();
  // Cut between whole characters: half an emoji would be a lone surrogate.
  return cutText(oneLine, MAX_MESSAGE_CHARS, '');
}
