/**
 * The HTTP surface: signatures and stale timestamps refused with 401 and no effect, /healthz, every
 * command acknowledged before any Web API call it causes, and channel commands refused outside a
 * crisis channel.
 */
import { ALICE, BOB, BOT_TOKEN, CAROL, GENERAL, type Harness } from '../helpers/harness';
import { AckOrderProbe, ackText, commandWithReply, crisisCommand, declareQuick, methodsSince, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

describe('request verification', () => {
  const nowSeconds = (): number => Math.floor(Date.now() / 1000);

  test.each([
    ['a bad signature', { signatureOverride: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['a 6-minute-old timestamp', { timestampOverride: nowSeconds() - 6 * 60 }],
  ])('%s gets 401 and changes nothing', async (_what, override) => {
    const before = h.emu.calls().length;
    const result = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Forged crisis', ...override });
    expect(result.status).toBe(401);
    await h.settled();
    expect(methodsSince(h, before)).toEqual([]);
    expect(h.emu.responses()).toEqual([]);
    expect(rowCounts(h).crises).toBe(0);
  });

  test('a missing signature or timestamp header gets 401', async () => {
    const before = h.emu.calls().length;
    const body = new URLSearchParams({ command: '/crisis', text: 'declare sev1 Unsigned', user_id: ALICE, channel_id: GENERAL, trigger_id: '1.2.3' }).toString();
    const contentType = 'application/x-www-form-urlencoded';
    expect((await h.driver.raw({ body, contentType, signature: false })).status).toBe(401);
    expect((await h.driver.raw({ body, contentType, timestamp: false })).status).toBe(401);
    expect(methodsSince(h, before)).toEqual([]);
    expect(rowCounts(h).crises).toBe(0);
  });

  test('a timestamp 4 minutes old is still accepted', async () => {
    const result = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'list', timestampOverride: nowSeconds() - 4 * 60 });
    expect(result.status).toBe(200);
    expect(ackText(result)).toContain('No open crises');
  });
});

describe('GET /healthz', () => {
  test('200 {"ok":true} while the database answers, 503 once it is closed', async () => {
    const url = `http://127.0.0.1:${h.bot.port}/healthz`;
    const healthy = await fetch(url);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ ok: true });
    h.bot.db.close();
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect((await down.json())).toMatchObject({ ok: false });
  });
});

