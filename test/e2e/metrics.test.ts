/**
 * GET /metrics in the Prometheus text format, after a few commands: requests by kind and outcome
 * (refusals before Bolt included), the ack latency histogram, Web API calls and failures by method,
 * reminders sent and open crises. Each bot has its own registry: a second bot in the same process
 * counts nothing of the first's.
 */
import { ALICE, BOB, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { declare, reply } from './fixtures/crisis-steps';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function scrape(harness: Harness): Promise<{ contentType: string | null; text: string }> {
  const res = await fetch(`http://127.0.0.1:${harness.bot.port}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line, e.g. `crisis_bot_requests_total{kind="command",outcome="ok"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('counts what happened, in the Prometheus text format', async () => {
  const crisis = await declare(h, ALICE, GENERAL, 'Checkout is down', 'sev1');
  await reply(h, ALICE, crisis.channelId, `assign <@${BOB}> info`);
  h.emu.failNext('chat.postMessage', 'fatal_error', 1, (args) => args.channel === crisis.channelId);
  await reply(h, ALICE, crisis.channelId, 'status identified');
  await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'help' });
  // Refused before Bolt: a bad signature and a body that is not a Slack request.
  await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'list', signatureOverride: 'v0=bad' });
  await h.driver.raw({ body: 'null', contentType: 'application/json' });
  // A Slack retry of an event already handled.
  const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text: 'error rate back to normal' });
  const first = await h.driver.reactionAdded({ userId: ALICE, channelId: crisis.channelId, ts, reaction: 'pushpin' });
  await h.emu.waitFor(() => h.emu.calls('reactions.add').length === 1);
  await h.driver.reactionAdded({ userId: ALICE, channelId: crisis.channelId, ts, reaction: 'pushpin' }, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
  // A reminder falls due.
  h.clock.advanceMinutes(31);
  expect(await h.bot.services.reminders.tick()).toMatchObject({ sent: 1 });
  await h.settled();

  const { contentType, text } = await scrape(h);
  expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(text).toContain('# TYPE crisis_bot_requests_total counter');
  expect(sample(text, 'crisis_bot_requests_total{kind="command",outcome="ok"}')).toBe(4);
  expect(sample(text, 'crisis_bot_requests_total{kind="event",outcome="ok"}')).toBe(1);
  expect(sample(text, 'crisis_bot_requests_total{kind="event",outcome="duplicate"}')).toBe(1);
  expect(sample(text, 'crisis_bot_requests_total{kind="invalid",outcome="unauthorized"}')).toBe(1);
  expect(sample(text, 'crisis_bot_requests_total{kind="invalid",outcome="bad_request"}')).toBe(1);

  expect(text).toContain('# TYPE crisis_bot_ack_seconds histogram');
  expect(sample(text, 'crisis_bot_ack_seconds_count{kind="command"}')).toBe(4);
  expect(sample(text, 'crisis_bot_ack_seconds_bucket{le="3",kind="command"}')).toBe(4);
  // Every event is acked, the bot's own pin_added too, which Bolt then drops (ignoreSelf) uncounted.
  expect(sample(text, 'crisis_bot_ack_seconds_count{kind="event"}')).toBe(3);

  expect(sample(text, 'crisis_bot_slack_api_calls_total{method="conversations.create"}')).toBe(1);
  expect(sample(text, 'crisis_bot_slack_api_calls_total{method="pins.add"}')).toBe(1);
  expect(sample(text, 'crisis_bot_slack_api_calls_total{method="auth.test"}')).toBe(1);
  expect(sample(text, 'crisis_bot_slack_api_calls_total{method="chat.postMessage"}')).toBe(h.emu.calls('chat.postMessage').length);
  expect(sample(text, 'crisis_bot_slack_api_failures_total{method="chat.postMessage",error="fatal_error"}')).toBe(1);
  expect(sample(text, 'crisis_bot_slack_api_failures_total{method="pins.add",error="fatal_error"}')).toBeUndefined();

  expect(sample(text, 'crisis_bot_reminders_sent_total{overdue="false"}')).toBe(1);
  expect(sample(text, 'crisis_bot_open_crises')).toBe(1);
  expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  // Counts and method names only: nothing about the crisis itself.
  expect(text).not.toContain('Checkout');
  expect(text).not.toContain(crisis.channelId);
});

test('each bot has its own registry', async () => {
  await declare(h, ALICE, GENERAL, 'Only in the first bot');
  const other = await startHarness();
  try {
    const { text } = await scrape(other);
    expect(sample(text, 'crisis_bot_open_crises')).toBe(0);
    expect(sample(text, 'crisis_bot_requests_total{kind="command",outcome="ok"}')).toBeUndefined();
    expect(sample(text, 'crisis_bot_slack_api_calls_total{method="conversations.create"}')).toBeUndefined();
    expect(sample((await scrape(h)).text, 'crisis_bot_open_crises')).toBe(1);
  } finally {
    await other.close();
  }
});

test('a resolved crisis leaves the open count; a failed database read still answers the scrape', async () => {
  const crisis = await declare(h, ALICE, GENERAL, 'Short-lived');
  expect(sample((await scrape(h)).text, 'crisis_bot_open_crises')).toBe(1);
  await reply(h, ALICE, crisis.channelId, 'resolve Fixed');
  expect(sample((await scrape(h)).text, 'crisis_bot_open_crises')).toBe(0);
  h.bot.db.close();
  const { text } = await scrape(h);
  expect(text).toContain('crisis_bot_open_crises');
});
