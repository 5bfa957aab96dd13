/**
 * The people grammar: `handover <@user> <role> [<note>]` (either order of the first two, the note
 * with its line breaks, bare `handover` opens the form) and `report [<N>d]`, and every refusal
 * saying what is accepted. Who holds what is the service's to say.
 */
import { isChannelCommand, parseCommand, isReadOnlyCommand, usageText } from '../../src/slack/commands/parse-command';

function ok(text: string): unknown {
  const parsed = parseCommand(text);
  if (!parsed.ok) throw new Error(`refused: ${parsed.message}`);
  return parsed.command;
}

function refused(text: string): string {
  const parsed = parseCommand(text);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(parsed.command)}`);
  return parsed.message;
}

describe('handover', () => {
  it('reads the person, the role (or an alias) and the note as typed, line breaks kept', () => {
    expect(ok('handover <@U0BOB> spokesperson Holding statement is out; next one promised for 14:00')).toEqual({
      kind: 'handover',
      userId: 'U0BOB',
      role: 'spokesperson',
      note: 'Holding statement is out; next one promised for 14:00',
    });
    expect(ok('handover comms <@U0BOB|bob> Line one\nLine &lt;two&gt; &amp; more')).toEqual({ kind: 'handover', userId: 'U0BOB', role: 'spokesperson', note: 'Line one\nLine <two> & more' });
    expect(ok('handover <@U0BOB> support-rep')).toEqual({ kind: 'handover', userId: 'U0BOB', role: 'support', note: '' });
  });

  it('opens the form when nothing follows', () => {
    expect(ok('handover')).toEqual({ kind: 'handover_modal' });
  });

  it('refuses an unknown role with the roles, a missing person or role with how to say it', () => {
    expect(refused('handover <@U0BOB> janitor please')).toBe(
      '`janitor` is not a role. Roles: `lead` (`commander`), `spokesperson` (`comms`), `info` (`info-gatherer`), `legal` (`compliance`), `support` (`support-rep`). Hand over with `/crisis handover @person &lt;role&gt; [note]`, e.g. `/crisis handover @maria spokesperson Holding statement is out; next one promised for 14:00`, or `/crisis handover` for the form. Nothing changed.',
    );
    expect(refused('handover spokesperson bob')).toContain('Who takes over? Name them with an @mention.');
    expect(refused('handover <@U0BOB>')).toContain('Which role? Roles: `lead`');
  });

  it('refuses a note over 2000 characters, pointing to the form', () => {
    expect(refused(`handover <@U0BOB> legal ${'x'.repeat(2001)}`)).toBe('The handover note is 2001 characters; keep it to 2000 or fewer, or use the form (`/crisis handover`). Nothing changed.');
    expect(ok(`handover <@U0BOB> legal ${'x'.repeat(2000)}`)).toMatchObject({ kind: 'handover', role: 'legal' });
  });

  it('works only in a crisis channel, and is never taken for a read-only command', () => {
    expect(isChannelCommand('handover')).toBe(true);
    expect(isChannelCommand('handover_modal')).toBe(true);
    expect(isReadOnlyCommand('handover')).toBe(false);
  });
});

describe('report', () => {
  it('defaults to 90 days and reads <N>d, <N> days', () => {
    expect(ok('report')).toEqual({ kind: 'report', days: 90 });
    expect(ok('report 30d')).toEqual({ kind: 'report', days: 30 });
    expect(ok('report 7 days')).toEqual({ kind: 'report', days: 7 });
    expect(ok('report 1d')).toEqual({ kind: 'report', days: 1 });
    expect(ok('report 3650D')).toEqual({ kind: 'report', days: 3650 });
  });

  it.each(['0d', '5000d', '3651d', '30', '-5d', '2w', 'last month', '1.5d'])('refuses `report %s` saying what is accepted', (period) => {
    expect(refused(`report ${period}`)).toBe(
      `\`${period}\` is not a period I can report on. Use \`/crisis report\` for the last 90 days, or \`/crisis report &lt;N&gt;d\` with N from 1 to 3650, e.g. \`/crisis report 30d\`. Nothing was sent.`,
    );
  });

  it('works anywhere', () => {
    expect(isChannelCommand('report')).toBe(false);
  });
});

it('help has the people group with both commands', () => {
  const help = usageText();
  expect(help).toContain('*People, shifts and reports*');
  expect(help).toContain('/crisis handover @person &lt;role&gt; [note]');
  expect(help).toContain('/crisis report [&lt;N&gt;d]');
});
