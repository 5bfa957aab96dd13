/**
 * Words only in the Slack layer (README, "Layout"): the core and the features' domain and service
 * files (everything under src/core/ and src/features/<f>/ that is not in a `slack/` folder) write
 * plain words, naming people with `person()`; the Slack layer renders them through one helper,
 * `mrkdwn` (src/slack/views/words.ts), which escapes whatever is not ours. Checked on the source,
 * and the helper's promises checked on text people could type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanText } from '../../src/core/text';
import { people, person, readableText } from '../../src/core/words';
import { escapeKeepingMentions, escapeShowingMentions, mentionedUserIds } from '../../src/slack/views/blocks';
import { errorReply, okReply } from '../../src/slack/views/replies';
import { mrkdwn, plainWords } from '../../src/slack/views/words';
import { entryTextShown } from '../../src/features/record/slack/record-modals';
import type { TimelineEvent } from '../../src/core/timeline';

const SRC = path.resolve(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'slack' ? [] : filesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Slack's syntax: a mention, its escapes, and the name of its markup. */
const SLACK_WORDS = ['<@', '&lt;', '&gt;', '&amp;', 'mrkdwn'];

describe('words only in the Slack layer', () => {
  it('no domain or service file writes a mention, an escape or mrkdwn', () => {
    const files = [...filesUnder(path.join(SRC, 'core')), ...filesUnder(path.join(SRC, 'features'))];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => SLACK_WORDS.filter((w) => line.includes(w)).map((w) => `${path.relative(SRC, file)}:${i + 1}: ${w}`)),
    );
    expect(hits).toEqual([]);
  });
});

describe('mrkdwn: the one way words become Slack text', () => {
  it('escapes people\'s text, so a typed broadcast, link or mention is shown and not acted on', () => {
    expect(mrkdwn('Ask <!channel> & <https://evil.example|verify> or <@U0EVIL>')).toBe('Ask &lt;!channel&gt; &amp; &lt;https://evil.example|verify&gt; or &lt;@U0EVIL&gt;');
  });

  it('shows placeholders as written: `<label>` reaches Slack once escaped', () => {
    expect(mrkdwn('`/crisis statement <text>` drafts one.')).toBe('`/crisis statement &lt;text&gt;` drafts one.');
  });

  it('turns the person tokens, and only those, into mentions', () => {
    expect(mrkdwn(`${person('U0LEAD')} is now crisis lead; ask ${people(['U1', 'W2'])}.`)).toBe('<@U0LEAD> is now crisis lead; ask <@U1>, <@W2>.');
  });

  it('never escapes twice: an entity someone typed is shown as typed', () => {
    expect(mrkdwn('Fish &amp; chips &lt;3')).toBe('Fish &amp;amp; chips &amp;lt;3');
    expect(mrkdwn(mrkdwn('a < b'))).not.toBe(mrkdwn('a < b'));
    // The reply helpers render once: the block holds the words escaped once.
    const reply = okReply(`Handed over to ${person('U2')}: a < b & c`, [`Could not invite ${person('U3')}: <!here>`]);
    expect(reply.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: Handed over to <@U2>: a &lt; b &amp; c' } },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: Could not invite <@U3>: &lt;!here&gt;' } },
    ]);
    expect(errorReply(`${person('U1')} is already lead. Use \`/crisis handover @person <role>\`.`).text).toBe('<@U1> is already lead. Use `/crisis handover @person &lt;role&gt;`.');
  });

  it('a token typed by a person is no mention: text coming in drops its control characters', () => {
    const typed = cleanText(`${person('U0EVIL')} and \\u0001@U0EVIL\\u0002`);
    expect(typed).not.toContain('\u0001');
    expect(mrkdwn(`Note: ${typed}`)).not.toContain('<@U0EVIL>');
    // A look-alike with printable brackets is escaped like any other text.
    expect(mrkdwn('<@U0EVIL>')).toBe('&lt;@U0EVIL&gt;');
  });

  it('a plain_text input value names a person as Slack writes a mention and escapes nothing', () => {
    expect(plainWords(`${person('U2')} is already lead. Try \`/crisis report <N>d\` & more.`)).toBe('<@U2> is already lead. Try `/crisis report <N>d` & more.');
  });
});

describe('stored text: rows the bot wrote hold person tokens, older rows `<@U…>`; both read the same', () => {
  const old = 'Handover of lead from <@U1> to <@U2>: keep <!here> & calm';
  const now = `Handover of lead from ${person('U1')} to ${person('U2')}: keep <!here> & calm`;
  const names = (id: string): string | undefined => ({ U1: 'Ana', U2: 'Ben' })[id];

  it('in a reply or DM: live mentions, people\'s text escaped', () => {
    expect(escapeKeepingMentions(now)).toBe(escapeKeepingMentions(old));
    expect(escapeKeepingMentions(now)).toBe('Handover of lead from <@U1> to <@U2>: keep &lt;!here&gt; &amp; calm');
  });

  it('in a channel post: names that ping nobody', () => {
    expect(escapeShowingMentions(now, names)).toBe(escapeShowingMentions(old, names));
    expect(escapeShowingMentions(now, names)).toBe('Handover of lead from @Ana to @Ben: keep &lt;!here&gt; &amp; calm');
    expect(mentionedUserIds([now])).toEqual(['U1', 'U2']);
  });

  it('in a file: names', () => {
    const who = (id: string): string => names(id) ?? id;
    expect(readableText(now, who)).toBe(readableText(old, who));
    expect(readableText(now, who)).toBe('Handover of lead from @Ana to @Ben: keep @here & calm');
  });

  it('in the edit form: a token shown as a mention is written, so text left as shown is not an edit', () => {
    const entry = { text: `Follow up (owner ${person('U3')})` } as TimelineEvent;
    expect(entryTextShown(entry)).toBe('Follow up (owner <@U3>)');
  });
});
