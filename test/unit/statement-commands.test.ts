/**
 * Issue 11, the grammar of statements: `statement` (the form, text with an optional `next`, or
 * `from <template>`), `statements`, `templates`, `approve S<n>`, `changes S<n> <comment>` and
 * `publish S<n> [<where>]`. Pure: whether S<n> or a template exists is the service's to say.
 */
import { parseCommand, isReadOnlyCommand, isChannelCommand } from '../../src/slack/commands/parse-command';
import { parsedCommand, parseRefusal } from '../helpers/parsed';

const ok = parsedCommand;
const refused = parseRefusal;

describe('statement', () => {
  it('opens the form bare, drafts text (line breaks kept, Slack escaping undone), reads `next` and `from`', () => {
    expect(ok('statement')).toEqual({ kind: 'statement_modal' });
    expect(ok('statement We are on it &amp; will update\nsoon')).toEqual({ kind: 'statement_draft', text: 'We are on it & will update\nsoon' });
    expect(ok('statement next 45m We are on it')).toEqual({ kind: 'statement_draft', text: 'We are on it', nextMinutes: 45 });
    expect(ok('statement NEXT 2h We are on it')).toEqual({ kind: 'statement_draft', text: 'We are on it', nextMinutes: 120 });
    expect(ok('statement next 24h Fine')).toEqual({ kind: 'statement_draft', text: 'Fine', nextMinutes: 1440 });
    expect(ok('statement from outage-holding')).toEqual({ kind: 'statement_from', templateId: 'outage-holding' });
    expect(ok('statement next 30m from outage-holding')).toEqual({ kind: 'statement_from', templateId: 'outage-holding', nextMinutes: 30 });
  });

  it('takes `next` followed by a word, and `from` followed by several, as the words of the statement', () => {
    expect(ok('statement Next week we will share a full report.')).toEqual({ kind: 'statement_draft', text: 'Next week we will share a full report.' });
    expect(ok('statement from today on, orders ship again')).toEqual({ kind: 'statement_draft', text: 'from today on, orders ship again' });
  });

  it('refuses out-of-range and malformed promises, empty and over-long text, and a bad template id, saying what is accepted', () => {
    const range = 'the next statement can be promised from 1 minute to 24 hours after publishing, e.g. `next 30m` or `next 2h`. Nothing changed.';
    expect(refused('statement next 0m Hi')).toBe(`\`0m\` is out of range: ${range}`);
    expect(refused('statement next 30d Hi')).toBe(`\`30d\` is out of range: ${range}`);
    expect(refused('statement next 1441m Hi')).toBe(`\`1441m\` is out of range: ${range}`);
    expect(refused("statement next 3x Hi")).toBe(`\`3x\` is not a duration. The ${range.slice(4)}`);
    expect(refused('statement next 30m')).toContain('A statement cannot be empty.');
    expect(refused('statement next 30m   ')).toContain('A statement cannot be empty.');
    expect(refused(`statement ${'a'.repeat(2801)}`)).toBe('The statement is 2801 characters; keep it to 2800 or fewer (what one Slack message section holds). Nothing changed.');
    expect(refused('statement from')).toContain('From which template?');
    expect(refused('statement from no/such')).toBe("`no/such` is not a template id. `/crisis templates` lists this crisis's templates. Nothing changed.");
  });
});

describe('approve, changes, publish', () => {
  it('read S<n> in either case, a comment, and an optional where', () => {
    expect(ok('approve S3')).toEqual({ kind: 'statement_approve', number: 3 });
    expect(ok('approve s12')).toEqual({ kind: 'statement_approve', number: 12 });
    expect(ok('changes S3 Do not name &lt;the supplier&gt;\nplease')).toEqual({ kind: 'statement_changes', number: 3, comment: 'Do not name <the supplier>\nplease' });
    expect(ok('publish S3')).toEqual({ kind: 'statement_publish', number: 3 });
    expect(ok('publish S3 status page &amp; app')).toEqual({ kind: 'statement_publish', number: 3, where: 'status page & app' });
  });

  it('refuse anything but a statement number with words that will still read well once `approve F<n>` exists', () => {
    expect(refused('approve')).toBe("Approve what? `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`, as numbered in the channel: `/crisis statements` and `/crisis faq` list them. Nothing changed.");
    expect(refused('approve S')).toBe('`S` is not a statement number. `approve` takes a statement number like `S3`, e.g. `/crisis approve S3`. `/crisis statements` lists them. Nothing changed.');
    // `F<n>` is an FAQ answer: the shared verb sends it to the customer group.
    expect(parseCommand('approve F2')).toEqual({ ok: true, command: { kind: 'approve_faq', number: 2 } });
    expect(refused('approve S0')).toContain('`S0` is not a statement number.');
    expect(refused('approve S12345')).toContain('`S12345` is not a statement number.');
    expect(refused('approve S1 S2')).toBe('Approve one statement at a time, e.g. `/crisis approve S3`. Nothing changed.');
    expect(refused('changes 3 Shorter')).toContain('`3` is not a statement number. `changes` takes a statement number like `S3`, e.g. `/crisis changes S3 Do not name the supplier`.');
    expect(refused('changes S3')).toBe('Say what should change, e.g. `/crisis changes S3 Do not name the supplier`; the author gets it by DM. Nothing changed.');
    expect(refused(`changes S3 ${'c'.repeat(1001)}`)).toBe('That comment is 1001 characters; keep it to 1000 or fewer. Nothing changed.');
    expect(refused('publish')).toContain('Which statement? `publish` takes a statement number like `S3`, e.g. `/crisis publish S3 status page`.');
    expect(refused(`publish S3 ${'w'.repeat(101)}`)).toBe('Say where in at most 100 characters, e.g. `/crisis publish S3 status page`. Nothing changed.');
  });

  it('`statements` and `templates` only read; every statement command works only in a crisis channel', () => {
    expect(ok('statements')).toEqual({ kind: 'statements' });
    expect(ok('templates')).toEqual({ kind: 'templates' });
    expect(refused('statements all')).toBe('`/crisis statements` takes nothing after it.');
    const kinds = ['statement_modal', 'statement_draft', 'statement_from', 'statements', 'templates', 'statement_approve', 'statement_changes', 'statement_publish'] as const;
    expect(kinds.filter((k) => isReadOnlyCommand(k))).toEqual(['statements', 'templates']);
    for (const kind of ['statement_modal', 'statement_draft', 'statement_from', 'statements', 'templates', 'statement_approve', 'statement_changes', 'statement_publish'] as const) {
      expect(isChannelCommand(kind)).toBe(true);
    }
  });
});
