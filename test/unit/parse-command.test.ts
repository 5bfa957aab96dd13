/** The `/crisis` grammar of CONTRACT.md, subcommand by subcommand, and what each mistake is told. */
import { isValidCommand, parseCommand, usageText, type CrisisCommand } from '../../src/slack/commands/parse-command';

function ok(text: string): CrisisCommand {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`);
  expect(isValidCommand(result.command)).toBe(true);
  return result.command;
}

function refused(text: string): string {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.command)}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.message;
}

const ROLE_LIST = /`lead` \(`commander`\), `spokesperson` \(`comms`\), `info` \(`info-gatherer`\), `legal` \(`compliance`\), `support` \(`support-rep`\)/;

describe('help and usage', () => {
  it.each(['', '   ', 'help', 'HELP', '\n\t'])('%j gives help', (text) => {
    expect(ok(text)).toEqual({ kind: 'help' });
  });

  it('usage names every subcommand, with placeholders escaped so Slack shows them instead of linking them', () => {
    const usage = usageText();
    for (const verb of ['declare', 'list', 'assign', 'unassign', 'roles', 'update', 'status', 'severity', 'remind', 'note', 'action', 'timeline', 'resolve', 'reopen', 'debrief']) {
      expect(usage).toContain(`/crisis ${verb}`);
    }
    expect(usage).toContain('/crisis declare [private] [sev1|sev2|sev3|sev4] [&lt;type&gt;:] &lt;title&gt;');
    expect(usage).not.toMatch(/<(?!@)/);
    expect(usage).toMatch(ROLE_LIST);
  });

  it('an unknown verb is refused with its name and the usage', () => {
    const message = refused('explode now');
    expect(message).toContain("I don't know `explode`");
    expect(message).toContain('/crisis declare');
    expect(message).toContain('/crisis resolve');
  });

  it('echoed input is escaped and shortened, so it pings nobody and the usage still fits', () => {
    const message = refused('<!channel> hello');
    expect(message).toContain('&lt;!channel&gt;');
    expect(message).not.toContain('<!channel>');
    const long = refused(`${'x'.repeat(5000)} y`);
    expect(long.length).toBeLessThan(3000);
    expect(long).toContain('/crisis debrief');
  });
});

describe('declare', () => {
  it('bare declare opens the modal', () => {
    expect(ok('declare')).toEqual({ kind: 'declare_modal' });
    expect(ok('  declare  ')).toEqual({ kind: 'declare_modal' });
  });

  it('takes a severity and a title', () => {
    expect(ok('declare sev1 Checkout payments failing')).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev1', title: 'Checkout payments failing' });
    expect(ok('declare sev4 Typo on pricing page')).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev4', title: 'Typo on pricing page' });
  });

  it('leaves the severity to the type\'s playbook without one, and accepts SEV1 in capitals', () => {
    expect(ok('declare Checkout payments failing')).toEqual({ kind: 'declare', isPrivate: false, title: 'Checkout payments failing' });
    expect(ok('DECLARE SEV1 Warehouse flooded')).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev1', title: 'Warehouse flooded' });
  });

  it('a title that merely starts like a severity word is a title', () => {
    expect(ok('declare severe weather delays')).toEqual({ kind: 'declare', isPrivate: false, title: 'severe weather delays' });
  });

  it('refuses an unknown severity, saying which ones exist', () => {
    const message = refused('declare sev9 x');
    expect(message).toContain('`sev9` is not a severity');
    expect(message).toContain('sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low)');
  });

  it('refuses a severity with no title', () => {
    expect(refused('declare sev1')).toContain('A crisis needs a title, e.g. `/crisis declare sev1');
  });

  it('accepts 150 characters of title and refuses 151, saying the limit', () => {
    const t150 = 'a'.repeat(150);
    expect(ok(`declare sev1 ${t150}`)).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev1', title: t150 });
    const message = refused(`declare sev1 ${'a'.repeat(151)}`);
    expect(message).toBe('That title is 151 characters; keep it to 150 or fewer.');
  });

  it('collapses runs of whitespace in the title', () => {
    expect(ok('declare sev3   Slow\n\tsearch')).toEqual({ kind: 'declare', isPrivate: false, severity: 'sev3', title: 'Slow search' });
  });
});

