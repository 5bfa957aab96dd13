/**
 * Declaring when something goes wrong: bad titles are refused before Slack is called, and a Slack
 * failure at any step tells the person in plain words and leaves no half-made crisis listed (the
 * half-made channel is archived).
 */
import { ALICE, ANNOUNCE, GENERAL, type Harness } from '../helpers/harness';
import { ackText, commandWithReply, crisisCommand, DAY, methodsSince, readable, replyText, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

const NOTHING = { crises: 0, role_assignments: 0, checklist_items: 0, timeline_events: 0, reminders: 0 };

async function listIsEmpty(): Promise<void> {
  const list = await crisisCommand(h, ALICE, GENERAL, 'list');
  expect(ackText(list)).toContain('No open crises');
}

describe('titles refused before anything happens', () => {
  test('a 151-character title: the reply says so, nothing is stored, no Web API call', async () => {
    const before = h.emu.calls().length;
    const ack = await crisisCommand(h, ALICE, GENERAL, `declare sev1 ${'a'.repeat(151)}`);
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ackText(ack)).toContain('That title is 151 characters; keep it to 150 or fewer.');
    // A response_url reply would come after the ack; make sure none is on its way.
    await h.settled();
    expect(methodsSince(h, before)).toEqual([]);
    expect(h.emu.responses()).toEqual([]);
    expect(rowCounts(h)).toEqual(NOTHING);
  });

  test('150 characters is still accepted', async () => {
    const { reply } = await commandWithReply(h, ALICE, GENERAL, `declare sev3 ${'b'.repeat(150)}`);
    expect(replyText(reply)).toContain('Declared');
    expect(h.bot.store.crises.listOpen()[0]?.title).toHaveLength(150);
  });

  test('a severity alone is not a title, and sev5 is not a severity', async () => {
    const before = h.emu.calls().length;
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'declare sev1'))).toContain('A crisis needs a title');
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'declare sev5 Fire'))).toContain('`sev5` is not a severity');
    expect(methodsSince(h, before)).toEqual([]);
    expect(rowCounts(h)).toEqual(NOTHING);
  });
});

