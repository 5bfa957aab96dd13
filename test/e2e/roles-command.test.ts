/**
 * Roles by command in a crisis channel: `/crisis assign`, `unassign`, `roles`, with aliases,
 * handovers, several holders where allowed, the new holder invited and DM'd a checklist, the card
 * edited in place, a timeline row for every change, and every bad input refused with nothing stored.
 */
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, BOT, CAROL, DAVE, ERIN, FRANK, GENERAL, type Harness } from '../helpers/harness';
import { ackText, asSeen, commandWithReply, crisisCommand, declareQuick, methodsSince, readable, replyText, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
let crisis: Crisis;
beforeEach(async () => {
  h = await startAt();
  ({ crisis } = await declareQuick(h, 'sev1 Checkout payments failing', ALICE));
});
afterEach(async () => {
  await h.close();
});

async function say(text: string, userId = ALICE): Promise<string> {
  return replyText((await commandWithReply(h, userId, crisis.channelId, text)).reply);
}

function holders() {
  return h.bot.services.snapshot(h.bot.store.crises.get(crisis.id)).holders;
}

function cardText(): string {
  const card = h.emu.messages(crisis.channelId).find((m) => m.ts === crisis.cardTs);
  return readable(card);
}

function timelineOf(kind: string) {
  return h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === kind);
}

describe('assigning each role by command', () => {
  test.each([
    ['spokesperson', 'spokesperson', 'Spokesperson'],
    ['comms', 'spokesperson', 'Spokesperson'],
    ['info', 'info', 'Info gatherer'],
    ['info-gatherer', 'info', 'Info gatherer'],
    ['legal', 'legal', 'Legal'],
    ['compliance', 'legal', 'Legal'],
    ['support', 'support', 'Support rep'],
    ['Support-Rep', 'support', 'Support rep'],
  ] as const)('`assign @bob %s` makes Bob %s: invited, DM\'d a checklist, card updated, timeline row', async (typed, role, label) => {
    const updatesBefore = h.emu.calls('chat.update').length;
    const said = await say(`assign <@${BOB}|bob> ${typed}`);
    expect(said).toContain(`<@${BOB}> is now ${label.toLowerCase()}.`);
    expect(holders()[role]).toEqual([BOB]);

    expect(h.emu.channel(crisis.channelId)?.members.has(BOB)).toBe(true);
    const dms = h.emu.dmsTo(BOB);
    expect(dms).toHaveLength(1);
    expect(readable(dms[0])).toContain(`You are ${label.toLowerCase()}`);
    expect(readable(dms[0])).toContain('*Your checklist* (0/');

    const updates = h.emu.calls('chat.update').slice(updatesBefore);
    expect(updates.map((c) => c.args.ts)).toEqual([crisis.cardTs]);
    expect(cardText()).toContain(`*${label}:* <@${BOB}>`);

    const assigned = timelineOf('role_assigned').at(-1);
    expect(assigned).toMatchObject({ actorId: ALICE, data: { role, user_id: BOB, handover_from: null } });
    const row = h.bot.store.roles.active(crisis.id).find((a) => a.userId === BOB);
    expect(row).toMatchObject({ role, assignedBy: ALICE, assignedAt: '2026-03-05T09:00:00.000Z', relievedAt: null });
  });

  test('`assign lead @bob` (role first) and `commander` hand over the lead; the old lead is relieved and told', async () => {
    h.clock.advanceMinutes(5);
    const said = await say(`assign commander <@${BOB}>`);
    expect(said).toContain(`Handed over crisis lead from <@${ALICE}> to <@${BOB}>.`);
    expect(holders().lead).toEqual([BOB]);
    const history = h.bot.store.roles.history(crisis.id).filter((a) => a.role === 'lead');
    expect(history.map((a) => [a.userId, a.assignedAt, a.relievedAt, a.relievedBy])).toEqual([
      [ALICE, '2026-03-05T09:00:00.000Z', '2026-03-05T09:05:00.000Z', ALICE],
      [BOB, '2026-03-05T09:05:00.000Z', null, null],
    ]);
    expect(readable(h.emu.dmsTo(ALICE).at(-1))).toContain('You are no longer *crisis lead*');
    expect(readable(h.emu.messages(crisis.channelId).at(-1))).toContain(`Crisis lead handed over from <@${ALICE}> to <@${BOB}>`);
    expect(timelineOf('role_relieved').map((e) => e.data)).toEqual([{ role: 'lead', user_id: ALICE, reason: 'handover' }]);
    expect(timelineOf('role_assigned').at(-1)?.data).toEqual({ role: 'lead', user_id: BOB, handover_from: ALICE });
    expect(cardText()).toContain(`*Crisis lead:* <@${BOB}>`);
  });

  test('handing over the spokesperson relieves the old one (relieved_at, DM, channel notice)', async () => {
    await say(`assign <@${CAROL}> spokesperson`);
    h.clock.advanceMinutes(12);
    // The lead hands it on (the holder could too; anyone else may not: permissions.test.ts).
    const said = await say(`assign <@${DAVE}> comms`, ALICE);
    expect(said).toContain(`Handed over spokesperson from <@${CAROL}> to <@${DAVE}>.`);
    expect(holders().spokesperson).toEqual([DAVE]);
    const carol = h.bot.store.roles.history(crisis.id).find((a) => a.userId === CAROL);
    expect(carol).toMatchObject({ relievedAt: '2026-03-05T09:12:00.000Z', relievedBy: ALICE });
    expect(readable(h.emu.dmsTo(CAROL).at(-1))).toContain(`You are no longer *spokesperson* for <#${crisis.channelId}> (*${crisis.title}*); changed by <@${ALICE}>. Thank you. Please hand over anything in flight in the channel.`);
    expect(readable(h.emu.messages(crisis.channelId).at(-1))).toContain(`Spokesperson handed over from <@${CAROL}> to <@${DAVE}> (by <@${ALICE}>)`);
    expect(cardText()).toContain(`*Spokesperson:* <@${DAVE}>`);
    expect(cardText()).not.toContain(`<@${CAROL}>`);
  });

  test('several support reps and info gatherers hold the role together', async () => {
    await say(`assign <@${BOB}> support`);
    await say(`assign <@${CAROL}> support-rep`);
    await say(`assign <@${DAVE}> support`);
    await say(`assign <@${ERIN}> info`);
    await say(`assign <@${FRANK}> info-gatherer`);
    expect(holders().support).toEqual([BOB, CAROL, DAVE]);
    expect(holders().info).toEqual([ERIN, FRANK]);
    expect(cardText()).toContain(`*Support rep:* <@${BOB}>, <@${CAROL}>, <@${DAVE}>`);
    expect(cardText()).toContain(`*Info gatherer:* <@${ERIN}>, <@${FRANK}>`);
    expect(timelineOf('role_relieved')).toEqual([]);
  });

  test('assigning someone who already holds the role changes nothing and says so', async () => {
    await say(`assign <@${BOB}> legal`);
    await h.settled();
    const counts = rowCounts(h);
    const before = h.emu.calls().length;
    expect(await say(`assign <@${BOB}> compliance`)).toContain(`<@${BOB}> is already legal. Nothing changed.`);
    expect(await say(`assign <@${ALICE}> lead`)).toContain(`<@${ALICE}> is already crisis lead. Nothing changed.`);
    expect(rowCounts(h)).toEqual(counts);
    expect(methodsSince(h, before)).toEqual([]);
    expect(h.emu.dmsTo(BOB)).toHaveLength(1);
  });

  test('someone already in the channel is not an error, and one person may hold two roles', async () => {
    const said = await say(`assign <@${ALICE}> spokesperson`);
    expect(said).toContain(`<@${ALICE}> is now spokesperson.`);
    expect(said).not.toContain('Could not');
    expect(holders()).toMatchObject({ lead: [ALICE], spokesperson: [ALICE] });
    expect(h.emu.dmsTo(ALICE)).toHaveLength(2);
  });
});

