/**
 * Which tickets belong to a crisis, and the words the early warning watches. Pure.
 * - A ticket counts for a crisis when it carries the crisis's tag (`crisis-<id>` unless set with
 *   `/crisis tag`); tags compare without case ("Crisis-12" is "crisis-12").
 * - It is "probably related" (shown apart) when its subject holds one of the crisis's keywords:
 *   without case, as whole words (`refund` is not found in "refunded"), a phrase with any spacing
 *   between its words (`charged twice` finds "Charged  twice!"). A chat has no subject: its
 *   opening words stand in (see the parsers).
 * - The early warning counts tickets per tag and per keyword of the playbooks: keys `tag:<tag>` and
 *   `kw:<keyword>`.
 * Keywords are ours (typed by a person or written in a playbook), never the customer's: a
 * `Keyword` is made only by `parseKeyword`, and a match result holds only keywords, so the
 * customer's subject cannot be stored by way of a match (see ticket-event.ts).
 */

declare const keywordBrand: unique symbol;
/** A keyword or phrase as configured: lower case, single spaces, 2 to 60 characters. */
export type Keyword = string & { readonly [keywordBrand]: true };

export const MAX_KEYWORD_LENGTH = 60;
export const MIN_KEYWORD_LENGTH = 2;
export const MAX_KEYWORDS_PER_CRISIS = 20;
export const MAX_TAG_LENGTH = 80;
/** The most tags kept of one ticket (a ticket with more is unusual; the rest are dropped). */
export const MAX_TAGS_PER_TICKET = 100;

export type KeywordProblem =
  | { code: 'keyword_too_short'; keyword: string; min: number }
  | { code: 'keyword_too_long'; keyword: string; max: number }
  | { code: 'keyword_no_letter'; keyword: string }
  | { code: 'too_many_keywords'; count: number; max: number }
  | { code: 'no_keywords' };

export type TagProblem = { code: 'tag_empty' } | { code: 'tag_too_long'; max: number } | { code: 'tag_has_comma' };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A tag as compared and stored: trimmed, lower case, inner spaces single (Intercom's tags may hold spaces). */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Tags as kept for one ticket: normalised, without blanks or repeats, at most MAX_TAGS_PER_TICKET, each at most MAX_TAG_LENGTH. */
export function normaliseTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of raw) {
    const t = normaliseTag(tag);
    if (t.length === 0 || t.length > MAX_TAG_LENGTH) continue;
    seen.add(t);
    if (seen.size === MAX_TAGS_PER_TICKET) break;
  }
  return [...seen];
}

/** The tag a crisis counts by until someone sets another. */
export function defaultCrisisTag(crisisId: number): string {
  return `crisis-${crisisId}`;
}

/** A tag typed with `/crisis tag <tag>`. */
export function parseCrisisTag(raw: string): { ok: true; tag: string } | { ok: false; problem: TagProblem } {
  const tag = normaliseTag(raw);
  if (tag.length === 0 || !LETTER_OR_DIGIT.test(tag)) return { ok: false, problem: { code: 'tag_empty' } };
  if (tag.includes(',')) return { ok: false, problem: { code: 'tag_has_comma' } };
  if (tag.length > MAX_TAG_LENGTH) return { ok: false, problem: { code: 'tag_too_long', max: MAX_TAG_LENGTH } };
  return { ok: true, tag };
}

export function parseKeyword(raw: string): { ok: true; keyword: Keyword } | { ok: false; problem: KeywordProblem } {
  const keyword = raw.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  if (!LETTER_OR_DIGIT.test(keyword)) return { ok: false, problem: { code: 'keyword_no_letter', keyword } };
  const length = Array.from(keyword).length;
  if (length < MIN_KEYWORD_LENGTH) return { ok: false, problem: { code: 'keyword_too_short', keyword, min: MIN_KEYWORD_LENGTH } };
  if (length > MAX_KEYWORD_LENGTH) return { ok: false, problem: { code: 'keyword_too_long', keyword, max: MAX_KEYWORD_LENGTH } };
  return { ok: true, keyword: keyword as Keyword };
}

/**
 * `/crisis keywords <word>, <phrase>…` (or a playbook's `keywords:` list joined): every problem at
 * once, so a person fixes them in one go; repeats are kept once.
 */