describe('Slack failing halfway', () => {
  test('conversations.create refused (restricted_action): a clear reply and nothing listed', async () => {
    h.emu.failNext('conversations.create', 'restricted_action');
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('I could not create the crisis channel');
    expect(said).toContain('does not let the bot do that');
    expect(said).toContain('Nothing was declared');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`)).toBeUndefined();
    expect(h.emu.messages(ANNOUNCE)).toEqual([]);
    expect(rowCounts(h)).toEqual(NOTHING);
    await listIsEmpty();
  });

  test.each([
    ['conversations.invite', 'user_is_restricted', 'guest who cannot be invited'],
    ['chat.postMessage', 'fatal_error', 'internal error'],
  ])('%s failing after the channel exists: clear reply, nothing listed, channel archived', async (method, code, words) => {
    h.emu.failNext(method, code);
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('I could not finish setting up the crisis');
    expect(said).toContain(words);
    expect(said).toContain(`#crisis-${DAY}-checkout-payments-failing was archived`);
    const channel = h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`);
    expect(channel?.is_archived).toBe(true);
    expect(h.emu.calls('conversations.archive').map((c) => c.args.channel)).toEqual([channel?.id]);
    expect(h.emu.messages(ANNOUNCE)).toEqual([]);
    expect(rowCounts(h)).toEqual(NOTHING);
    await listIsEmpty();
  });

  test('when archiving the half-made channel fails too, the reply says so instead of claiming it was archived', async () => {
    h.emu.failNext('chat.postMessage', 'fatal_error');
    h.emu.failNext('conversations.archive', 'restricted_action');
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('Nothing was declared');
    expect(said).toContain(`I could not archive the half-made channel #crisis-${DAY}-checkout-payments-failing; please archive it.`);
    expect(said).not.toContain('was archived');
    expect(h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`)?.is_archived).toBe(false);
    expect(rowCounts(h)).toEqual(NOTHING);
  });

  test('a half-made channel Slack would not archive then is archived by the sweep on the next tick, without telling the person twice', async () => {
    h.emu.failNext('chat.postMessage', 'fatal_error');
    h.emu.failNext('conversations.archive', 'fatal_error');
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    expect(replyText(reply)).toContain('please archive it');
    const channel = h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`);
    expect(channel?.is_archived).toBe(false);
    const dmsBefore = h.emu.dmsTo(ALICE).length;

    expect(await h.bot.services.declareRepair.tick()).toEqual({ finished: 0, undone: 1, failed: 0 });
    expect(channel?.is_archived).toBe(true);
    // The reply already said how it ended.
    expect(h.emu.dmsTo(ALICE).length).toBe(dmsBefore);
    expect(rowCounts(h)).toEqual(NOTHING);
    // Nothing is left for the next tick.
    expect(await h.bot.services.declareRepair.tick()).toEqual({ finished: 0, undone: 0, failed: 0 });
    expect(h.emu.calls('conversations.archive')).toHaveLength(2);
  });

  test('the sweep tries again while Slack refuses, and gives up after a few ticks', async () => {
    h.emu.failNext('chat.postMessage', 'fatal_error');
    h.emu.failNext('conversations.archive', 'fatal_error', 10);
    await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await h.bot.services.declareRepair.tick());
    expect(results.map((r) => r.failed)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(results.map((r) => r.undone)).toEqual([0, 0, 0, 0, 1, 0]);
    // One archive by the declare itself, then one per tick until the repair gave up.
    expect(h.emu.calls('conversations.archive')).toHaveLength(6);
  });

  test('a declare never leaves an unfinished record behind when it succeeds or is refused', async () => {
    await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    h.emu.failNext('conversations.create', 'restricted_action');
    await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Second one');
    h.emu.failNext('conversations.invite', 'user_is_restricted');
    await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Third one');
    const states = h.bot.db.prepare('SELECT state FROM declare_attempts ORDER BY id').all();
    expect(states).toEqual([{ state: 'finished' }, { state: 'abandoned' }, { state: 'abandoned' }]);
    expect(await h.bot.services.declareRepair.tick()).toEqual({ finished: 0, undone: 0, failed: 0 });
  });

  test('a rate limit that does not clear: plain words, nothing listed, channel archived', async () => {
    h.emu.rateLimit('chat.postMessage', 120);
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev2 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('Slack is rate-limiting the bot right now. Please try again in a minute.');
    expect(said).toContain('Nothing was declared');
    expect(h.emu.calls('chat.postMessage').map((c) => c.status)).toEqual([429]);
    expect(h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`)?.is_archived).toBe(true);
    expect(rowCounts(h)).toEqual(NOTHING);
    await listIsEmpty();
  });

  test('a rate limit on conversations.create that does not clear: nothing created', async () => {
    h.emu.rateLimit('conversations.create', 600);
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare Checkout payments failing');
    expect(replyText(reply)).toContain('I could not create the crisis channel: Slack is rate-limiting the bot right now.');
    expect(h.emu.channelByName(`crisis-${DAY}-checkout-payments-failing`)).toBeUndefined();
    expect(rowCounts(h)).toEqual(NOTHING);
  });

  test('a short rate limit is waited out and the crisis is declared', async () => {
    h.emu.rateLimit('pins.add', 1);
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    expect(replyText(reply)).toContain('Declared');
    expect(replyText(reply)).not.toContain('Could not');
    expect(h.emu.calls('pins.add').map((c) => c.status)).toEqual([429, 200]);
    const crisis = h.bot.store.crises.listOpen()[0];
    expect(crisis && h.emu.pins(crisis.channelId).map((p) => p.ts)).toEqual([crisis?.cardTs]);
  });

  test('a failed pin or announcement does not undo the crisis; the person is told', async () => {
    h.emu.failNext('pins.add', 'restricted_action');
    h.emu.removeBotFromChannel(ANNOUNCE);
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('Declared');
    expect(said).toContain('Could not pin the crisis card');
    expect(said).toContain('Could not announce the crisis');
    expect(rowCounts(h)).toMatchObject({ crises: 1 });
    const crisis = h.bot.store.crises.listOpen()[0];
    expect(crisis?.announceTs).toBeNull();
    expect(readable(h.emu.messages(crisis?.channelId ?? ''))).toContain('SEV1 · Checkout payments failing');
  });
});

describe('the calls that go out together (topic, purpose, invitations, card)', () => {
  test('the invitation fails while the card is still being posted: the archive waits for the card, and nothing is stored', async () => {
    const card = h.emu.hangNext('chat.postMessage');
    h.emu.failNext('conversations.invite', 'user_is_restricted');
    const sent = commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    await card.arrived;
    // The invitation has failed, but the card is still on its way: nothing is archived yet.
    await h.emu.waitFor(() => h.emu.calls('conversations.invite').length === 1);
    expect(h.emu.calls('conversations.archive')).toEqual([]);
    card.release();
    const said = replyText((await sent).reply);
    expect(said).toContain('guest who cannot be invited');
    expect(said).toContain('was archived');
    const [posted] = h.emu.calls('chat.postMessage');
    const [archive] = h.emu.calls('conversations.archive');
    expect(archive && posted && archive.receivedMs >= posted.answeredMs).toBe(true);
    expect(rowCounts(h)).toEqual(NOTHING);
    await listIsEmpty();
  });

  test('the topic fails while the card and invitation succeed: declared, with a warning', async () => {
    h.emu.failNext('conversations.setTopic', 'restricted_action');
    const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const said = replyText(reply);
    expect(said).toContain('Declared');
    expect(said).toContain('Could not set the channel topic');
    const crisis = h.bot.store.crises.listOpen()[0];
    expect(crisis?.cardTs).toEqual(expect.any(String));
    expect(h.emu.channel(crisis?.channelId ?? '')?.purpose.value).toContain('crisis declared by the crisis bot');
  });
});
