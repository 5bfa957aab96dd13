/** Atlassian Statuspage against a local fake built from their API docs: create, update, resolve, status mapping, failures, and no doubles after a lost answer. */
import { afterAttempt, idempotencyKey, newDelivery, type AttemptResult } from '../../../src/features/publishing/outbox-rules';
import { StatuspageClient, statuspageStatus, type StatuspagePublish } from '../../../src/features/publishing/statuspage-client';
import { PUBLIC_STATES } from '../../../src/features/publishing/status-page-model';
import { FakeStatuspage } from '../../fakes/statuspage-fake';

let fake: FakeStatuspage;
let client: StatuspageClient;

beforeEach(async () => {
  fake = new FakeStatuspage();
  await fake.start();
  client = new StatuspageClient({ baseUrl: fake.apiUrl, apiKey: fake.apiKey, pageId: fake.pageId, timeoutMs: 2000 });
});

afterEach(() => fake.stop());

const first = (over: Partial<StatuspagePublish> = {}): StatuspagePublish => ({
  incidentId: null,
  name: 'Payment problems',
  status: 'investigating',
  body: 'We are looking into failed card payments.',
  idempotencyKey: idempotencyKey('statement:1', 'statuspage'),
  retrying: false,
  ...over,
});

function ref(result: AttemptResult): string {
  if (!result.ok || result.ref === null) throw new Error(`not delivered: ${JSON.stringify(result)}`);
  return result.ref;
}

it('maps each crisis status to Statuspage’s incident status', () => {
  expect(PUBLIC_STATES.map(statuspageStatus)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
});

it('creates the incident on the first statement: POST /v1/pages/{page_id}/incidents, OAuth key, JSON under "incident"', async () => {
  const id = ref(await client.publish(first()));
  const [call] = fake.calls;
  expect(call?.method).toBe('POST');
  expect(call?.path).toBe(`/v1/pages/${fake.pageId}/incidents`);
  expect(call?.headers.authorization).toBe(`OAuth ${fake.apiKey}`);
  expect(call?.headers['idempotency-key']).toBe(first().idempotencyKey);
  expect(JSON.parse(call?.body ?? '')).toEqual({ incident: { name: 'Payment problems', status: 'investigating', body: 'We are looking into failed card payments.', deliver_notifications: true } });
  expect(fake.incidents.get(id)).toMatchObject({ name: 'Payment problems', status: 'investigating', incident_updates: [{ body: 'We are looking into failed card payments.' }] });
});

it('adds an update on each later statement (PATCH incident[body], incident[status]) and resolves it with the crisis', async () => {
  const id = ref(await client.publish(first()));
  const second = await client.publish(first({ incidentId: id, status: 'identified', body: 'The cause is found.', idempotencyKey: idempotencyKey('statement:2', 'statuspage') }));
  expect(second).toEqual({ ok: true, ref: id });
  const patch = fake.callsTo('PATCH', /incidents\//)[0];
  expect(patch?.path).toBe(`/v1/pages/${fake.pageId}/incidents/${id}`);
  expect(JSON.parse(patch?.body ?? '')).toEqual({ incident: { name: 'Payment problems', status: 'identified', body: 'The cause is found.' } });
  expect(await client.resolve({ incidentId: id, idempotencyKey: idempotencyKey('resolve:9', 'statuspage'), retrying: false })).toEqual({ ok: true, ref: id });
  const incident = fake.incidents.get(id);
  expect(incident?.status).toBe('resolved');
  expect(incident?.resolved_at).not.toBeNull();
  // Newest first, as Statuspage lists them.
  expect(incident?.incident_updates.map((u) => [u.status, u.body])).toEqual([
    ['resolved', ''],
    ['identified', 'The cause is found.'],
    ['investigating', 'We are looking into failed card payments.'],
  ]);
  expect(fake.incidents.size).toBe(1);
});

it('a wrong key is 401, final; a 500, a 429 with Retry-After and Statuspage’s 420 are retried', async () => {
  const wrong = new StatuspageClient({ baseUrl: fake.apiUrl, apiKey: 'wrong', pageId: fake.pageId });
  const refused = await wrong.publish(first());
  expect(refused).toEqual({ ok: false, failure: { kind: 'http', status: 401, message: expect.stringContaining('Could not authenticate') } });
  expect(afterAttempt(newDelivery(new Date().toISOString()), refused, new Date()).state).toBe('failed');
  fake.failNext(1, { status: 500 }).failNext(1, { status: 429, retryAfter: '3' }).failNext(1, { status: 420 });
  for (const status of [500, 429, 420]) {
    const r = await client.publish(first());
    expect(r).toMatchObject({ ok: false, failure: { kind: 'http', status } });
    expect(afterAttempt(newDelivery(new Date().toISOString()), r, new Date()).state).toBe('retrying');
  }
  expect(fake.calls.at(-2)?.status).toBe(429);
  expect(fake.incidents.size).toBe(0);
});

it('an unknown page or a deleted incident is 404, final', async () => {
  const other = new StatuspageClient({ baseUrl: fake.apiUrl, apiKey: fake.apiKey, pageId: 'nopage' });
  expect(await other.publish(first())).toMatchObject({ ok: false, failure: { kind: 'http', status: 404 } });
  expect(await client.publish(first({ incidentId: 'gone' }))).toMatchObject({ ok: false, failure: { kind: 'http', status: 404 } });
});

it('a 2xx without an incident is retried, said plainly', async () => {
  fake.failNext(1, { status: 200, body: 'ok' });
  expect(await client.publish(first())).toEqual({ ok: false, failure: { kind: 'http', status: 502, message: expect.stringContaining('without an incident') } });
});

it('after a create whose answer was lost, the retry finds the incident instead of making a second', async () => {
  fake.failNext(1, { loseAnswer: true });
  const lost = await client.publish(first());
  expect(lost).toMatchObject({ ok: false, failure: { kind: 'network' } });
  expect(fake.incidents.size).toBe(1);
  const retry = await client.publish(first({ retrying: true }));
  expect(retry).toEqual({ ok: true, ref: [...fake.incidents.keys()][0] });
  expect(fake.incidents.size).toBe(1);
  expect(fake.callsTo('POST', /incidents$/)).toHaveLength(1);
});

it('a retry creates when nothing was made, and an open incident of the same name without our text is not taken', async () => {
  const someoneElses = ref(await client.publish(first({ body: 'Posted by hand on Statuspage.' })));
  const made = ref(await client.publish(first({ retrying: true })));
  expect(made).not.toBe(someoneElses);
  expect(fake.incidents.size).toBe(2);
});

it('after an update whose answer was lost, the retry sees it there and does not add it again', async () => {
  const id = ref(await client.publish(first()));
  const later = first({ incidentId: id, status: 'monitoring', body: 'A fix is out; we are watching.', idempotencyKey: idempotencyKey('statement:2', 'statuspage') });
  fake.failNext(1, { loseAnswer: true });
  expect((await client.publish(later)).ok).toBe(false);
  expect(await client.publish({ ...later, retrying: true })).toEqual({ ok: true, ref: id });
  expect(fake.incidents.get(id)?.incident_updates.filter((u) => u.body === later.body)).toHaveLength(1);
  // And a resolution retried after a lost answer is not sent twice.
  fake.failNext(1, { loseAnswer: true });
  expect((await client.resolve({ incidentId: id, idempotencyKey: 'k', retrying: false })).ok).toBe(false);
  expect(await client.resolve({ incidentId: id, idempotencyKey: 'k', retrying: true })).toEqual({ ok: true, ref: id });
  expect(fake.callsTo('PATCH', /incidents\//)).toHaveLength(2);
});
