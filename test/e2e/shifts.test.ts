/**
 * Issue 13, shifts through the emulator with CRISIS_SHIFT_HOURS=4 and the ManualClock: one break
 * DM per stint (with a Hand over button that opens the form) and a notice telling the lead, after a
 * restart and a downtime too (one catch-up), a new stint after a handover, never after resolve.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/core/crisis';
import type { EmulatedMessage } from '../../src/emulator';
import { ALICE, BOB, CAROL, DAVE, type Harness } from '../helpers/harness';
import { commandWithReply, DAY_START, declareQuick, readable, startAt } from './helpers/declare-helpers';

const H = 60;
let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startAt({ env: { CRISIS_SHIFT_HOURS: '4' }, bot: { homePublisher: { debounceMs: 20 } } });
  ({ crisis } = await declareQuick(h, 'sev2 Checkout payments failing', ALICE));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

function at(minutes: number): string {
  return new Date(Date.parse(DAY_START) + minutes * 60_000).toISOString();
}

function breakDms(userId: string): EmulatedMessage[] {
  return h.emu.dmsTo(userId).filter((m) => readable(m).includes('Time for a break'));
}

function notices(): string[] {
  return h.emu.messages(crisis.channelId).map((m) => readable(m)).filter((t) => t.includes('without a break'));
}

async function tickAt(minutes: number): Promise<number> {
  h.clock.set(at(minutes));
  const sent = (await h.bot.services.alerts.tick()).sent;
  await h.emu.flushEvents();
  return sent;
}

it('one break DM per stint, the lead told in the channel, once, across a restart', async () => {
  h.clock.set(at(10));
  await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);

  expect(await tickAt(4 * H - 1)).toBe(0);
  expect(await tickAt(4 * H)).toBe(1);
  const [aliceBreak] = breakDms(ALICE);
  expect(readable(aliceBreak)).toContain(`You have been *crisis lead* for <#${crisis.channelId}> (*Checkout payments failing*) for 4 h without a handover.`);
  expect(aliceBreak?.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions', elements: [expect.objectContaining({ action_id: 'shift_handover', value: `${crisis.id}:lead` })] })]));
  expect(notices()).toHaveLength(1);
  // The lead needing the break is not addressed as the one to tell; another holder's notice is.
  expect(notices()[0]).toContain(`:coffee: <@${ALICE}> has been crisis lead for 4 h without a break and has been offered a handover. \`/crisis handover @person lead &lt;note&gt;\` passes the role on with what they know.`);
  expect(readable(aliceBreak)).toContain('The channel has been told.');
  expect(breakDms(BOB)).toEqual([]);

  expect(await tickAt(4 * H + 10)).toBe(1);
  expect(breakDms(BOB)).toHaveLength(1);
  expect(notices()[1]).toContain(`:coffee: <@${ALICE}>: <@${BOB}> has been spokesperson for 4 h without a break`);
  expect(readable(breakDms(BOB)[0])).toContain('The lead has been told.');
  expect(await tickAt(4 * H + 11)).toBe(0);

  await h.restartBot();
  expect(await tickAt(5 * H)).toBe(0);
  expect(await tickAt(30 * H)).toBe(0);
  expect(breakDms(ALICE)).toHaveLength(1);
  expect(breakDms(BOB)).toHaveLength(1);
  expect(notices()).toHaveLength(2);
  const rows = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'shift_break');
  expect(rows.map((e) => e.data)).toEqual([
    { role: 'lead', user_id: ALICE, assignment_id: expect.any(Number), minutes_held: 240 },
    { role: 'spokesperson', user_id: BOB, assignment_id: expect.any(Number), minutes_held: 240 },
  ]);
});

it('a stint that fell due while the bot was down gets one catch-up DM after the restart', async () => {
  h.clock.set(at(30));
  await commandWithReply(h, ALICE, crisis.channelId, `assign <@${CAROL}> info`);
  await h.stopBot();
  h.clock.set(at(14 * H));
  await h.restartBot();
  expect(await tickAt(14 * H)).toBe(2);
  expect(await tickAt(14 * H + 1)).toBe(0);
  expect(breakDms(ALICE)).toHaveLength(1);
  expect(breakDms(CAROL)).toHaveLength(1);
  expect(readable(breakDms(CAROL)[0])).toContain('for 13 h 30 min without a handover');
});

it('the Hand over button opens the form for that crisis and role; the handover ends the stint and starts the next', async () => {
  h.clock.set(at(10));
  await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
  await tickAt(4 * H + 10);
  const [dm] = breakDms(BOB);
  if (!dm) throw new Error('no break DM for Bob');
  await h.driver.clickButton({ userId: BOB, actionId: 'shift_handover', channelId: dm.channel, messageTs: dm.ts });
  const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === BOB && v.open && v.payload.callback_id === 'handover_modal'));
  expect(JSON.stringify(modal.payload.blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Spokesperson"},"value":"spokesperson"}');
  await h.driver.submitView({ userId: BOB, viewId: modal.id, values: { handover_user: DAVE, handover_role: 'spokesperson', handover_note: 'Reuters wants a call back at 15:00' } });
  await h.emu.waitFor(() => h.bot.store.roles.active(crisis.id).some((a) => a.userId === DAVE && a.role === 'spokesperson'));
  const daveDm = await h.emu.waitFor(() => h.emu.dmsTo(DAVE).find((m) => readable(m).includes('Handover from')));
  expect(readable(daveDm)).toContain('>Reuters wants a call back at 15:00');

  // Dave's stint started at the handover (4 h 10 min in): his offer comes 4 h later, once.
  expect(await tickAt(8 * H + 9)).toBe(0);
  expect(await tickAt(8 * H + 10)).toBe(1);
  expect(breakDms(DAVE)).toHaveLength(1);
  expect(breakDms(BOB)).toHaveLength(1);
});

it('never after resolve, however long the clock runs; the button then says so', async () => {
  h.clock.set(at(10));
  await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> legal`);
  await tickAt(4 * H);
  h.clock.set(at(4 * H + 5));
  await commandWithReply(h, ALICE, crisis.channelId, 'resolve Payments restored');
  expect(await tickAt(4 * H + 10)).toBe(0);
  expect(await tickAt(72 * H)).toBe(0);
  expect(breakDms(BOB)).toEqual([]);
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.kind === 'shift_break').map((a) => a.state)).toEqual(['sent', 'cancelled']);

  const [dm] = breakDms(ALICE);
  if (!dm) throw new Error('no break DM for Alice');
  const before = h.emu.responses().length;
  await h.driver.clickButton({ userId: ALICE, actionId: 'shift_handover', channelId: dm.channel, messageTs: dm.ts });
  const answer = await h.emu.waitFor(() => h.emu.responses()[before]);
  expect(readable(answer.body)).toContain('That crisis is resolved: there is nothing to hand over.');
});
