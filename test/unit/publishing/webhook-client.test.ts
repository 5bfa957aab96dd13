/** Publishing webhooks against a receiver that checks the signature itself: the contract's JSON, the signature, the Idempotency-Key, failures as the outbox reads them. */
import { verifySignature } from '../../../src/http/webhook-signature';
import { afterAttempt, idempotencyKey, isDue, newDelivery, type DeliveryProgress } from '../../../src/features/publishing/outbox-rules';
import { PublishWebhookClient, webhookPayload, WebhookPayloadSchema } from '../../../src/features/publishing/webhook-client';
import { FakeWebhookReceiver } from '../../fakes/webhook-receiver';

const SECRET = 'publish-secret-of-some-length';
const KEY = idempotencyKey('statement:812', 'webhook:crm');
const statement = {
  number: 3,
  publicName: 'Payment problems',
  audience: 'customers',
  text: 'Card payments are failing for some customers. Next update by 11:00 "CET" & <soon>.',
  publishedAt: '2026-12-07T09:50:00+01:00',
  nextBy: '2026-12-07T10:00:00Z',
};

let receiver: FakeWebhookReceiver;
let client: PublishWebhookClient;

beforeEach(async () => {
  receiver = new FakeWebhookReceiver(SECRET);
  await receiver.start();
  client = new PublishWebhookClient({ url: `${receiver.url}/hooks/crisis`, secret: SECRET, timeoutMs: 2000 });
});

afterEach(() => receiver.stop());

it('POSTs the contract’s JSON, signed over "<ts>.<body>", with the Idempotency-Key', async () => {
  const payload = webhookPayload(statement);
  expect(payload).toEqual({
    statement: 'S3',
    crisis: 'Payment problems',
    audience: 'customers',
    text: statement.text,
    published_at: '2026-12-07T08:50:00.000Z',
    next_by: '2026-12-07T10:00:00.000Z',
  });
  expect(WebhookPayloadSchema.parse(payload)).toEqual(payload);
  expect(await client.deliver(payload, KEY)).toEqual({ ok: true, ref: null });
  expect(receiver.statements).toEqual([{ idempotencyKey: KEY, payload }]);
  const [call] = receiver.calls;
  expect(call?.path).toBe('/hooks/crisis');
  expect(call?.headers['content-type']).toBe('application/json; charset=utf-8');
  // The bot's own checker of /hooks/volume accepts it too: one scheme both ways.
  const check = verifySignature({
    secret: SECRET,
    timestamp: String(call?.headers['x-crisis-timestamp']),
    signature: String(call?.headers['x-crisis-signature']),
    body: Buffer.from(call?.body ?? ''),
    nowMs: Date.now(),
  });
  expect(check).toEqual({ ok: true });
});

it('sends next_by as null for a statement that promises nothing', async () => {
  const payload = webhookPayload({ ...statement, nextBy: null });
  expect(await client.deliver(payload, KEY)).toEqual({ ok: true, ref: null });
  expect(receiver.statements[0]?.payload.next_by).toBeNull();
});

it('a receiver with another secret refuses it: 401, which is final', async () => {
  const wrong = new PublishWebhookClient({ url: receiver.url, secret: 'another-secret-entirely', timeoutMs: 2000 });
  const result = await wrong.deliver(webhookPayload(statement), KEY);
  expect(result).toEqual({ ok: false, failure: { kind: 'http', status: 401, message: expect.stringContaining('answered 401') } });
  expect(afterAttempt(newDelivery(new Date().toISOString()), result, new Date()).state).toBe('failed');
  expect(receiver.statements).toEqual([]);
});

it('signs each attempt afresh: a retry an hour later is not refused as stale', async () => {
  let now = Date.now() - 3_600_000;
  const late = new PublishWebhookClient({ url: receiver.url, secret: SECRET, nowMs: () => now, timeoutMs: 2000 });
  expect((await late.deliver(webhookPayload(statement), KEY)).ok).toBe(false);
  now = Date.now();
  expect(await late.deliver(webhookPayload(statement), KEY)).toEqual({ ok: true, ref: null });
});

it('reads 429 with Retry-After, 5xx, a dropped connection, a timeout and a redirect as the outbox needs', async () => {
  receiver.failNext(1, { status: 429, retryAfter: '7' }).failNext(1, { status: 503 }).failNext(1, { drop: true }).failNext(1, { hang: true }).failNext(1, { status: 302 });
  const quick = new PublishWebhookClient({ url: receiver.url, secret: SECRET, timeoutMs: 300 });
  const payload = webhookPayload(statement);
  expect(await quick.deliver(payload, KEY)).toEqual({ ok: false, failure: { kind: 'http', status: 429, retryAfterSeconds: 7, message: expect.stringContaining('429') } });
  expect(await quick.deliver(payload, KEY)).toMatchObject({ ok: false, failure: { kind: 'http', status: 503 } });
  expect(await quick.deliver(payload, KEY)).toMatchObject({ ok: false, failure: { kind: 'network', message: expect.stringContaining('no answer from 127.0.0.1') } });
  expect(await quick.deliver(payload, KEY)).toMatchObject({ ok: false, failure: { kind: 'network', message: expect.stringContaining('did not answer within 300 ms') } });
  expect(await quick.deliver(payload, KEY)).toMatchObject({ ok: false, failure: { kind: 'http', status: 302, message: expect.stringContaining('redirect') } });
  expect(receiver.statements).toEqual([]);
});

it('a receiver that is down is a network failure, not a crash', async () => {
  const url = receiver.url;
  await receiver.stop();
  const result = await new PublishWebhookClient({ url, secret: SECRET, timeoutMs: 2000 }).deliver(webhookPayload(statement), KEY);
  expect(result).toMatchObject({ ok: false, failure: { kind: 'network', message: expect.stringContaining('ECONNREFUSED') } });
});

/** What the ticker will do: attempt when due, record the outcome, until settled. */
async function runOutbox(send: () => Promise<Parameters<typeof afterAttempt>[1]>, start: number): Promise<DeliveryProgress> {
  let d = newDelivery(new Date(start).toISOString());
  let now = start;
  while (d.state === 'pending' || d.state === 'retrying') {
    expect(isDue(d, new Date(now))).toBe(true);
    d = afterAttempt(d, await send(), new Date(now), () => 0.5);
    if (d.nextAttemptAt) now = Date.parse(d.nextAttemptAt);
  }
  return d;
}

it('with a receiver failing twice then answering, the statement arrives exactly once', async () => {
  receiver.failNext(1, { status: 500 }).failNext(1, { status: 429, retryAfter: '1' });
  const payload = webhookPayload(statement);
  const done = await runOutbox(() => client.deliver(payload, KEY), Date.now());
  expect(done).toMatchObject({ state: 'delivered', attempts: 3 });
  expect(receiver.calls.map((c) => c.status)).toEqual([500, 429, 200]);
  expect(receiver.statements).toHaveLength(1);
});

it('an answer lost after the receiver acted: the retry carries the same key, so the receiver acts once', async () => {
  receiver.failNext(1, { loseAnswer: true });
  const payload = webhookPayload(statement);
  const done = await runOutbox(() => client.deliver(payload, KEY), Date.now());
  expect(done).toMatchObject({ state: 'delivered', attempts: 2 });
  expect(receiver.accepted).toHaveLength(2);
  expect(new Set(receiver.accepted.map((a) => a.idempotencyKey))).toEqual(new Set([KEY]));
  expect(receiver.statements).toHaveLength(1);
});
