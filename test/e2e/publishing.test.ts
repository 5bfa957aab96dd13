/**
 * Issue 20, publishing end to end: the real bot, the Slack emulator, and local fakes of Statuspage,
 * Zendesk and a webhook receiver. A statement published to every target reaches each exactly once
 * though each fails twice first and the bot restarts in between; the statement's message shows
 * each target's state; a delivery that gives up is told in the channel and to the spokesperson;
 * resolving resolves the Statuspage incident and deactivates the macro; an approved FAQ answer
 * refreshes the macro; a target that is not set up is refused with nothing changed.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { LEASE_MS, WebhookPayloadSchema } from '../../src/features/publishing';
import { ALICE, BOB, CAROL, ERIN, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { FakeStatuspage } from '../fakes/statuspage-fake';
import { FakeWebhookReceiver } from '../fakes/webhook-receiver';
import { FakeZendesk } from '../fakes/zendesk-fake';
import { clickOnStatement, crisisCommand, crisisWith, nextTold, openModal, statement, statementMessage, statementRows, textOf } from './statement-helpers';

const START = '2026-03-05T09:00:00.000Z';
const SECRET = 'publish-secret-0123456789';
const TEXT = 'Some card payments fail at checkout. We are working on it and will update you by 10:00 UTC.';

let h: Harness;
let clock: ManualClock;
let statuspage: FakeStatuspage;
let zendesk: FakeZendesk;
let receiver: FakeWebhookReceiver;

beforeEach(async () => {
  clock = new ManualClock(new Date(START));
  statuspage = new FakeStatuspage();
  zendesk = new FakeZendesk();
  receiver = new FakeWebhookReceiver(SECRET, () => clock.now().getTime());
  await Promise.all([statuspage.start(), zendesk.start(), receiver.start()]);
  h = await startHarness({
    clock,
    env: {
      CRISIS_PUBLISH_WEBHOOKS: `press=${receiver.url}/crisis, broken=${zendesk.url}/not-a-webhook`,
      CRISIS_PUBLISH_SECRET: SECRET,
      STATUSPAGE_API_KEY: statuspage.apiKey,
      STATUSPAGE_PAGE_ID: statuspage.pageId,
      STATUSPAGE_API_URL: statuspage.apiUrl,
      ZENDESK_URL: zendesk.url,
      ZENDESK_EMAIL: zendesk.email,
      ZENDESK_API_TOKEN: zendesk.apiToken,
    },
  });
});

afterEach(async () => {
  await h.close();
  await Promise.all([statuspage.stop(), zendesk.stop(), receiver.stop()]);
});

/** A crisis with BOB as spokesperson and CAROL as legal, and S1 approved. */
async function approvedS1(title = 'outage: Acme PSP timeouts after their deploy'): Promise<Crisis> {
  const crisis = await crisisWith(h, `declare ${title}`, { [BOB]: 'spokesperson', [CAROL]: 'legal' });
  await crisisCommand(h, BOB, crisis.channelId, `statement ${TEXT}`);
  expect((await crisisCommand(h, CAROL, crisis.channelId, 'approve S1')).text).toContain('S1 approved');
  return crisis;
}

async function tickPublishing(minutes: number): Promise<void> {
  clock.set(new Date(clock.now().getTime() + minutes * 60_000));
  await h.bot.services.publishing.tick();
  await h.settled();
}

function deliveryStates(crisis: Crisis): Record<string, string> {
  return Object.fromEntries(h.bot.store.outbox.ofCrisis(crisis.id).map((d) => [d.target, d.state]));
}