describe('unassign and roles', () => {
  test('`unassign @bob legal` takes one role; `unassign @bob` takes all; each writes a timeline row', async () => {
    await say(`assign <@${BOB}> legal`);
    await say(`assign <@${BOB}> info`);
    h.clock.advanceMinutes(3);
    expect(await say(`unassign <@${BOB}> compliance`)).toContain(`<@${BOB}> no longer holds: legal.`);
    expect(holders()).toMatchObject({ legal: [], info: [BOB] });
    expect(await say(`unassign <@${BOB}>`)).toContain(`<@${BOB}> no longer holds: info gatherer.`);
    expect(holders()).toMatchObject({ legal: [], info: [] });
    expect(timelineOf('role_relieved').map((e) => [e.data.role, e.data.reason, e.actorId])).toEqual([
      ['legal', 'unassigned', ALICE],
      ['info', 'unassigned', ALICE],
    ]);
    expect(h.bot.store.roles.history(crisis.id).filter((a) => a.userId === BOB).every((a) => a.relievedAt === '2026-03-05T09:03:00.000Z')).toBe(true);
    expect(readable(h.emu.dmsTo(BOB).at(-1))).toContain('You are no longer *info gatherer*');
    expect(cardText()).toContain('*Legal:* _empty_');
    expect(cardText()).toContain('*Info gatherer:* _empty_');
  });

  test('`/crisis roles` lists holders and the empty roles', async () => {
    await say(`assign <@${BOB}> spokesperson`);
    const ack = await crisisCommand(h, CAROL, crisis.channelId, 'roles');
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    const shown = ackText(ack);
    expect(shown).toContain(`*Crisis lead:* <@${ALICE}>`);
    expect(shown).toContain(`*Spokesperson:* <@${BOB}>`);
    expect(shown).toContain('*Legal:* _empty_');
    expect(shown).toContain('Empty: info gatherer, legal, support rep.');
  });
});

