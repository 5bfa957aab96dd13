/**
 * `/crisis list`, `/crisis help` (and nothing at all), and input the bot does not understand,
 * through the real bot over HTTP.
 */
import { ALICE, BOB, CAROL, GENERAL, type Harness } from '../helpers/harness';
import { ackText, asSeen, commandWithReply, crisisCommand, declareQuick, methodsSince, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

describe('/crisis list', () => {
  test('with nothing open says so', async () => {
    const ack = await crisisCommand(h, ALICE, GENERAL, 'list');
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ackText(ack)).toContain('No open crises. `/crisis declare` starts one.');
  });

  test('shows each open crisis: channel, title, severity, status, lead, age and next update due', async () => {
    const payments = await declareQuick(h, 'sev1 Checkout payments failing', ALICE);
    h.clock.advanceMinutes(20);
    const recall = await declareQuick(h, 'sev3 Recall of batch 42', BOB);
    await commandWithReply(h, BOB, recall.crisis.channelId, 'status identified');
    h.clock.advanceMinutes(25);

    const ack = await crisisCommand(h, CAROL, GENERAL, 'list');
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    const shown = ackText(ack);
    expect(shown).toContain('Open crises (2)');
    const lines = shown.split('\n');
    const paymentsAt = lines.findIndex((l) => l.includes(`<#${payments.crisis.channelId}>`));
    const recallAt = lines.findIndex((l) => l.includes(`<#${recall.crisis.channelId}>`));
    expect(paymentsAt).toBeGreaterThanOrEqual(0);
    expect(recallAt).toBeGreaterThan(paymentsAt);
    expect(lines[paymentsAt]).toContain('*Checkout payments failing*');
    expect(lines[paymentsAt + 1]).toBe(`sev1 · Investigating · lead <@${ALICE}> · 45 min old · next update 09:30 UTC (every 30 min)`);
    expect(lines[recallAt]).toContain('*Recall of batch 42*');
    expect(lines[recallAt + 1]).toBe(`sev3 · Identified · lead <@${BOB}> · 25 min old · next update 13:20 UTC (every 4 h)`);
  });

  test('a resolved crisis is no longer listed', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Short outage');
    await commandWithReply(h, ALICE, crisis.channelId, 'resolve Fixed by a restart');
    expect(h.bot.store.crises.find(crisis.id)?.status).toBe('resolved');
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'list'))).toContain('No open crises');
  });

  test('`list` with anything after it is refused', async () => {
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'list all'))).toContain('`/crisis list` takes nothing after it.');
  });
});

describe('/crisis help', () => {
  const EVERY_COMMAND = [
    '/crisis declare`',
    '/crisis declare [private] [sev1|sev2|sev3|sev4] [<type>:] <title>',
    '/crisis list',
    '/crisis assign @person <role>',
    '/crisis unassign @person [role]',
    '/crisis roles',
    '/crisis update <text>',
    '`/crisis update` for the form',
    '/crisis status <investigating|identified|monitoring>',
    '/crisis severity <sev1|sev2|sev3|sev4>',
    '/crisis remind every <N>m | every <N>h | off',
    '`/crisis remind` shows them',
    '/crisis note <text>',
    '/crisis action <text> [@owner]',
    '/crisis timeline',
    '/crisis resolve <summary>',
    '/crisis reopen',
    '/crisis debrief',
  ];

  test.each(['help', '', '  HELP  '])('"%s" lists every command, every role with its aliases and the severities', async (text) => {
    const before = h.emu.calls().length;
    const ack = await crisisCommand(h, ALICE, GENERAL, text);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    const shown = asSeen(ackText(ack));
    for (const command of EVERY_COMMAND) expect(shown).toContain(command);
    expect(shown).toContain('`lead` (`commander`), `spokesperson` (`comms`), `info` (`info-gatherer`), `legal` (`compliance`), `support` (`support-rep`)');
    expect(shown).toContain('sev1 critical, sev2 high, sev3 medium, sev4 low');
    expect(methodsSince(h, before)).toEqual([]);
  });
});

describe('input the bot does not understand', () => {
  test('an unknown subcommand gets every command by name and where the details are, ephemerally, and nothing is stored or called', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Existing crisis');
    const counts = rowCounts(h);
    const before = h.emu.calls().length;
    const answered = h.emu.responses().length;
    for (const channel of [GENERAL, crisis.channelId]) {
      const ack = await crisisCommand(h, BOB, channel, 'escalate now please');
      expect(ack.status).toBe(200);
      expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
      const shown = asSeen(ackText(ack));
      expect(shown).toContain("I don't know `escalate`.");
      for (const verb of ['declare', 'list', 'assign', 'update', 'resolve', 'debrief']) expect(shown).toContain(`\`/crisis ${verb}\``);
      expect(shown).toContain('`/crisis help` explains each');
    }
    const help = asSeen(ackText(await crisisCommand(h, BOB, GENERAL, 'help')));
    expect(help).toContain('/crisis declare [private] [sev1|sev2|sev3|sev4] [<type>:] <title>');
    expect(help).toContain('/crisis assign @person <role>');
    expect(methodsSince(h, before)).toEqual([]);
    expect(h.emu.responses()).toHaveLength(answered);
    expect(rowCounts(h)).toEqual(counts);
  });

  test('wrong arguments say what was wrong and what is accepted', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Existing crisis');
    const counts = rowCounts(h);
    const cases: Array<[string, string]> = [
      ['status resolved', 'use `/crisis resolve <summary>` so the resolution is recorded'],
      ['status panicking', '`panicking` is not a status. Use `/crisis status investigating`, `identified` or `monitoring`.'],
      ['severity sev9', '`sev9` is not a severity. Use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).'],
      ['remind every 2d', 'Set reminders with `/crisis remind every <N>m`'],
      ['remind every 25h', 'between 1 minute and 24 hours'],
    ];
    for (const [text, expected] of cases) {
      const ack = await crisisCommand(h, ALICE, crisis.channelId, text);
      expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
      expect(asSeen(ackText(ack))).toContain(expected);
    }
    expect(rowCounts(h)).toEqual(counts);
    expect(h.bot.store.crises.find(crisis.id)).toMatchObject({ status: 'investigating', severity: 'sev2' });
  });
});
