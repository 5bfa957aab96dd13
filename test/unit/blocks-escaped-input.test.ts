/**
 * `/crisis` text arrives escaped by Slack (`&amp;`, `&lt;`, `&gt;`; should_escape) with mentions as
 * real `<@U…>` tokens. The parser reads mentions from the escaped text, then keeps free text as
 * typed; lengths are counted as typed, and free text is refused when its escaped form would not
 * fit the section that shows it.
 */
import { escapedLength, MAX_TEXT_LENGTH, parseCommand, tooLongMessage } from '../../src/slack/commands/parse-command';
import { escapeTyped } from '../../src/emulator/driver-payloads';

/** What Slack sends for what a person typed. */
const fromSlack = (typed: string) => parseCommand(escapeTyped(typed));

function ok(typed: string) {
  const result = fromSlack(typed);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.command;
}

function refused(typed: string): string {
  const result = fromSlack(typed);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.command)}`);
  return result.message;
}

describe('free text is kept as typed', () => {
  it('a declared title', () => {
    expect(escapeTyped('declare sev1 R&D <EU> outage')).toBe('declare sev1 R&amp;D &lt;EU&gt; outage');
    expect(ok('declare sev1 R&D <EU> outage')).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev1', title: 'R&D <EU> outage' });
  });

  it('notes, updates and summaries', () => {
    expect(ok('note Vendor & partner <called>')).toEqual({ kind: 'note', text: 'Vendor & partner <called>' });
    expect(ok('update 5 < 6 && 7 > 3')).toEqual({ kind: 'update', text: '5 < 6 && 7 > 3' });
    expect(ok('resolve Fixed R&D')).toEqual({ kind: 'resolve', summary: 'Fixed R&D' });
  });

  it('an action keeps a mention inside its text, and its owner from the real token', () => {
    expect(ok('action Ask <@U0BOB> about R&D <@U0DAVE|dave>')).toEqual({ kind: 'action', text: 'Ask <@U0BOB> about R&D', ownerId: 'U0DAVE' });
  });

  it('a typed "<@U…>" is not a mention: Slack sends it as &lt;@U…&gt;', () => {
    expect(parseCommand('assign &lt;@U0BOB&gt; legal').ok).toBe(false);
    expect(parseCommand('action Call &lt;@U0BOB&gt;')).toEqual({ ok: true, command: { kind: 'action', text: 'Call <@U0BOB>' } });
  });
});

describe('lengths', () => {
  it('a title is counted as typed: 150 characters of & is a title, 151 is not', () => {
    const title = '&'.repeat(150);
    expect(escapeTyped(title).length).toBe(750);
    expect(ok(`declare ${title}`)).toEqual({ kind: 'declare', isPrivate: false, title });
    expect(refused(`declare ${title}&`)).toContain('That title is 151 characters; keep it to 150 or fewer.');
  });

  it('free text is measured escaped, since that is what the channel shows', () => {
    expect(escapedLength('a&<>')).toBe(1 + 5 + 4 + 4);
    const fits = '&'.repeat(MAX_TEXT_LENGTH / 5);
    expect(ok(`update ${fits}`)).toEqual({ kind: 'update', text: fits });
    // 561 typed characters, 2805 once escaped: refused, with both counts said plainly.
    const over = `${fits}&`;
    const message = refused(`update ${over}`);
    expect(message).toBe('An update is 561 characters, but 2805 in Slack, where each ampersand counts as 5 and each angle bracket as 4; keep it to 2800 or fewer.');
    expect(refused(`note ${'<>'.repeat(400)}`)).toContain('A note is 800 characters, but 3200 in Slack');
  });

  it('plain long text keeps the plain message', () => {
    expect(tooLongMessage('An update', 'x'.repeat(2801))).toBe('An update is 2801 characters; keep it to 2800 or fewer.');
    expect(tooLongMessage('An update', 'x'.repeat(2800))).toBeUndefined();
  });
});