it('delivers to each target exactly once though each fails twice and the bot restarts in between; the message shows each state', async () => {
  const crisis = await approvedS1();
  expect((await crisisCommand(h, ALICE, crisis.channelId, 'public-name Payment problems')).text).toContain('Payment problems');
  statuspage.failNext(2, { status: 503 });
  zendesk.failNext(1, { status: 500 }).failNext(1, { drop: true });
  receiver.failNext(1, { status: 502 }).failNext(1, { loseAnswer: true });

  const published = await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status-page, statuspage, zendesk, press');
  expect(published.text).toContain('S1 marked published');
  expect(published.text).toContain('It is on the status page now; delivering to Statuspage, Zendesk macro, Webhook press');
  await h.settled();
  // The first attempts went out at once and failed.
  expect(deliveryStates(crisis)).toEqual({ 'status-page': 'delivered', statuspage: 'retrying', zendesk: 'retrying', 'webhook:press': 'retrying' });
  let message = textOf(await statementMessage(h, crisis, 1));
  expect(message).toContain('Status page*: on the page since');
  expect(message).toMatch(/Statuspage\*: retrying \(127\.0\.0\.1:\d+ answered 503/);
  expect(message).toContain('Webhook press*: retrying');

  await h.restartBot();
  await tickPublishing(2);
  // Second attempts: 503 again, a dropped connection, an answer lost after the receiver acted.
  expect(Object.values(deliveryStates(crisis)).filter((s) => s === 'retrying')).toHaveLength(3);
  await tickPublishing(5);
  expect(deliveryStates(crisis)).toEqual({ 'status-page': 'delivered', statuspage: 'delivered', zendesk: 'delivered', 'webhook:press': 'delivered' });

  // Exactly once each: one incident with the text once, one macro, one statement acted on.
  expect(statuspage.incidents.size).toBe(1);
  const incident = [...statuspage.incidents.values()][0];
  expect(incident?.name).toBe('Payment problems');
  expect(incident?.incident_updates.filter((u) => u.body === TEXT)).toHaveLength(1);
  expect(zendesk.macros.size).toBe(1);
  const macro = [...zendesk.macros.values()][0];
  expect(macro?.title).toBe('Payment problems');
  expect(JSON.stringify(macro?.actions)).toContain(TEXT.slice(0, 40));
  expect(receiver.statements).toHaveLength(1);
  const keys = new Set(receiver.accepted.map((a) => a.idempotencyKey));
  expect(keys.size).toBe(1);
  const payload = WebhookPayloadSchema.parse(receiver.statements[0]?.payload);
  const s1 = statement(h, crisis, 1);
  expect(payload).toEqual({ statement: 'S1', crisis: 'Payment problems', audience: 'customers', text: TEXT, published_at: s1.publishedAt, next_by: s1.promiseDueAt });
  // Nothing carries the internal title.
  for (const call of [...statuspage.calls, ...zendesk.calls, ...receiver.calls]) expect(call.body).not.toContain('Acme');

  message = textOf(await statementMessage(h, crisis, 1));
  expect(message).toMatch(/Statuspage\*: delivered .* UTC after 3 attempts/);
  expect(message).toMatch(/Zendesk macro\*: delivered .* after 3 attempts/);
  expect(message).toMatch(/Webhook press\*: delivered .* after 3 attempts/);

  // Later ticks send nothing more.
  const calls = statuspage.calls.length + zendesk.calls.length + receiver.calls.length;
  await tickPublishing(120);
  expect(statuspage.calls.length + zendesk.calls.length + receiver.calls.length).toBe(calls);

  const listed = await crisisCommand(h, BOB, crisis.channelId, 'deliveries');
  expect(listed.text).toContain('Deliveries (4)');
  const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
  expect(metrics).toContain('crisis_bot_publish_deliveries{target="statuspage",state="delivered"} 1');
  expect(metrics).toContain('crisis_bot_publish_deliveries{target="webhook:press",state="delivered"} 1');
});

it('a sender that died holding its claim, or whose answer was lost, never makes a second incident', async () => {
  const crisis = await approvedS1();
  // The create is done by Statuspage but its answer is lost.
  statuspage.failNext(1, { loseAnswer: true });
  await crisisCommand(h, BOB, crisis.channelId, 'publish S1 statuspage');
  await h.settled();
  expect(deliveryStates(crisis)).toEqual({ statuspage: 'retrying' });
  expect(statuspage.incidents.size).toBe(1);
  // Another sender claims it and dies before settling: the row stays held until its lease lapses.
  const row = h.bot.store.outbox.ofCrisis(crisis.id)[0]!;
  clock.set(new Date(Date.parse(row.nextAttemptAt ?? '') + 1000));
  expect(h.bot.store.outbox.claim(row.id, new Date(clock.now().getTime() + LEASE_MS).toISOString(), clock.now().toISOString())).toBe(true);
  await tickPublishing(0);
  expect(statuspage.calls).toHaveLength(1);
  await tickPublishing(LEASE_MS / 60_000 + 1);
  expect(deliveryStates(crisis)).toEqual({ statuspage: 'delivered' });
  expect(statuspage.incidents.size).toBe(1);
  // It looked before writing: one POST in all.
  expect(statuspage.callsTo('POST', /incidents$/)).toHaveLength(1);
});

it('a delivery refused for good is told once in the channel and to the spokesperson by DM', async () => {
  const crisis = await approvedS1();
  await crisisCommand(h, BOB, crisis.channelId, 'publish S1 broken');
  await h.settled();
  expect(deliveryStates(crisis)).toEqual({ 'webhook:broken': 'failed' });
  const notices = (channel: string) => (channel === BOB ? h.emu.dmsTo(BOB) : h.emu.messages(channel)).filter((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'delivery_failed'));
  expect(notices(crisis.channelId)).toHaveLength(1);
  const said = textOf(notices(crisis.channelId)[0]!);
  expect(said).toContain(`<@${BOB}>`);
  expect(said).toContain('S1 could not be delivered to *Webhook broken*');
  expect(said).toContain('answered 401');
  await h.emu.waitFor(() => notices(BOB)[0]);
  expect(textOf(await statementMessage(h, crisis, 1))).toContain('Webhook broken*: failed');
  // Told once: later ticks and a restart say nothing more.
  await h.restartBot();
  await tickPublishing(60);
  expect(notices(crisis.channelId)).toHaveLength(1);
  expect(notices(BOB)).toHaveLength(1);
});

it('a target that keeps failing gives up after 24 hours, and says so', async () => {
  const crisis = await approvedS1();
  receiver.failNext(100, { status: 503 });
  await crisisCommand(h, BOB, crisis.channelId, 'publish S1 press');
  await h.settled();
  for (let hour = 0; hour < 23; hour += 1) await tickPublishing(60);
  expect(deliveryStates(crisis)).toEqual({ 'webhook:press': 'retrying' });
  await tickPublishing(61);
  expect(deliveryStates(crisis)).toEqual({ 'webhook:press': 'failed' });
  const notice = h.emu.messages(crisis.channelId).find((m) => textOf(m).includes('could not be delivered to *Webhook press*'));
  expect(notice).toBeDefined();
  expect(receiver.statements).toHaveLength(0);
});

it('a delivery whose 24 hours passed while the bot was down is not sent late: it gives up, and says so', async () => {
  const crisis = await approvedS1();
  receiver.failNext(1, { status: 503 });
  await crisisCommand(h, BOB, crisis.channelId, 'publish S1 press');
  await h.settled();
  expect(deliveryStates(crisis)).toEqual({ 'webhook:press': 'retrying' });
  await h.stopBot();
  clock.set(new Date(clock.now().getTime() + 25 * 60 * 60_000));
  await h.restartBot();
  await tickPublishing(0);
  expect(deliveryStates(crisis)).toEqual({ 'webhook:press': 'failed' });
  expect(receiver.calls).toHaveLength(1);
  expect(h.emu.messages(crisis.channelId).some((m) => textOf(m).includes('could not be delivered to *Webhook press*'))).toBe(true);
});

it('resolving resolves the Statuspage incident and deactivates the macro; an approved FAQ answer refreshes the macro', async () => {
  const crisis = await approvedS1();
  await crisisCommand(h, BOB, crisis.channelId, 'publish S1 statuspage, zendesk');
  await h.settled();
  expect(deliveryStates(crisis)).toEqual({ statuspage: 'delivered', zendesk: 'delivered' });
  await crisisCommand(h, ALICE, crisis.channelId, `assign <@${ERIN}> support`);
  await crisisCommand(h, ALICE, crisis.channelId, 'faq add Was I charged twice? | No: a failed payment is never taken.');
  const proposed = h.bot.store.faq.list(crisis.id).find((f) => f.state === 'proposed');
  await crisisCommand(h, CAROL, crisis.channelId, `approve F${proposed?.number ?? 0}`);
  await tickPublishing(1);
  // The support rep's FAQ DM says the macro is current.
  const dm = await h.emu.waitFor(() => h.emu.dmsTo(ERIN).find((m) => textOf(m).includes('Was I charged twice?')));
  expect(textOf(dm)).toContain('Zendesk macro is current');
  const macro = [...zendesk.macros.values()][0];
  expect(JSON.stringify(macro?.actions)).toContain('Was I charged twice?');
  expect(zendesk.macros.size).toBe(1);

  await crisisCommand(h, ALICE, crisis.channelId, 'resolve Fixed by the provider');
  await h.settled();
  await tickPublishing(1);
  expect([...statuspage.incidents.values()][0]?.status).toBe('resolved');
  expect([...zendesk.macros.values()][0]?.active).toBe(false);
  const calls = statuspage.calls.length + zendesk.calls.length;
  await tickPublishing(10);
  expect(statuspage.calls.length + zendesk.calls.length).toBe(calls);
});

it('a drill delivers nothing; a bare publish delivers nothing and offers the targets', async () => {
  await crisisCommand(h, ALICE, GENERAL, 'drill outage: Practice run');
  const drill = await h.emu.waitFor(() => h.bot.store.crises.listOpen().find((c) => c.isDrill));
  await h.settled();
  for (const [user, role] of [[BOB, 'spokesperson'], [CAROL, 'legal']] as const) await crisisCommand(h, ALICE, drill.channelId, `assign <@${user}> ${role}`);
  await crisisCommand(h, BOB, drill.channelId, `statement ${TEXT}`);
  await crisisCommand(h, CAROL, drill.channelId, 'approve S1');
  const reply = await crisisCommand(h, BOB, drill.channelId, 'publish S1 status-page, press');
  expect(reply.text).toContain('This is a drill: recorded only, nothing delivered');
  await h.settled();
  expect(h.bot.store.outbox.ofCrisis(drill.id)).toEqual([]);
  expect(receiver.calls).toHaveLength(0);

  await h.restartBot();
  const crisis = await approvedS1();
  // A bare publish records the audience and offers the targets; nothing is delivered.
  const recorded = await crisisCommand(h, BOB, crisis.channelId, 'publish S1');
  expect(recorded.text).toContain('S1 marked published (Customers).');
  expect(recorded.text).toContain('Nothing was delivered: the bot delivers to `status-page`, `statuspage`, `zendesk`, `press`, `broken` when named, e.g. `/crisis publish S&lt;n&gt; status-page`.');
  expect(h.bot.store.outbox.ofCrisis(crisis.id)).toEqual([]);
});

it('publishing to a target that is not set up changes nothing and says which setting is missing', async () => {
  await h.close();
  h = await startHarness({ clock, env: { CRISIS_STATUS_PAGE: 'off' } });
  const crisis = await approvedS1();
  const rows = statementRows(h);
  const refused = await crisisCommand(h, BOB, crisis.channelId, 'publish S1 statuspage');
  expect(refused.text).toContain('Statuspage is not set up here (STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID)');
  expect(refused.text).toContain('Nothing changed.');
  const off = await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status-page');
  expect(off.text).toContain('the status page is off here');
  expect(statementRows(h)).toEqual(rows);
  expect(statement(h, crisis, 1).state).toBe('approved');
});

it('the Publish button offers the configured targets with the audience\'s default ticked, and delivers to what is ticked', async () => {
  const crisis = await approvedS1();
  await clickOnStatement(h, crisis, 1, BOB, 'statement_publish');
  const modal = await openModal(h, BOB, 'statement_publish_modal');
  const checkboxes = (modal.payload.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }>; initial_options?: Array<{ value: string }> } }>).find((b) => b.block_id === 'statement_targets');
  expect(checkboxes?.element?.options?.map((o) => o.value)).toEqual(['status-page', 'statuspage', 'zendesk', 'press', 'broken']);
  expect(checkboxes?.element?.initial_options?.map((o) => o.value)).toEqual(['status-page']);
  const said = await nextTold(h, BOB, () => h.driver.submitView({ userId: BOB, viewId: modal.id, values: { statement_targets: ['status-page', 'press'], statement_where: 'App banner' } }));
  expect(said).toContain('S1 marked published (status-page, press, App banner)');
  await h.settled();
  expect(deliveryStates(crisis)).toEqual({ 'status-page': 'delivered', 'webhook:press': 'delivered' });
  expect(receiver.statements).toHaveLength(1);
  expect(statuspage.calls).toHaveLength(0);
});
