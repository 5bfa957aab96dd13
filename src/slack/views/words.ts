/**
 * The one place the domain's and the services' words (src/core/words.ts) become Slack text. Words
 * hold no Slack markup: everything in them is escaped (`&`, `<`, `>`), so people's text quoted in a
 * message, and placeholders written `<label>`, show as typed; only the bot's own person tokens
 * become mentions. Render each message once, where it is shown: a reply, a DM, a notice, a warning.
 */
import { renderPeople } from '../../core/words';
import { escapeText } from './blocks';

/** Words as mrkdwn: escaped, with each person token a mention. */
export function mrkdwn(words: string): string {
  return renderPeople(escapeText(words), (id) => `<@${id}>`);
}

/**
 * Words for a plain_text input's value (the timeline edit form): nothing is read as markup there, so
 * nothing is escaped; a person is written as Slack writes a mention, as people's own mentions are.
 */
export function plainWords(words: string): string {
  return renderPeople(words, (id) => `<@${id}>`);
}