describe('list', () => {
  it('lists, and refuses anything after it', () => {
    expect(ok('list')).toEqual({ kind: 'list' });
    expect(refused('list everything')).toBe('`/crisis list` takes nothing after it.');
  });
});

describe('assign and unassign', () => {
  it('accepts the mention before or after the role', () => {
    expect(ok('assign <@U123> spokesperson')).toEqual({ kind: 'assign', userId: 'U123', role: 'spokesperson' });
    expect(ok('assign spokesperson <@U123>')).toEqual({ kind: 'assign', userId: 'U123', role: 'spokesperson' });
  });

  it('understands escaped mentions with a name, and W-prefixed (enterprise) users', () => {
    expect(ok('assign <@U123|maria> legal')).toEqual({ kind: 'assign', userId: 'U123', role: 'legal' });
    expect(ok('assign <@W0ABC9|maria.k> info')).toEqual({ kind: 'assign', userId: 'W0ABC9', role: 'info' });
  });

  it.each([
    ['lead', 'lead'],
    ['commander', 'lead'],
    ['spokesperson', 'spokesperson'],
    ['comms', 'spokesperson'],
    ['info', 'info'],
    ['info-gatherer', 'info'],
    ['legal', 'legal'],
    ['compliance', 'legal'],
    ['support', 'support'],
    ['support-rep', 'support'],
    ['Commander', 'lead'],
    ['COMMS', 'spokesperson'],
  ])('role %s is %s', (alias, role) => {
    expect(ok(`assign <@U9> ${alias}`)).toEqual({ kind: 'assign', userId: 'U9', role });
  });

  it('an unknown role is named and every role with its aliases listed', () => {
    const message = refused('assign <@U123> boss');
    expect(message).toContain('`boss` is not a role');
    expect(message).toMatch(ROLE_LIST);
  });

  it('names inherited from every object are not roles', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const message = refused(`assign <@U123> ${word}`);
      expect(message).toContain('is not a role');
      expect(message).not.toContain('did not make sense');
    }
  });

  it('a missing role is asked for, with the roles', () => {
    const message = refused('assign <@U123>');
    expect(message).toContain('Which role?');
    expect(message).toMatch(ROLE_LIST);
  });

  it('a plain @name or a malformed mention is refused with how to mention', () => {
    for (const text of ['assign @maria spokesperson', 'assign <@maria> spokesperson', 'assign <@U123 spokesperson', 'assign spokesperson']) {
      const message = refused(text);
      expect(message).toContain('I could not find who to assign');
      expect(message).toContain('@mention, e.g. `/crisis assign @maria spokesperson`');
    }
  });

  it('one person one role at a time', () => {
    expect(refused('assign <@U1> lead legal')).toContain('one person one role at a time');
  });

  it('unassign with and without a role', () => {
    expect(ok('unassign <@U123>')).toEqual({ kind: 'unassign', userId: 'U123' });
    expect(ok('unassign <@U123|maria> comms')).toEqual({ kind: 'unassign', userId: 'U123', role: 'spokesperson' });
    expect(ok('unassign legal <@U123>')).toEqual({ kind: 'unassign', userId: 'U123', role: 'legal' });
  });

  it('unassign refuses a missing mention and an unknown role', () => {
    expect(refused('unassign maria')).toContain('Name the person with an @mention, e.g. `/crisis unassign @maria`');
    const message = refused('unassign <@U1> janitor');
    expect(message).toContain('`janitor` is not a role');
    expect(message).toMatch(ROLE_LIST);
  });

  it('roles', () => {
    expect(ok('roles')).toEqual({ kind: 'roles' });
  });
});