describe('every command is acknowledged before the Web API calls it causes', () => {
  let probe: AckOrderProbe;
  afterEach(() => probe.close());

  async function runAndSettle(channelId: string, text: string, userId = ALICE): Promise<string[]> {
    probe.reset();
    const ack = await crisisCommand(h, userId, channelId, text);
    expect(ack.status).toBe(200);
    await h.settled();
    expect({ text, before: probe.callsBeforeFirstAck() }).toEqual({ text, before: [] });
    return probe.apiCalls();
  }

  test('declare, the declare modal, and every channel command', async () => {
    probe = AckOrderProbe.for(h);
    const declared = await runAndSettle(GENERAL, 'declare sev1 Checkout payments failing');
    expect(declared).toEqual(expect.arrayContaining(['conversations.create', 'conversations.invite', 'chat.postMessage', 'pins.add']));
    const crisis = h.bot.store.crises.listOpen()[0];
    if (!crisis) throw new Error('not declared');
    const c = crisis.channelId;

    expect(await runAndSettle(GENERAL, 'declare')).toEqual(['views.open']);
    expect(await runAndSettle(c, `assign <@${BOB}> comms`)).toEqual(expect.arrayContaining(['conversations.invite', 'chat.postMessage', 'chat.update']));
    expect(await runAndSettle(c, `assign <@${CAROL}> spokesperson`)).toContain('chat.update');
    expect(await runAndSettle(c, `unassign <@${CAROL}>`)).toContain('chat.update');
    expect(await runAndSettle(c, 'update Payments failing for 30% of customers')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'update')).toEqual(['views.open']);
    expect(await runAndSettle(c, 'status identified')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'severity sev2')).toContain('chat.update');
    expect(await runAndSettle(c, 'remind every 15m')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'action Review the retry policy')).toContain('chat.postMessage');
    for (const quiet of ['help', 'list', 'roles', 'remind', 'note Support queue doubled', 'timeline']) {
      expect(await runAndSettle(c, quiet)).toEqual([]);
    }
    expect(await runAndSettle(c, 'remind off')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'debrief')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'resolve Restarted the payment gateway')).toContain('chat.postMessage');
    expect(await runAndSettle(c, 'reopen')).toContain('chat.postMessage');
  });

  test('the declare modal submission, the Assign roles button and a checklist tick ack first too', async () => {
    probe = AckOrderProbe.for(h);
    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    probe.reset();
    await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Modal crisis' } });
    const crisis = await h.emu.waitFor(() => h.emu.calls('views.update').length > 0 && h.bot.store.crises.listOpen()[0]);
    expect(probe.callsBeforeFirstAck()).toEqual([]);
    expect(probe.apiCalls()).toContain('conversations.create');
    // The declare's App Home publish too, before the button's calls are counted.
    await h.settled();

    probe.reset();
    await h.driver.clickButton({ userId: ALICE, actionId: 'card_assign_roles', channelId: crisis.channelId, messageTs: crisis.cardTs ?? '' });
    await h.emu.waitFor(() => h.emu.views().some((v) => v.payload.callback_id === 'roles_modal'));
    expect(probe.callsBeforeFirstAck()).toEqual([]);
    expect(probe.apiCalls()).toEqual(['views.open']);

    const dm = h.emu.dmsTo(ALICE)[0];
    probe.reset();
    await h.driver.checkbox({ userId: ALICE, messageTs: dm?.ts ?? '', actionId: 'checklist_toggle', selectedValues: [`${h.bot.store.roles.active(crisis.id)[0]?.id}:0`] });
    await h.emu.waitFor(() => probe.apiCalls().includes('chat.update'));
    expect(probe.callsBeforeFirstAck()).toEqual([]);
  });

  test('snooze, the action toggle, the message shortcut and the update, lessons and timeline-edit submits ack first too', async () => {
    probe = AckOrderProbe.for(h);
    const { crisis } = await declareQuick(h, 'sev2 Probe every interaction');
    const c = crisis.channelId;
    await settled();

    // Each interaction: its ack went out before any Web API call it caused, and it did cause one.
    async function interact(what: string, send: () => Promise<{ status: number }>, expected: string): Promise<void> {
      probe.reset();
      expect({ what, status: (await send()).status }).toEqual({ what, status: 200 });
      await settled();
      expect({ what, before: probe.callsBeforeFirstAck(), calls: probe.apiCalls() }).toEqual({ what, before: [], calls: expect.arrayContaining([expected]) });
    }

    h.clock.advanceMinutes(61);
    expect(await h.bot.services.reminders.tick()).toMatchObject({ sent: 1 });
    const reminder = await h.emu.waitFor(() => h.emu.messages(c).find((m) => JSON.stringify(m.blocks ?? []).includes('reminder_snooze_15')));
    await interact('snooze', () => h.driver.clickButton({ userId: ALICE, channelId: c, messageTs: reminder.ts, actionId: 'reminder_snooze_15' }), 'chat.update');
    expect(h.bot.store.timeline.list(crisis.id).some((e) => e.kind === 'reminder_snoozed')).toBe(true);

    await commandWithReply(h, ALICE, c, 'action Review the retry policy');
    const action = await h.emu.waitFor(() => h.emu.messages(c).find((m) => m.text.startsWith('Follow-up action #1')));
    await settled();
    await interact('action toggle', () => h.driver.clickButton({ userId: ALICE, channelId: c, messageTs: action.ts, actionId: 'action_toggle' }), 'chat.update');
    expect(h.bot.store.followUps.action(1)?.doneAt).not.toBeNull();

    const said = await h.driver.userPostsMessage({ userId: BOB, channelId: c, text: 'Gateway certificate expired at 06:00' });
    await interact('message shortcut', () => h.driver.messageShortcut({ userId: CAROL, channelId: c, messageTs: said, callbackId: 'add_to_crisis_timeline' }), 'chat.getPermalink');
    expect(h.bot.store.timeline.list(crisis.id).some((e) => e.kind === 'message_captured' && e.text.includes('Gateway certificate expired'))).toBe(true);

    await crisisCommand(h, ALICE, c, 'update');
    const update = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'update_modal'));
    await settled();
    await interact('update submit', () => h.driver.submitView({ userId: ALICE, viewId: update.id, values: { update: 'Gateway restarted' } }), 'chat.postMessage');

    await crisisCommand(h, ALICE, c, 'note Paged the payments on-call');
    await settled();
    const note = h.bot.store.timeline.list(crisis.id).find((e) => e.kind === 'note');
    await crisisCommand(h, ALICE, c, 'timeline');
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(note?.id) });
    const edit = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    await settled();
    await interact('timeline-edit submit', () => h.driver.submitView({ userId: ALICE, viewId: edit.id, values: { entry_text: 'Paged the payments on-call (Dave)' } }), 'chat.postEphemeral');
    expect(h.bot.store.timeline.get(note?.id ?? 0).text).toBe('Paged the payments on-call (Dave)');

    await commandWithReply(h, ALICE, c, 'resolve Gateway certificate renewed');
    await settled();
    const resolved = await h.emu.waitFor(() => h.emu.messages(c).find((m) => m.text.startsWith('Resolved:')));
    await h.driver.clickButton({ userId: ALICE, actionId: 'resolved_add_lessons', messageTs: resolved.ts, channelId: c });
    const lessons = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'lessons_modal'));
    await settled();
    await interact('lessons submit', () => h.driver.submitView({ userId: ALICE, viewId: lessons.id, values: { root_causes: 'Certificate expiry was not monitored' } }), 'chat.postEphemeral');
    expect(h.bot.store.followUps.lessons(crisis.id).map((l) => l.rootCauses)).toEqual(['Certificate expiry was not monitored']);
  });

  const settled = (): Promise<void> => h.settled();

  test('control: the probe does see a Web API call made before an ack', async () => {
    probe = AckOrderProbe.for(h);
    // app.client carries no token (Bolt's authorize gives each request its own), so pass it.
    await h.bot.slack.app.client.auth.test({ token: BOT_TOKEN });
    await crisisCommand(h, ALICE, GENERAL, 'help');
    expect(probe.callsBeforeFirstAck()).toEqual(['auth.test']);
  });

  test('the ack does not wait for Slack: it arrives even while the Web API is rate-limited', async () => {
    probe = AckOrderProbe.for(h);
    h.emu.rateLimit('conversations.create', 2);
    const started = Date.now();
    const ack = await crisisCommand(h, ALICE, GENERAL, 'declare sev1 Slow Slack');
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    expect(ackMs).toBeLessThan(1500);
    const { crisis } = await h.emu.waitFor(() => {
      const found = h.bot.store.crises.listOpen()[0];
      return found ? { crisis: found } : undefined;
    });
    expect(crisis.title).toBe('Slow Slack');
    expect(probe.callsBeforeFirstAck()).toEqual([]);
  });
});

