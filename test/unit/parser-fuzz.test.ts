/**
 * Property tests of the `/crisis` parser (issue 6, point 4): thousands of random texts never make it
 * throw, and always give either a command the schema accepts or a readable refusal; generated valid
 * commands parse back to exactly what was meant.
 */
import fc from 'fast-check';
import { isValidCommand, MAX_TEXT_LENGTH, parseCommand } from '../../src/slack/commands/parse-command';
import { ROLE_ALIASES } from '../../src/core/roles';
import { SEVERITIES } from '../../src/core/crisis';

const VERBS = ['declare', 'list', 'assign', 'unassign', 'roles', 'update', 'status', 'severity', 'sev', 'remind', 'reminders', 'note', 'action', 'timeline', 'resolve', 'reopen', 'debrief', 'help'];
const WORDS = [
  ...VERBS,
  ...Object.keys(ROLE_ALIASES),
  ...SEVERITIES,
  'sev0', 'sev9', 'sev10', 'investigating', 'identified', 'monitoring', 'resolved', 'every', 'off',
  '1m', '24h', '25h', '0m', '90m', '1441m', '2 h', 'banana', 'constructor', '__proto__', 'toString',
  '<!channel>', '<!here>', '<#C0GENERAL|general>', '@maria', '&amp;', '&lt;', '`', '*', '|', '>', '<',
];

/** Well-formed, malformed and hostile Slack mentions. */
const mention = fc
  .tuple(fc.constantFrom('U', 'W', 'u', 'C', 'B', ''), fc.stringMatching(/^[A-Z0-9]{0,11}$/), fc.option(fc.string({ maxLength: 10 })), fc.boolean())
  .map(([prefix, id, name, closed]) => `<@${prefix}${id}${name === null ? '' : `|${name}`}${closed ? '>' : ''}`);

const validMention = fc
  .tuple(fc.stringMatching(/^[UW][A-Z0-9]{2,10}$/), fc.option(fc.stringMatching(/^[a-z.]{1,8}$/)))
  .map(([id, name]) => `<@${id}${name === null ? '' : `|${name}`}>`);

const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS).chain((w) => fc.mixedCase(fc.constant(w))) },
  { weight: 2, arbitrary: mention },
  { weight: 2, arbitrary: validMention },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: -5, max: 100_000 }), fc.constantFrom('m', 'h', 'min', 'hours', 'd', '')).map(([n, u]) => `${n}${u}`) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
);

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2028', '');

const verb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VERBS).chain((v) => fc.mixedCase(fc.constant(v))) }, { weight: 1, arbitrary: token });

/** Text built from the grammar's own words, mentions, numbers and noise, mostly led by a real verb. */
const grammarish = fc
  .tuple(separator, verb, fc.array(fc.tuple(separator, token), { maxLength: 10 }))
  .map(([lead, v, parts]) => lead + v + parts.map(([s, t]) => s + t).join(''));

const anyText = fc.oneof(
  { weight: 6, arbitrary: grammarish },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...VERBS), fc.string({ maxLength: 3 }), fc.integer({ min: 100, max: 20_000 })).map(([v, s, n]) => `${v} ${s.repeat(Math.ceil(n / Math.max(1, s.length)))}`) },
);

/** Everything a refusal or a command must satisfy, whatever was typed. */
function checkAnswer(text: string): void {
  const result = parseCommand(text);
  if (result.ok) {
    expect(isValidCommand(result.command)).toBe(true);
    return;
  }
  expect(typeof result.message).toBe('string');
  expect(result.message.trim().length).toBeGreaterThan(0);
  // The parser and its schema agree: refusals are the parser's own words, not the schema's fallback.
  expect(result.message).not.toContain('did not make sense');
  // Fits one Slack section with room for the warning emoji.
  expect(result.message.length).toBeLessThanOrEqual(2900);
  // Echoed input cannot ping anyone or turn into a link.
  expect(result.message).not.toMatch(/[<>]/);
}

describe('parseCommand on random input', () => {
  it('never throws; answers with a valid command or a readable refusal', () => {
    fc.assert(fc.property(anyText, checkAnswer), { numRuns: 2500 });
  });

  it('any word in any argument position of any verb', () => {
    // Short, structured commands reach each argument check far more often than free-form noise.
    const arg = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS).chain((w) => fc.mixedCase(fc.constant(w))) }, { weight: 1, arbitrary: token });
    fc.assert(
      fc.property(verb, fc.option(validMention), arg, fc.boolean(), (v, at, word, mentionFirst) => {
        const args = at === null ? [word] : mentionFirst ? [at, word] : [word, at];
        checkAnswer(`${v} ${args.join(' ')}`);
      }),
      { numRuns: 2500 },
    );
  });

  it('survives huge texts after every verb', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VERBS, 'unknown'), fc.integer({ min: 3000, max: 20_000 }), fc.constantFrom('a', ' ', '\n', '<@U1>', '😀', 'sev1 '), (verb, n, unit) => {
        checkAnswer(`${verb} ${unit.repeat(Math.ceil(n / unit.length))}`);
      }),
      { numRuns: 100 },
    );
  });

  it('long free text is refused over the limit, never truncated silently', () => {
    fc.assert(
      fc.property(fc.constantFrom('update', 'note', 'resolve'), fc.integer({ min: 1, max: 4000 }), (verb, n) => {
        const result = parseCommand(`${verb} ${'x'.repeat(n)}`);
        expect(result.ok).toBe(n <= MAX_TEXT_LENGTH);
      }),
      { numRuns: 300 },
    );
  });
});