describe('update, status, severity', () => {
  it('update with text keeps the line breaks; bare update opens the modal', () => {
    expect(ok('update Payments restored for 80%.\nNext: the remaining 20%.')).toEqual({
      kind: 'update',
      text: 'Payments restored for 80%.\nNext: the remaining 20%.',
    });
    expect(ok('update')).toEqual({ kind: 'update_modal' });
    expect(ok('update   \n ')).toEqual({ kind: 'update_modal' });
  });

  it('an update over 2800 characters is refused with the limit', () => {
    expect(refused(`update ${'u'.repeat(2801)}`)).toBe('An update is 2801 characters; keep it to 2800 or fewer.');
  });

  it.each(['investigating', 'identified', 'monitoring', 'Monitoring'])('status %s', (status) => {
    expect(ok(`status ${status}`)).toEqual({ kind: 'status', status: status.toLowerCase() });
  });

  it('status resolved is refused, pointing to resolve', () => {
    const message = refused('status resolved');
    expect(message).toContain('`resolved` is not set with `/crisis status`');
    expect(message).toContain('/crisis resolve &lt;summary&gt;');
    expect(message).toContain('`investigating`, `identified` or `monitoring`');
  });

  it('an unknown or missing status is refused with the accepted ones', () => {
    const message = refused('status panicking');
    expect(message).toContain('`panicking` is not a status');
    expect(message).toContain('`/crisis status investigating`, `identified` or `monitoring`');
    expect(refused('status')).toMatch(/^Which status\? Use `\/crisis status investigating`/);
  });

  it('severity sets any of the four; anything else is refused with the four', () => {
    expect(ok('severity sev1')).toEqual({ kind: 'severity', severity: 'sev1' });
    expect(ok('severity SEV4')).toEqual({ kind: 'severity', severity: 'sev4' });
    const message = refused('severity critical');
    expect(message).toContain('`critical` is not a severity');
    expect(message).toContain('sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low)');
    expect(refused('severity')).toMatch(/^Which severity\? Use sev1/);
  });
});

describe('remind', () => {
  it.each([
    ['every 1m', 1],
    ['every 24h', 1440],
    ['every 2h', 120],
    ['every 90m', 90],
    ['EVERY 45M', 45],
    ['every 2 h', 120],
  ])('remind %s = %i minutes', (arg, minutes) => {
    expect(ok(`remind ${arg}`)).toEqual({ kind: 'remind_every', minutes });
  });

  it.each(['every 0m', 'every 25h', 'every 1441m'])('remind %s is out of range, and says the range', (arg) => {
    const message = refused(`remind ${arg}`);
    expect(message).toContain(`\`${arg}\` is out of range`);
    expect(message).toContain('between 1 minute and 24 hours');
  });

  it.each(['every banana', 'every', 'sometimes', 'every -5m', 'every 1.5h'])('remind %s is refused with the accepted forms', (arg) => {
    const message = refused(`remind ${arg}`);
    expect(message).toContain('is not a reminder setting');
    expect(message).toContain('`/crisis remind every &lt;N&gt;m` or `every &lt;N&gt;h` (1 minute to 24 hours), or `/crisis remind off`');
  });

  it('remind off stops, bare remind shows', () => {
    expect(ok('remind off')).toEqual({ kind: 'remind_off' });
    expect(ok('remind')).toEqual({ kind: 'remind_show' });
  });
});

describe('note, action, timeline, resolve, reopen, debrief', () => {
  it('note keeps its text and line breaks', () => {
    expect(ok('note Support queue at 3x normal\nmostly refunds')).toEqual({ kind: 'note', text: 'Support queue at 3x normal\nmostly refunds' });
  });

  it('action takes an owner mention at the end', () => {
    expect(ok('action Review refund policy <@U123|maria>')).toEqual({ kind: 'action', text: 'Review refund policy', ownerId: 'U123' });
  });

  it('a mention in the middle of an action stays in its text, with no owner', () => {
    expect(ok('action Ask <@U123> about refunds')).toEqual({ kind: 'action', text: 'Ask <@U123> about refunds' });
  });

  it.each([
    ['note', 'A note cannot be empty, e.g. `/crisis note '],
    ['action', 'An action cannot be empty, e.g. `/crisis action '],
    ['resolve', 'A resolution summary cannot be empty, e.g. `/crisis resolve '],
  ])('empty %s is refused with an example', (verb, expected) => {
    expect(refused(verb)).toContain(expected);
    expect(refused(`${verb}   `)).toContain(expected);
  });

  it('resolve keeps its summary', () => {
    expect(ok('resolve Payments restored; root cause was an expired certificate')).toEqual({
      kind: 'resolve',
      summary: 'Payments restored; root cause was an expired certificate',
    });
  });

  it.each([
    ['timeline', 'timeline'],
    ['reopen', 'reopen'],
    ['debrief', 'debrief'],
  ])('%s', (text, kind) => {
    expect(ok(text)).toEqual({ kind });
  });
});