export function parseKeywordList(text: string, max = MAX_KEYWORDS_PER_CRISIS): { ok: true; keywords: Keyword[] } | { ok: false; problems: KeywordProblem[] } {
  const parts = text.split(',').filter((part) => part.trim().length > 0);
  if (parts.length === 0) return { ok: false, problems: [{ code: 'no_keywords' }] };
  const keywords: Keyword[] = [];
  const problems: KeywordProblem[] = [];
  for (const part of parts) {
    const parsed = parseKeyword(part);
    if (!parsed.ok) problems.push(parsed.problem);
    else if (!keywords.includes(parsed.keyword)) keywords.push(parsed.keyword);
  }
  if (keywords.length > max) problems.push({ code: 'too_many_keywords', count: keywords.length, max });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, keywords };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole words only: no letter, digit or underscore may touch the keyword on either side. */
function keywordPattern(keyword: Keyword): RegExp {
  const body = keyword.split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Keywords compiled once, for matching many subjects. */
export interface KeywordMatcher {
  readonly keywords: readonly Keyword[];
  /** The keywords found in `text`, in the matcher's order. */
  match(text: string): Keyword[];
}

export function compileKeywords(keywords: readonly Keyword[]): KeywordMatcher {
  const unique = [...new Set(keywords)];
  const patterns = unique.map((keyword) => [keyword, keywordPattern(keyword)] as const);
  return {
    keywords: unique,
    match(text: string): Keyword[] {
      if (text.length === 0) return [];
      const normalised = text.normalize('NFC');
      return patterns.filter(([, pattern]) => pattern.test(normalised)).map(([keyword]) => keyword);
    },
  };
}

/** What a crisis counts by: its tag, and its keywords for the "probably related". */
export interface CrisisCriteria {
  tag: string;
  keywords: readonly Keyword[];
}

export type CrisisMatch = 'tag' | 'keyword';

/** How a ticket (its tags, and the keywords found in its subject) belongs to a crisis; the tag wins. */
export function matchCrisis(ticket: { tags: readonly string[]; keywordHits: readonly Keyword[] }, criteria: CrisisCriteria): CrisisMatch | null {
  const tag = normaliseTag(criteria.tag);
  if (ticket.tags.some((t) => normaliseTag(t) === tag)) return 'tag';
  if (criteria.keywords.some((k) => ticket.keywordHits.includes(k))) return 'keyword';
  return null;
}

/** The early warning's counters: one per tag and one per playbook keyword. */
export type WatchKey = `tag:${string}` | `kw:${string}`;

export function tagKey(tag: string): WatchKey {
  return `tag:${normaliseTag(tag)}`;
}

export function keywordKey(keyword: Keyword): WatchKey {
  return `kw:${keyword}`;
}

export function describeKey(key: WatchKey): { kind: 'tag' | 'keyword'; value: string } {
  return key.startsWith('tag:') ? { kind: 'tag', value: key.slice(4) } : { kind: 'keyword', value: key.slice(3) };
}

/** The counters a ticket adds to. */
export function keysOf(ticket: { tags: readonly string[]; keywordHits: readonly Keyword[] }): WatchKey[] {
  return [...new Set([...ticket.tags.map(tagKey), ...ticket.keywordHits.map(keywordKey)])];
}

/**
 * The counters a ticket event adds to that the ticket did not already count in: a ticket counts
 * once per tag or keyword, when it first carries it (a ticket tagged an hour after it came counts
 * then); a tag removed and added again does not count twice.
 */
export function newKeys(alreadyCounted: readonly WatchKey[], now: readonly WatchKey[]): WatchKey[] {
  const before = new Set(alreadyCounted);
  return now.filter((key) => !before.has(key));
}

/** The keys an open crisis counts (never warned about: the crisis already watches them). */
export function crisisKeys(criteria: CrisisCriteria): WatchKey[] {
  return [tagKey(criteria.tag), ...criteria.keywords.map(keywordKey)];
}

/** A playbook as the early warning needs it: its type and its `keywords:`. */
export interface PlaybookKeywords {
  type: string;
  keywords: readonly Keyword[];
}

/**
 * The playbook a rise points at, for the Declare button's prefilled type: for a keyword, the first
 * playbook listing it; for a tag, the first playbook with a keyword equal to the tag read as words
 * (`late-delivery` or `late_delivery` is `late delivery`). Null: the default type.
 */
export function playbookForKey(key: WatchKey, playbooks: readonly PlaybookKeywords[]): string | null {
  const { kind, value } = describeKey(key);
  const wanted = kind === 'keyword' ? value : value.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return playbooks.find((p) => p.keywords.some((k) => k === wanted))?.type ?? null;
}
