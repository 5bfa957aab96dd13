/**
 * Roles from buttons: the card's "Assign roles" opens a modal pre-filled with today's holders, and
 * submitting applies every change at once; and the once-only nudge for a missing spokesperson in a
 * sev1/sev2 crisis, whose button opens the same modal.
 */
import type { Crisis } from '../../src/core/crisis';
import type { EmulatedView } from '../../src/emulator';
import { ALICE, BOB, BOT, CAROL, DAVE, ERIN, FRANK, type Harness } from '../helpers/harness';
import { commandWithReply, declareQuick, readable, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

function holders(crisis: Crisis) {
  return h.bot.services.snapshot(h.bot.store.crises.get(crisis.id)).holders;
}

function element(view: EmulatedView, blockId: string): Record<string, unknown> {
  const blocks = view.payload.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
  const found = blocks.find((b) => b.block_id === blockId)?.element;
  if (!found) throw new Error(`no input ${blockId}`);
  return found;
}

async function openRolesModal(crisis: Crisis, userId: string, actionId = 'card_assign_roles', messageTs = crisis.cardTs ?? ''): Promise<EmulatedView> {
  const opened = h.emu.views().length;
  const click = await h.driver.clickButton({ userId, actionId, channelId: crisis.channelId, messageTs });
  expect(click.status).toBe(200);
  return h.emu.waitFor(() => h.emu.views().slice(opened).find((v) => v.payload.callback_id === 'roles_modal' && v.open));
}

describe('the roles modal from the card', () => {
  test('is pre-filled with today\'s holders, and submitting applies every change, with DMs, invites and one card update', async () => {
    const { crisis } = await declareQuick(h, 'sev1 Checkout payments failing');
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${CAROL}> support`);
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${DAVE}> support`);
    h.clock.advanceMinutes(7);

    const view = await openRolesModal(crisis, ALICE);
    expect(view.user).toBe(ALICE);
    expect(element(view, 'role_lead')).toMatchObject({ type: 'users_select', initial_user: ALICE });
    expect(element(view, 'role_spokesperson')).toMatchObject({ type: 'users_select', initial_user: BOB });
    expect(element(view, 'role_legal')).toMatchObject({ type: 'users_select' });
    expect(element(view, 'role_legal').initial_user).toBeUndefined();
    expect(element(view, 'role_info')).toMatchObject({ type: 'multi_users_select' });
    expect(element(view, 'role_support')).toMatchObject({ type: 'multi_users_select', initial_users: [CAROL, DAVE] });

    const updatesBefore = h.emu.calls('chat.update').length;
    const timelineBefore = h.bot.store.timeline.list(crisis.id).length;
    const result = await h.driver.submitView({
      userId: ALICE,
      viewId: view.id,
      values: { role_spokesperson: ERIN, role_info: [FRANK, CAROL], role_legal: DAVE, role_support: [CAROL] },
    });
    expect(result.status).toBe(200);
    const told = await h.emu.waitFor(() => h.emu.ephemerals(crisis.channelId, ALICE).find((e) => e.text.includes('Roles updated')));
    expect(told.text).toContain('Roles updated: 4 assigned, 1 relieved.');

    expect(holders(crisis)).toEqual({ lead: [ALICE], spokesperson: [ERIN], info: [FRANK, CAROL], legal: [DAVE], support: [CAROL] });
    const history = h.bot.store.roles.history(crisis.id);
    expect(history.find((a) => a.userId === BOB)).toMatchObject({ role: 'spokesperson', relievedAt: '2026-03-05T09:07:00.000Z', relievedBy: ALICE });
    expect(history.find((a) => a.userId === DAVE && a.role === 'support')).toMatchObject({ relievedAt: '2026-03-05T09:07:00.000Z' });

    // Every change is a timeline row written at the same moment.
    const rows = h.bot.store.timeline.list(crisis.id).slice(timelineBefore);
    expect(rows.map((e) => [e.kind, e.data.role, e.data.user_id])).toEqual(
      expect.arrayContaining([
        ['role_relieved', 'spokesperson', BOB],
        ['role_assigned', 'spokesperson', ERIN],
        ['role_assigned', 'info', FRANK],
        ['role_assigned', 'info', CAROL],
        ['role_assigned', 'legal', DAVE],
        ['role_relieved', 'support', DAVE],
      ]),
    );
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((e) => e.occurredAt))).toEqual(new Set(['2026-03-05T09:07:00.000Z']));

    for (const person of [ERIN, FRANK]) {
      expect(h.emu.channel(crisis.channelId)?.members.has(person)).toBe(true);
      expect(readable(h.emu.dmsTo(person)[0])).toContain('*Your checklist*');
    }
    expect(readable(h.emu.dmsTo(BOB).at(-1))).toContain('You are no longer *spokesperson*');
    expect(readable(h.emu.messages(crisis.channelId))).toContain(`Spokesperson handed over from <@${BOB}> to <@${ERIN}>`);

    const cardUpdates = h.emu.calls('chat.update').slice(updatesBefore).filter((c) => c.args.ts === crisis.cardTs);
    expect(cardUpdates).toHaveLength(1);
    const card = readable(h.emu.messages(crisis.channelId).find((m) => m.ts === crisis.cardTs));
    expect(card).toContain(`*Spokesperson:* <@${ERIN}>`);
    expect(card).toContain(`*Info gatherer:* <@${FRANK}>, <@${CAROL}>`);
    expect(card).toContain(`*Legal:* <@${DAVE}>`);
    expect(card).toContain(`*Support rep:* <@${CAROL}>`);
  });

  test('hands over the lead from the modal; a failed invite keeps the change and tells the person', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Lead changes hands');
    h.clock.advanceMinutes(2);
    const view = await openRolesModal(crisis, ALICE);
    h.emu.failNext('conversations.invite', 'user_is_restricted');
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { role_lead: BOB } });
    const told = await h.emu.waitFor(() => h.emu.ephemerals(crisis.channelId, ALICE).find((e) => e.text.includes('Roles updated')));
    expect(told.text).toContain('Roles updated: 1 assigned, 0 relieved.');
    expect(told.text).toContain(`Could not invite <@${BOB}> to the channel`);
    expect(holders(crisis).lead).toEqual([BOB]);
    expect(h.bot.store.roles.history(crisis.id).find((a) => a.userId === ALICE)).toMatchObject({ relievedAt: '2026-03-05T09:02:00.000Z' });
    expect(readable(h.emu.dmsTo(ALICE).at(-1))).toContain('You are no longer *crisis lead*');
    expect(readable(h.emu.dmsTo(BOB)[0])).toContain('You are crisis lead');
    expect(readable(h.emu.messages(crisis.channelId).find((m) => m.ts === crisis.cardTs))).toContain(`*Crisis lead:* <@${BOB}>`);
  });

  test('submitting the modal unchanged changes nothing (told by DM when not in the channel)', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Nothing to change');
    const view = await openRolesModal(crisis, BOB);
    const counts = rowCounts(h);
    await h.driver.submitView({ userId: BOB, viewId: view.id, values: {} });
    // Bob is not in the crisis channel, so an ephemeral there cannot reach him: a DM does.
    const told = await h.emu.waitFor(() => h.emu.dmsTo(BOB)[0]);
    expect(told.text).toContain('No role changed.');
    expect(rowCounts(h)).toEqual(counts);
  });

  test('the bot picked for a role is a field error and nothing is stored', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Bot as legal');
    const view = await openRolesModal(crisis, ALICE);
    const counts = rowCounts(h);
    const result = await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { role_legal: BOT } });
    expect(result.json).toMatchObject({ response_action: 'errors', errors: { role_legal: expect.stringContaining("I can't hold a role myself") } });
    expect(rowCounts(h)).toEqual(counts);
    expect(h.emu.view(view.id)?.open).toBe(true);
  });

  test('someone who may not hand over the lead gets a field error on the lead picker', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Lead stays');
    const view = await openRolesModal(crisis, CAROL);
    const result = await h.driver.submitView({ userId: CAROL, viewId: view.id, values: { role_lead: CAROL } });
    expect(result.json).toMatchObject({ response_action: 'errors', errors: { role_lead: expect.stringContaining('hand over the lead') } });
    expect(holders(crisis).lead).toEqual([ALICE]);
  });
});

