/**
 * Words the domain and the services write for people, with no Slack in them. A message is a plain
 * string, written as it should read: people's text as they typed it, placeholders as `<label>`,
 * nothing escaped. The one thing plain text cannot say is "this person", so `person(userId)` writes
 * a token for it. The Slack layer renders words (src/slack/views/words.ts: it escapes everything,
 * then turns each token into a mention); a file (the debrief, the report) shows the person's name.
 *
 * The token is wrapped in control characters (U+0001, U+0002) that people's text cannot hold:
 * `cleanText` (src/core/text.ts) drops them where text comes in, so a person cannot type one and
 * be taken for a mention.
 */

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** A person, named in words: a mention in Slack, their name in a file. */
export function person(userId: string): string {
  return `${OPEN}@${userId}${CLOSE}`;
}

/** Several people, "A, B, C". */
export function people(userIds: readonly string[]): string {
  return userIds.map(person).join(', ');
}

/** The person tokens in words; group 1 is the user ID. */
export const PERSON_TOKEN = /\u0001@([A-Za-z0-9]+)\u0002/g;

/** Each person token in `words` replaced by `render(userId)`; the rest untouched. */
export function renderPeople(words: string, render: (userId: string) => string): string {
  return words.replace(PERSON_TOKEN, (_m, id: string) => render(id));
}

/** The user IDs named by person tokens in `words`. */
export function peopleIn(words: string): string[] {
  return [...words.matchAll(PERSON_TOKEN)].map((m) => m[1] ?? '').filter((id) => id !== '');
}

/**
 * Stored text (a timeline entry, a note) as words a file can show: people's text carries Slack's
 * own markup (it arrives that way: mentions, channel links, `<url|label>`), and the bot's text
 * carries person tokens; both become readable words: `@name`, `#channel`, `[label](url)`.
 */
export function readableText(text: string, who: (userId: string) => string): string {
  return renderPeople(text, (id) => `@${who(id)}`)
    .replace(/<([@#])([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_m, sigil: string, id: string, label: string | undefined) => `${sigil}${label || (sigil === '@' ? who(id) : id)}`)
    .replace(/<!(channel|here|everyone)>/g, '@$1')
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]*)>/g, '[$2]($1)')
    .replace(/<(https?:\/\/[^|>\s]+)>/g, '$1');
}
