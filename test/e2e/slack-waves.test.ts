/**
 * Where people wait on Slack, calls that do not depend on each other go out together. The emulator
 * answers in rounds (SlackEmulator.answerInRounds): each call is held until every call the bot has
 * under way has arrived, so each command's calls fall into waves of calls made together, however
 * slowly a loaded machine sends them; the number of waves is the number of round trips the person
 * waited, a count and not a time. Declare: the channel; then the topic,
 * purpose, invitations and card; then the pin, announcement and DM (was eight calls in a row).
 * Assign, handover, severity, resolve: one wave after the change is stored. The debrief: the name
 * lookups together, then the upload's own chain. Statements (draft, changes, approve, publish), the
 * FAQ (proposal, approval), remedies, impact, volume with its rise notice and deadline clocks: one
 * wave each, but for the FAQ message's pin, which needs the message. A handover asks Slack whether
 * the new holder is a person, then does the rest in one wave; the report uploads both files, then
 * shares them with its message in one call; shift breaks DM the holders, then tell the lead.
 */
import { callDepths, callWaves } from '../../src/emulator';
import { ALICE, BOB, CAROL, DAVE, ERIN, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { reply } from './fixtures/crisis-steps';

let h: Harness;

beforeEach(async () => {
  // Shift breaks on, so their alert can be counted; no test here ticks unless it means to.
  h = await startHarness({ env: { CRISIS_SHIFT_HOURS: '4' } });
  h.emu.answerInRounds(() => h.bot.activity().slackCalls);
});
afterEach(async () => {
  await h.close();
});

/** Runs a command and returns the waves of the Web API calls it caused, once it is done. */
async function wavesOf(userId: string, channelId: string, text: string): Promise<string[][]> {
  h.emu.resetCalls();
  await reply(h, userId, channelId, text);
  await h.settled();
  // App Home republishing is paced in the background (it gathers changes for a moment and publishes
  // each person once); nobody waits on it, so it is not a wave of the command.
  return callWaves(h.emu.calls().filter((c) => c.method !== 'views.publish'));
}

test('declare: three waves, the card pinned in the third (was eight calls in a row)', async () => {
  const waves = await wavesOf(ALICE, GENERAL, 'declare sev1 Checkout is down');
  expect(waves).toEqual([
    ['conversations.create'],
    ['chat.postMessage', 'conversations.invite', 'conversations.setPurpose', 'conversations.setTopic'],
    // The pin, the announcement and the lead's checklist DM.
    ['chat.postMessage', 'chat.postMessage', 'pins.add'],
  ]);
  const pin = callDepths(h.emu.calls()).find((c) => c.method === 'pins.add');
  expect(pin?.depth).toBe(3);
  expect(h.emu.pins(h.bot.store.crises.listOpen()[0]?.channelId ?? '')).toHaveLength(1);
});

test('declare from the modal with a lead and first roles: still three waves, then the modal shows the outcome', async () => {
  await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare' });
  const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
  h.emu.resetCalls();
  await h.driver.submitView({
    userId: ALICE,
    viewId: view.id,
    values: { title: 'Warehouse flood', role_lead: BOB, role_info: [CAROL, DAVE], role_support: [ERIN] },
  });
  await h.emu.waitFor(() => h.emu.calls('views.update').length > 0, 10_000, 'the modal updated');
  await h.settled();
  const waves = callWaves(h.emu.calls().filter((c) => c.method !== 'views.publish'));
  expect(waves[0]).toEqual(['conversations.create']);
  // The declarer and the named lead are invited together.
  expect(waves[1]).toEqual(['chat.postMessage', 'conversations.invite', 'conversations.invite', 'conversations.setPurpose', 'conversations.setTopic']);
  // The pin, the announcement, the lead's DM, and the roster's invitations (one call each, together), DMs and card.
  expect(waves[2]).toEqual([
    'chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.update',
    'conversations.invite', 'conversations.invite', 'conversations.invite', 'pins.add',
  ]);
  // The modal, which said "Declaring…" at once, then shows the outcome with any warning.
  expect(waves.slice(3)).toEqual([['views.update']]);
});

test('assign, handover, severity, status and resolve: everything after the change in one wave', async () => {
  await reply(h, ALICE, GENERAL, 'declare sev2 Payments failing');
  await h.settled();
  const c = h.bot.store.crises.listOpen()[0]?.channelId ?? '';

  // The invitation, the checklist DM and the card.
  expect(await wavesOf(ALICE, c, `assign <@${BOB}> spokesperson`)).toEqual([['chat.postMessage', 'chat.update', 'conversations.invite']]);
  // A handover adds the relieved person's DM and the notice in the channel, still together.
  expect(await wavesOf(ALICE, c, `assign <@${CAROL}> spokesperson`)).toEqual([['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.update', 'conversations.invite']]);
  // The notice, the announcement and the card.
  expect(await wavesOf(ALICE, c, 'severity sev1')).toEqual([['chat.postMessage', 'chat.postMessage', 'chat.update']]);
  expect(await wavesOf(ALICE, c, 'status identified')).toEqual([['chat.postMessage', 'chat.update']]);
  expect(await wavesOf(ALICE, c, 'resolve Gateway restarted')).toEqual([['chat.postMessage', 'chat.postMessage', 'chat.update']]);
});

test('debrief: the names are looked up together, then both upload URLs (report and chart), the summary and the share', async () => {
  await reply(h, ALICE, GENERAL, 'declare sev2 Names in the debrief');
  await h.settled();
  const c = h.bot.store.crises.listOpen()[0]?.channelId ?? '';
  for (const [who, role] of [[BOB, 'info'], [CAROL, 'legal'], [DAVE, 'support']] as const) await reply(h, ALICE, c, `assign <@${who}> ${role}`);
  // A volume sample, so there is a chart to upload beside the report.
  await reply(h, ALICE, c, 'volume 40 zendesk');
  await h.settled();

  const waves = await wavesOf(ALICE, c, 'debrief');
  expect(waves[0]).toEqual(['users.info', 'users.info', 'users.info', 'users.info']);
  // The report and the volume chart go up together; then each step needs the one before: the
  // URLs, the bytes (not Web API calls), the summary, the share of both files.
  expect(waves.slice(1)).toEqual([['files.getUploadURLExternal', 'files.getUploadURLExternal'], ['chat.postMessage'], ['files.completeUploadExternal']]);
});

/** A crisis with a legal holder, a spokesperson and a support rep; its channel. */
async function staffedCrisis(title: string): Promise<string> {
  await reply(h, ALICE, GENERAL, `declare sev2 ${title}`);
  await h.settled();
  const c = h.bot.store.crises.listOpen()[0]?.channelId ?? '';
  for (const [who, role] of [[BOB, 'legal'], [CAROL, 'spokesperson'], [DAVE, 'support']] as const) await reply(h, ALICE, c, `assign <@${who}> ${role}`);
  await h.settled();
  return c;
}

test('statements: a draft, a change request, an approval and a publication each in one wave (each was two: the message, then the card)', async () => {
  const c = await staffedCrisis('Statements in one wave');
  // The draft's message and the card.
  expect(await wavesOf(DAVE, c, 'statement We are looking into it.')).toEqual([['chat.postMessage', 'chat.update']]);
  // The author's DM, the draft's message and the card.
  expect(await wavesOf(BOB, c, 'changes S1 Say when the next update comes')).toEqual([['chat.postMessage', 'chat.update', 'chat.update']]);
  expect(await wavesOf(DAVE, c, 'statement next 30m We are looking into it and will update you within 30 minutes.')).toEqual([['chat.postMessage', 'chat.update']]);
  expect(await wavesOf(BOB, c, 'approve S2')).toEqual([['chat.update', 'chat.update']]);
  // The published text in the channel, the statement's message and the card.
  expect(await wavesOf(CAROL, c, 'publish S2 status page')).toEqual([['chat.postMessage', 'chat.update', 'chat.update']]);
  // A pre-approved template, approved as it is drafted: still the message and the card.
  expect(await wavesOf(CAROL, c, 'statement from other-holding')).toEqual([['chat.postMessage', 'chat.update']]);
});

test('the FAQ: the first use posts it with the proposal, the support DM and the card, then pins it; an approval edits both messages beside the DM and the card', async () => {
  const c = await staffedCrisis('FAQ in few waves');
  // The shipped general plan starts the FAQ: the proposal, the FAQ message, the support rep's DM and
  // the card together (the DM used to wait for the post), then the pin, which needs the message.
  expect(await wavesOf(DAVE, c, 'faq add Was I charged twice? | No; the second line is a pending authorisation.')).toEqual([
    ['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.update'],
    ['pins.add'],
  ]);
  const proposed = h.bot.store.faq.list(h.bot.store.crises.byChannel(c)?.id ?? 0).find((e) => e.state === 'proposed');
  // The FAQ message and the proposal edited, the support rep's DM, the card.
  expect(await wavesOf(BOB, c, `approve F${proposed?.number ?? 0}`)).toEqual([['chat.postMessage', 'chat.update', 'chat.update', 'chat.update']]);
  // A remedy: the card, the FAQ message, the support rep's DM.
  expect(await wavesOf(ALICE, c, 'remedy Full refund of the duplicate charge')).toEqual([['chat.postMessage', 'chat.update', 'chat.update']]);
});

test('impact, volume (with a sharp rise: the notice and the lead\'s DM beside the card) and deadline clocks: one wave each', async () => {
  const c = await staffedCrisis('Customer side in one wave');
  expect(await wavesOf(ALICE, c, 'impact Card payments fail for 12% of checkouts')).toEqual([['chat.update']]);
  for (const count of [10, 12, 10]) {
    h.clock.advanceMinutes(5);
    expect(await wavesOf(DAVE, c, `volume ${count} zendesk`)).toEqual([['chat.update']]);
  }
  h.clock.advanceMinutes(5);
  expect(await wavesOf(DAVE, c, 'volume 45 zendesk')).toEqual([['chat.postMessage', 'chat.postMessage', 'chat.update']]);
  expect(await wavesOf(ALICE, c, 'deadline add Call the insurer in 4h')).toEqual([['chat.update']]);
  expect(await wavesOf(ALICE, c, 'deadline done d1')).toEqual([['chat.update']]);
});

test('a drill and a private declare: the same three waves as any declare', async () => {
  const declareWaves = [
    ['conversations.create'],
    ['chat.postMessage', 'conversations.invite', 'conversations.setPurpose', 'conversations.setTopic'],
    ['chat.postMessage', 'chat.postMessage', 'pins.add'],
  ];
  expect(await wavesOf(ALICE, GENERAL, 'drill sev2 Practice run')).toEqual(declareWaves);
  expect(await wavesOf(ALICE, GENERAL, 'declare private sev2 Supplier terms leaked')).toEqual(declareWaves);
});

test('handover: Slack says whether the new holder is a person, then everything after the change in one wave', async () => {
  const c = await staffedCrisis('Handover in two waves');
  // The new holder's DM (with the note), the relieved holder's DM, the notice, the card and the invitation.
  expect(await wavesOf(CAROL, c, `handover <@${ERIN}> spokesperson Reuters wants a call back at 15:00`)).toEqual([
    ['users.info'],
    ['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.update', 'conversations.invite'],
  ]);
});

test('report: both files go up together, then one call shares them into the DM with the message (was a message between them)', async () => {
  await staffedCrisis('Report in two waves');
  expect(await wavesOf(DAVE, GENERAL, 'report 30d')).toEqual([
    ['files.getUploadURLExternal', 'files.getUploadURLExternal'],
    ['files.completeUploadExternal'],
  ]);
});

test('shift breaks: the holders\' DMs together, then the notices telling the lead, which say the DM went out', async () => {
  await staffedCrisis('Shift breaks');
  h.emu.resetCalls();
  h.clock.advanceMinutes(4 * 60);
  expect((await h.bot.services.alerts.tick()).sent).toBe(4);
  await h.settled();
  // The lead, legal, the spokesperson and the support rep are each offered a break. A notice waits
  // for its DM on purpose: it tells the lead the offer was made, and a DM that failed is sent again
  // on the next tick, which must not post the notice twice.
  const dms = ['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'chat.postMessage'];
  expect(callWaves(h.emu.calls().filter((c) => c.method !== 'views.publish'))).toEqual([dms, dms]);
});
