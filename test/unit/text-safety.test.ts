/**
 * Clean text in, safe text out, without Slack: what the edge strips (NUL, bidi overrides and
 * isolates, lone surrogates), what counts as a visible title, cuts that never split a character as
 * people see it, the words a Slack token stands for in a topic, and mentions shown without a ping.
 */
import fc from 'fast-check';
import { validateTitle } from '../../src/core/crisis';
import { cleanText, cutGraphemes, cutText, hasVisibleCharacter } from '../../src/core/text';
import { parseCommand } from '../../src/slack/commands/parse-command';
import { escapeShowingMentions, inertPlainText, mentionedUserIds, truncate, truncateMarkup, unescapeSlack } from '../../src/slack/views/blocks';
import { maskPayloadLine } from '../../src/slack/payload-mask';

const graphemesOf = (text: string): string[] => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);

describe('cleanText', () => {
  it('strips NUL, other control characters and the bidi overrides and isolates, keeping tabs and line breaks', () => {
    expect(cleanText('Kettle\u0000 K2\u0007 fire')).toBe('Kettle K2 fire');
    expect(cleanText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) expect(cleanText(`a${c}b`)).toBe('ab');
    expect(cleanText('line one\n\tline two\r\n')).toBe('line one\n\tline two\r\n');
    // Right-to-left text itself, and its marks, are people's text and stay.
    expect(cleanText('שלום \u200F עולם')).toBe('שלום \u200F עולם');
  });

  it('replaces half an emoji (a lone surrogate) so the text can be sent at all', () => {
    expect(cleanText('fire \uD83D')).toBe('fire \uFFFD');
    expect(() => encodeURIComponent(cleanText('\uDC25 x \uD83D'))).not.toThrow();
    expect(cleanText('🔥')).toBe('🔥');
  });

  it('is applied where text comes in: slash commands, Slack-escaped message text, the title check', () => {
    const parsed = parseCommand('note vendor\u0000 called \u202Eback');
    expect(parsed).toMatchObject({ ok: true, command: { kind: 'note', text: 'vendor called back' } });
    expect(unescapeSlack('R&amp;D\u0000 \u2067x')).toBe('R&D x');
    expect(validateTitle('Checkout\u0000 \u202Efailing')).toBe('Checkout failing');
  });
});

describe('a title with no visible character', () => {
  it.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['joiners and a BOM', '\u200C\u200D\uFEFF\u2060'],
    ['a Hangul filler', '\u3164'],
    ['combining marks alone', '\u0301\u0302'],
  ])('is refused: %s', (_what, title) => {
    expect(hasVisibleCharacter(title)).toBe(false);
    expect(() => validateTitle(title)).toThrow('That title has no visible character');
    const parsed = parseCommand(`declare sev1 ${title}`);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain('no visible character');
  });

  it('is a title once anything shows', () => {
    expect(validateTitle('\u200B🔥\u200B')).toBe('\u200B🔥\u200B');
    expect(hasVisibleCharacter('é')).toBe(true);
  });
});

