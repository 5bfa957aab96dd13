/**
 * The words a template takes from what people typed into the crisis, and whether legal has seen
 * them. A pre-approved template's wording was cleared in advance; what fills it was not.
 *
 * - `{status}` and `{next_update}` are the bot's own words (a status label, a time), and so is the
 *   sentence `{impact}` says while no impact is recorded (IMPACT_UNKNOWN).
 * - `{title}` and `{impact}` are free text someone typed. Such words count as seen by legal when,
 *   whole and word for word (spacing, letter case and a closing full stop aside), they stand in a
 *   statement of the same crisis that legal or a crisis admin approved and that is still approved
 *   or published. The lead standing in for legal, and a template, approve nothing for this.
 *
 * Pure: the approved texts are read by the service and passed in.
 */
export const FREE_TEXT_PLACEHOLDERS = ['title', 'impact'] as const;
export type FreeTextPlaceholder = (typeof FREE_TEXT_PLACEHOLDERS)[number];

export interface FilledWords {
  placeholder: FreeTextPlaceholder;
  /** As filled into the statement. */
  text: string;
}

/** What each free-text placeholder is, as legal reads it. */
export const FILLED_WORDS_LABELS: Record<FreeTextPlaceholder, string> = {
  title: 'the crisis title',
  impact: 'the customer impact',
};

/**
 * The free text a template fills in, in the order of FREE_TEXT_PLACEHOLDERS: each placeholder the
 * template uses whose value is given (leave out a value that is the bot's own, such as the impact
 * sentence used while no impact is recorded).
 */
export function freeWordsOf(templateText: string, values: Partial<Record<FreeTextPlaceholder, string>>): FilledWords[] {
  return FREE_TEXT_PLACEHOLDERS.flatMap((placeholder) => {
    const text = values[placeholder]?.trim();
    return text && templateText.includes(`{${placeholder}}`) ? [{ placeholder, text }] : [];
  });
}

/** Spacing and letter case aside, and without a closing full stop (the impact gets one when filled in). */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[.!?…]+$/u, '').trim().toLowerCase();
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);

/** Whether `words` stand whole in `text` (not as part of a longer word), spacing, case and a closing full stop aside. */
export function standsIn(words: string, text: string): boolean {
  const needle = normalise(words);
  if (!needle) return true;
  const haystack = text.replace(/\s+/g, ' ').toLowerCase();
  const first = needle[0];
  const last = needle[needle.length - 1];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if (!(isWordChar(before) && isWordChar(first)) && !(isWordChar(after) && isWordChar(last))) return true;
  }
  return false;
}

/** The filled-in words legal has not seen: those standing in none of the texts legal approved. */
export function unseenWords(words: readonly FilledWords[], approvedTexts: readonly string[]): FilledWords[] {
  return words.filter((w) => !approvedTexts.some((text) => standsIn(w.text, text)));
}

/** A statement's text cut where unseen words stand, so a view can highlight them. */
export interface TextPart {
  text: string;
  unseen: boolean;
}

function pattern(words: string): string {
  return normalise(words)
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}

/** `text` in parts, each stretch where one of `words` stands (spacing and case aside) marked unseen. */
export function markUnseen(text: string, words: readonly FilledWords[]): TextPart[] {
  const patterns = words.map((w) => pattern(w.text)).filter(Boolean);
  if (patterns.length === 0) return [{ text, unseen: false }];
  // Longest first, so a title inside the impact does not cut the impact's mark short.
  patterns.sort((a, b) => b.length - a.length);
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(patterns.join('|'), 'giu'))) {
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at), unseen: false });
    parts.push({ text: match[0], unseen: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), unseen: false });
  return parts.filter((p) => p.text.length > 0);
}