describe('bad input is refused with nothing stored', () => {
  async function refused(text: string, channelId = crisis.channelId, userId = ALICE): Promise<string> {
    await h.settled();
    const counts = rowCounts(h);
    const before = h.emu.calls().length;
    const answered = h.emu.responses().length;
    const ack = await crisisCommand(h, userId, channelId, text);
    expect(ack.status).toBe(200);
    let said = ack.json ? ackText(ack) : '';
    if (!said) said = replyText(await h.emu.waitFor(() => h.emu.responses()[answered]));
    await h.settled();
    expect(rowCounts(h)).toEqual(counts);
    expect(methodsSince(h, before).filter((m) => m !== 'chat.postEphemeral')).toEqual([]);
    return asSeen(said);
  }

  test('an unknown role: the reply lists every role and alias', async () => {
    const said = await refused(`assign <@${BOB}> janitor`);
    expect(said).toContain('`janitor` is not a role.');
    expect(said).toContain('`lead` (`commander`), `spokesperson` (`comms`), `info` (`info-gatherer`), `legal` (`compliance`), `support` (`support-rep`)');
    expect(await refused(`unassign <@${BOB}> janitor`)).toContain('`janitor` is not a role.');
  });

  test.each([
    ['assign spokesperson', 'I could not find who to assign.'],
    ['assign bob spokesperson', 'I could not find who to assign.'],
    ['assign @bob spokesperson', 'I could not find who to assign.'],
    ['assign <@bob> spokesperson', 'I could not find who to assign.'],
    [`assign <@${BOB}`, 'I could not find who to assign.'],
    [`assign <@${BOB}>`, 'Which role?'],
    [`assign <@${BOB}> <@${CAROL}> legal`, 'one person one role at a time'],
    ['unassign bob', 'Name the person with an @mention'],
  ])('`%s` → "%s"', async (text, expected) => {
    expect(await refused(text)).toContain(expected);
  });

  test('the bot itself cannot hold a role', async () => {
    expect(await refused(`assign <@${BOT}> spokesperson`)).toContain("I can't hold a role myself");
    expect(holders().spokesperson).toEqual([]);
  });

  test('assign outside a crisis channel', async () => {
    expect(await refused(`assign <@${BOB}> legal`, GENERAL)).toContain('This works only in a crisis channel.');
  });

  test('unassigning someone who holds nothing (or not that role)', async () => {
    expect(await refused(`unassign <@${BOB}>`)).toContain(`<@${BOB}> holds no role in this crisis. Nothing changed.`);
    expect(await refused(`unassign <@${ALICE}> legal`)).toContain(`<@${ALICE}> is not legal in this crisis. Nothing changed.`);
  });

  test('only the lead, the declarer or an admin may hand over the lead', async () => {
    const said = await refused(`assign <@${CAROL}> lead`, crisis.channelId, DAVE);
    expect(said).toContain('hand over the lead');
    expect(holders().lead).toEqual([ALICE]);
  });
});

describe('Slack failing after the assignment is stored', () => {
  test('a failed invite keeps the assignment and tells the assigner', async () => {
    h.emu.failNext('conversations.invite', 'user_is_restricted');
    const said = await say(`assign <@${BOB}> legal`);
    expect(said).toContain(`<@${BOB}> is now legal.`);
    expect(said).toContain(`Could not invite <@${BOB}> to the channel: that person is a guest who cannot be invited here`);
    expect(holders().legal).toEqual([BOB]);
    expect(timelineOf('role_assigned').at(-1)?.data).toMatchObject({ role: 'legal', user_id: BOB });
    expect(cardText()).toContain(`*Legal:* <@${BOB}>`);
  });

  test('a failed DM keeps the assignment and tells the assigner', async () => {
    h.emu.failNext('chat.postMessage', 'restricted_action');
    const said = await say(`assign <@${BOB}> support`);
    expect(said).toContain(`<@${BOB}> is now support rep.`);
    expect(said).toContain(`Could not send <@${BOB}> their checklist`);
    expect(h.emu.dmsTo(BOB)).toEqual([]);
    expect(holders().support).toEqual([BOB]);
    expect(h.emu.channel(crisis.channelId)?.members.has(BOB)).toBe(true);
    expect(cardText()).toContain(`*Support rep:* <@${BOB}>`);
  });
});