describe('cutting text', () => {
  it('never splits an emoji, a family, a flag or an accented letter', () => {
    const family = '👩‍👩‍👧‍👦';
    const cut = cutText(family.repeat(10), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('…')).toBe(true);
    expect(graphemesOf(cut.slice(0, -1)).every((g) => g === family)).toBe(true);
    expect(cutGraphemes('🇫🇷🇩🇪🇮🇹', 2)).toBe('🇫🇷…');
    expect(cutText('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
  });

  it('cuts exactly where cutting the whole text into graphemes would, whatever it holds (property)', () => {
    const reference = (text: string, max: number): string => {
      if (text.length <= max) return text;
      let kept = '';
      for (const g of graphemesOf(text)) {
        if (kept.length + g.length > max - 1) break;
        kept += g;
      }
      return `${kept}…`;
    };
    const piece = fc.oneof(fc.constantFrom('a', ' ', 'x', '\r\n', '\r', '\n', '🇫', '🇷', '🇩', '\u0301', '\u200D', '👩', '🏽', '\uFE0F', 'e', 'ᄀ', 'ᅡ', 'ᆨ'), fc.string({ unit: 'grapheme', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('')), fc.integer({ min: 2, max: 80 }), (text, max) => {
        expect(cutText(text, max)).toBe(reference(text, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps any text within the limit and whole characters, whatever it holds (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = cutText(text, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(() => encodeURIComponent(cut)).not.toThrow();
        const kept = cut.endsWith('…') && cut !== text ? cut.slice(0, -1) : cut;
        expect(text.startsWith(kept)).toBe(true);
      }),
    );
  });

  it('the views cut the same way: a 150-emoji title in a 150-character header, and in markup', () => {
    const title = '🔥'.repeat(150);
    const header = truncate(`:red_circle: SEV1 · ${title}`, 150);
    expect(() => encodeURIComponent(header)).not.toThrow();
    expect(header.length).toBeLessThanOrEqual(150);
    const markup = truncateMarkup(`*${'👍🏽'.repeat(100)}*`, 51);
    expect(() => encodeURIComponent(markup)).not.toThrow();
    expect(markup.slice(1, -1)).toBe('👍🏽'.repeat(12));
  });
});

describe('inertPlainText (the channel topic and purpose)', () => {
  it.each([
    ['<!channel> Pay down', '@channel Pay down'],
    ['<!here> and <!everyone>', '@here and @everyone'],
    ['<!subteam^S0123|@oncall> paged', '@oncall paged'],
    ['<https://evil.example|Click to verify>', 'Click to verify (https://evil.example)'],
    ['see <https://status.example>', 'see https://status.example'],
    ['ask <@U0FRANK> or <@U0BOB|bob>', 'ask @U0FRANK or @bob'],
    ['in <#C0123|ops>', 'in #ops'],
    ['<<!here>>', '@here'],
    ['5 < 6 and 7 > 3', '5 < 6 and 7 > 3'],
    ['<www.evil.example|Click>', 'Click (www.evil.example)'],
  ])('%s → %s', (typed, shown) => {
    expect(inertPlainText(typed)).toBe(shown);
  });
});

describe('mentions typed into people\'s text, in messages for everyone', () => {
  it('are shown as @name and ping no one; the rest stays escaped', () => {
    const names = (id: string): string | undefined => (id === 'U0FRANK' ? 'Frank Ops' : undefined);
    const shown = escapeShowingMentions('Call <@U0FRANK> and <@U0BOB|bob> & <@U0ERIN> <!here>', names);
    expect(shown).toBe('Call @Frank Ops and @bob &amp; @U0ERIN &lt;!here&gt;');
    expect(shown).not.toMatch(/<@/);
  });

  it('are found in stored text for the name lookup', () => {
    expect(mentionedUserIds(['Call <@U0FRANK> and <@U0BOB|bob>', null, 'again <@U0FRANK>'])).toEqual(['U0FRANK', 'U0BOB']);
  });
});

describe('debug log lines of Web API calls', () => {
  it('mask every word people wrote and keep ids, types and codes', () => {
    const body = {
      channel: 'C0PRIVATE',
      text: 'SEV1 crisis: Secret kettle fire',
      blocks: { 0: { type: 'header', block_id: 'card', text: { type: 'plain_text', text: 'Secret kettle fire' } } },
      topic: 'Critical · Secret kettle fire',
    };
    const line = maskPayloadLine(`http request body: ${JSON.stringify(body)}`);
    expect(line).not.toContain('Secret');
    expect(JSON.parse(line.replace('http request body: ', ''))).toEqual({
      channel: 'C0PRIVATE',
      text: '[31 chars masked]',
      blocks: { 0: { type: 'header', block_id: 'card', text: { type: 'plain_text', text: '[18 chars masked]' } } },
      topic: '[29 chars masked]',
    });
    const result = maskPayloadLine('http request result: {"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] must be less than 3001 characters [json-pointer:/blocks/2/text]"]}}');
    expect(result).toContain('invalid_blocks');
    expect(result).toContain('json-pointer:/blocks/2/text');
    expect(maskPayloadLine('http request url: https://slack.com/api/chat.postMessage')).toBe('http request url: https://slack.com/api/chat.postMessage');
    expect(maskPayloadLine('http request body: not json Secret')).toBe('http request body: [15 chars masked]');
  });
});