describe('the empty-spokesperson nudge', () => {
  async function nudges(crisis: Crisis) {
    return h.emu.messages(crisis.channelId).filter((m) => readable(m).includes('still no *spokesperson*'));
  }

  test('sev1: told once, 10 minutes after the declaration, with the assign button that opens the modal', async () => {
    const { crisis } = await declareQuick(h, 'sev1 Checkout payments failing');
    h.clock.advanceMinutes(9);
    await h.bot.services.reminders.tick();
    expect(await nudges(crisis)).toHaveLength(0);

    h.clock.advanceMinutes(1);
    const result = await h.bot.services.reminders.tick();
    expect(result.nudged).toBe(1);
    const [nudge] = await nudges(crisis);
    expect(readable(nudge)).toContain('SEV1 and still no *spokesperson* 10 min in.');
    expect(JSON.stringify(nudge?.blocks)).toContain('"action_id":"nudge_assign_roles"');
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'role_nudge')).toHaveLength(1);

    h.clock.advanceMinutes(5);
    await h.bot.services.reminders.tick();
    h.clock.advanceMinutes(60);
    await h.bot.services.reminders.tick();
    expect(await nudges(crisis)).toHaveLength(1);

    const view = await openRolesModal(crisis, ALICE, 'nudge_assign_roles', nudge?.ts);
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { role_spokesperson: BOB } });
    await h.emu.waitFor(() => h.emu.dmsTo(BOB).length > 0);
    expect(holders(crisis).spokesperson).toEqual([BOB]);
  });

  test('sev2 is nudged too; sev3 is not; nor a sev1 that has a spokesperson', async () => {
    const high = await declareQuick(h, 'sev2 High crisis');
    const medium = await declareQuick(h, 'sev3 Medium crisis');
    const staffed = await declareQuick(h, 'sev1 Staffed crisis');
    await commandWithReply(h, ALICE, staffed.crisis.channelId, `assign <@${BOB}> comms`);
    h.clock.advanceMinutes(11);
    const result = await h.bot.services.reminders.tick();
    expect(result.nudged).toBe(1);
    expect(await nudges(high.crisis)).toHaveLength(1);
    expect(readable((await nudges(high.crisis))[0])).toContain('SEV2 and still no *spokesperson*');
    expect(await nudges(medium.crisis)).toHaveLength(0);
    expect(await nudges(staffed.crisis)).toHaveLength(0);
  });
});
