/**
 * People's text, made safe to keep and to cut. Pure, with no Slack in it:
 * - `cleanText` is applied once, where text comes in (a command, a form, a captured message, a
 *   webhook): it drops what no one can see but that changes how the rest reads or breaks the calls
 *   that carry it (NUL and other control characters, bidi overrides and isolates, lone surrogates);
 * - `hasVisibleCharacter` tells a title of zero-width spaces from a real one;
 * - `cutText` shortens text without splitting a character as people see it (a grapheme: an emoji
 *   with its modifiers, a flag, a letter with its accents), which a cut by code unit did (half an
 *   emoji is a lone surrogate, and Slack's form encoding threw URIError on it).
 */

/**
 * C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the bidi embedding,
 * override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make text display in an
 * order other than the one it is stored and read in ("txt.exe" shown as "exe.txt").
 */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
/** Half of a surrogate pair with no other half: not text, and not encodable. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Characters that take no visible room: spaces and separators, format characters (zero-width
 * space, joiner, word joiner, BOM, soft hyphen…), controls, combining marks on their own, and the
 * blank letters Unicode has (Hangul fillers, the Braille blank).
 */
const INVISIBLE = /[\s\p{Z}\p{Cf}\p{Cc}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** True when something in `text` would show: a title of zero-width spaces alone is no title. */
export function hasVisibleCharacter(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `max` UTF-16 code units (never fewer than the characters Slack counts, so
 * the result fits either way), ending with `ellipsis` when cut, and only between graphemes.
 */
export function cutText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, Math.max(0, max));
  const start = boundaryBefore(text, room);
  // Only the stretch from a known boundary to the character after the cut (a code point: two code
  // units at most) is segmented, since a boundary depends on what comes before it and the one
  // character after: the segmenter copies what it is given, and a debrief cuts long texts often.
  let end = start;
  for (const { index, segment } of graphemes.segment(text.slice(start, room + 2))) {
    if (start + index + segment.length > room) break;
    end = start + index + segment.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}

/**
 * A position at or before `at` that is certainly a grapheme boundary: between two ASCII characters
 * (but not inside CR LF), where no rule joins them. The start of the text when none is near.
 */
function boundaryBefore(text: string, at: number): number {
  for (let q = at; q > 0 && q > at - 256; q -= 1) {
    const before = text.charCodeAt(q - 1);
    const after = text.charCodeAt(q);
    if (before < 0x80 && after < 0x80 && !(before === 13 && after === 10)) return q;
  }
  return 0;
}

/** Like `cutText`, counting graphemes (characters as a person counts them) instead of code units. */
export function cutGraphemes(text: string, max: number, ellipsis = '…'): string {
  // A grapheme is at least one code unit.
  if (text.length <= max) return text;
  const keep = Math.max(0, max - (ellipsis.length > 0 ? 1 : 0));
  let end = 0;
  let count = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (count === max) return `${text.slice(0, end)}${ellipsis}`;
    count += 1;
    if (count <= keep) end = index + segment.length;
  }
  return text;
}