describe('generated valid commands parse back to what was meant', () => {
  const userId = fc.stringMatching(/^[UW][A-Z0-9]{2,11}$/);
  const alias = fc.constantFrom(...Object.keys(ROLE_ALIASES)).chain((a) => fc.mixedCase(fc.constant(a)));
  const name = fc.option(fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/));
  const gap = fc.array(fc.constantFrom(' ', '\t', '\n', '\u00a0'), { minLength: 1, maxLength: 3 }).map((g) => g.join(''));
  const words = fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((w) => !/\s/.test(w)), { minLength: 1, maxLength: 20 });

  it('assign <@U…> <alias> in either order', () => {
    fc.assert(
      fc.property(userId, name, alias, fc.boolean(), gap, gap, (id, label, role, mentionFirst, g1, g2) => {
        const at = `<@${id}${label === null ? '' : `|${label}`}>`;
        const text = `assign${g1}${mentionFirst ? `${at}${g2}${role}` : `${role}${g2}${at}`}`;
        expect(parseCommand(text)).toEqual({ ok: true, command: { kind: 'assign', userId: id, role: ROLE_ALIASES[role.toLowerCase()] } });
      }),
      { numRuns: 500 },
    );
  });

  it('unassign <@U…> [alias]', () => {
    fc.assert(
      fc.property(userId, fc.option(alias), gap, (id, role, g) => {
        const text = `unassign${g}<@${id}>${role === null ? '' : `${g}${role}`}`;
        const command = role === null ? { kind: 'unassign', userId: id } : { kind: 'unassign', userId: id, role: ROLE_ALIASES[role.toLowerCase()] };
        expect(parseCommand(text)).toEqual({ ok: true, command });
      }),
      { numRuns: 300 },
    );
  });

  it('declare [sevN] <title> keeps the title, with whitespace collapsed', () => {
    // A first word `private`, a severity or one ending in a colon (the type) is not part of the title.
    const title = words.filter((ws) => !/^(sev\d+|private|\S+:)$/i.test(ws[0] ?? '') && ws.join(' ').length <= 150);
    fc.assert(
      fc.property(fc.option(fc.constantFrom(...SEVERITIES)), title, gap, (severity, ws, g) => {
        const text = `declare${g}${severity === null ? '' : `${severity.toUpperCase()}${g}`}${ws.join(g)}`;
        expect(parseCommand(text)).toEqual({ ok: true, command: { kind: 'declare', isPrivate: false, ...(severity === null ? {} : { severity }), title: ws.join(' ') } });
      }),
      { numRuns: 500 },
    );
  });

  it('remind every <N>m / <N>h within 1 minute to 24 hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1440 }), fc.boolean(), (minutes, asHours) => {
        const hours = minutes / 60;
        const text = asHours && Number.isInteger(hours) ? `remind every ${hours}h` : `remind every ${minutes}m`;
        expect(parseCommand(text)).toEqual({ ok: true, command: { kind: 'remind_every', minutes } });
      }),
      { numRuns: 300 },
    );
  });

  it('note / update / resolve keep their text, line breaks included', () => {
    const lines = fc.array(words.map((ws) => ws.join(' ')), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(fc.constantFrom('note', 'update', 'resolve'), lines, gap, (verb, body, g) => {
        const command = verb === 'resolve' ? { kind: verb, summary: body } : { kind: verb, text: body };
        expect(parseCommand(`${verb}${g}${body}${g}`)).toEqual({ ok: true, command });
      }),
      { numRuns: 300 },
    );
  });

  it('action <text> <@owner> takes the owner from the end', () => {
    fc.assert(
      fc.property(words, userId, name, (ws, id, label) => {
        const text = ws.join(' ');
        const parsed = parseCommand(`action ${text} <@${id}${label === null ? '' : `|${label}`}>`);
        expect(parsed).toEqual({ ok: true, command: { kind: 'action', text, ownerId: id } });
      }),
      { numRuns: 300 },
    );
  });
});