describe('channel commands outside a crisis channel', () => {
  const CHANNEL_ONLY = [
    `assign <@${BOB}> legal`,
    `unassign <@${BOB}>`,
    'roles',
    'update Things are better',
    'update',
    'status identified',
    'severity sev1',
    'remind every 30m',
    'remind off',
    'remind',
    'note Something happened',
    'action Write the postmortem',
    'timeline',
    'resolve All fixed',
    'reopen',
    'debrief',
  ];

  test('each one in #general: ephemeral "only in a crisis channel", nothing stored, no Web API call', async () => {
    await declareQuick(h, 'sev2 A crisis elsewhere');
    const counts = rowCounts(h);
    const before = h.emu.calls().length;
    const answered = h.emu.responses().length;
    for (const text of CHANNEL_ONLY) {
      const ack = await crisisCommand(h, ALICE, GENERAL, text);
      expect({ text, status: ack.status, json: ack.json }).toMatchObject({ text, status: 200, json: { response_type: 'ephemeral' } });
      expect({ text, said: ackText(ack) }).toEqual({ text, said: expect.stringContaining('This works only in a crisis channel.') });
    }
    await h.settled();
    expect(methodsSince(h, before)).toEqual([]);
    expect(h.emu.responses()).toHaveLength(answered);
    expect(rowCounts(h)).toEqual(counts);
  });

  test('a resolved crisis channel is still a crisis channel (roles answer there)', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Done soon');
    await commandWithReply(h, ALICE, crisis.channelId, 'resolve Fixed');
    expect(ackText(await crisisCommand(h, ALICE, crisis.channelId, 'roles'))).toContain(`*Crisis lead:* <@${ALICE}>`);
  });
});
