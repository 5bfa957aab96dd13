/** Zendesk macros against a local fake built from their API docs: one shared macro per crisis, created then replaced in place, deactivated at the end. */
import { afterAttempt, idempotencyKey, newDelivery, type AttemptResult, type DeliveryProgress } from '../../../src/features/publishing/outbox-rules';
import { keepLiteral, macroComment, ZendeskMacroClient, type MacroUpsert } from '../../../src/features/publishing/zendesk-client';
import { FakeZendesk } from '../../fakes/zendesk-fake';

let fake: FakeZendesk;
let client: ZendeskMacroClient;

beforeEach(async () => {
  fake = new FakeZendesk();
  await fake.start();
  client = new ZendeskMacroClient({ baseUrl: fake.url, email: fake.email, apiToken: fake.apiToken, timeoutMs: 2000 });
});

afterEach(() => fake.stop());

const FAQ = [
  { question: 'Was I charged twice?', answer: 'No. A second charge is only held and is released within 3 days.' },
  { question: 'Can I pay another way?', answer: 'Yes: PayPal works normally.' },
];

const upsert = (over: Partial<MacroUpsert> = {}): MacroUpsert => ({
  macroId: null,
  title: 'Payment problems',
  comment: macroComment({ latest: { text: 'Card payments fail for some customers.', publishedAt: '2026-12-07T09:50:00Z' }, faq: FAQ, timeZone: 'Europe/Paris' }),
  marker: 'crisis-9',
  idempotencyKey: idempotencyKey('statement:1', 'zendesk'),
  retrying: false,
  ...over,
});

function ref(result: AttemptResult): string {
  if (!result.ok || result.ref === null) throw new Error(`not delivered: ${JSON.stringify(result)}`);
  return result.ref;
}

it('writes the reply: the latest statement with its time, then each approved answer under its question', () => {
  expect(upsert().comment).toBe(
    'Latest update (7 Dec 2026, 10:50 CET):\nCard payments fail for some customers.\n\n' +
      'Was I charged twice?\nNo. A second charge is only held and is released within 3 days.\n\n' +
      'Can I pay another way?\nYes: PayPal works normally.',
  );
  expect(macroComment({ latest: null, faq: FAQ.slice(0, 1), timeZone: 'UTC' })).toBe('Was I charged twice?\nNo. A second charge is only held and is released within 3 days.');
});

it('keeps text that looks like a Zendesk placeholder as written', () => {
  expect(keepLiteral('plain text')).toBe('plain text');
  expect(keepLiteral('Hello {{ticket.requester.name}}')).toBe('{% raw %}Hello {{ticket.requester.name}}{% endraw %}');
  expect(keepLiteral('a {% endraw %} b {{x}}')).toBe('{% raw %}a { % endraw % } b {{x}}{% endraw %}');
});

it('creates the shared macro (POST /api/v2/macros, basic auth as {email}/token:{api_token}) titled with the public name', async () => {
  const id = ref(await client.upsert(upsert()));
  const [call] = fake.calls;
  expect(call?.method).toBe('POST');
  expect(call?.path).toBe('/api/v2/macros');
  expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.email}/token:${fake.apiToken}`).toString('base64')}`);
  expect(call?.status).toBe(201);
  const body = JSON.parse(call?.body ?? '') as { macro: Record<string, unknown> };
  expect(body.macro).toEqual({
    title: 'Payment problems',
    description: expect.stringContaining('[crisis-9]'),
    active: true,
    actions: [
      { field: 'comment_value', value: upsert().comment },
      { field: 'comment_mode_is_public', value: 'true' },
    ],
  });
  expect(fake.macros.get(Number(id))).toMatchObject({ title: 'Payment problems', active: true });
});

it('replaces it in place on the next statement (PUT /api/v2/macros/{id}), and deactivates it when the crisis resolves', async () => {
  const id = ref(await client.upsert(upsert()));
  const next = macroComment({ latest: { text: 'Payments work again.', publishedAt: '2026-12-07T11:00:00Z' }, faq: FAQ, timeZone: 'UTC' });
  expect(await client.upsert(upsert({ macroId: id, comment: next }))).toEqual({ ok: true, ref: id });
  expect(fake.callsTo('PUT', /^\/api\/v2\/macros\/\d+$/)[0]?.path).toBe(`/api/v2/macros/${id}`);
  expect(fake.macros.size).toBe(1);
  expect(fake.macros.get(Number(id))?.actions[0]).toEqual({ field: 'comment_value', value: next });
  expect(await client.deactivate({ macroId: id, idempotencyKey: idempotencyKey('resolve:9', 'zendesk') })).toEqual({ ok: true, ref: id });
  expect(JSON.parse(fake.calls.at(-1)?.body ?? '')).toEqual({ macro: { active: false } });
  expect(fake.macros.get(Number(id))?.active).toBe(false);
});

it('makes the macro again when an admin deleted it, and counts deactivating a deleted one as done', async () => {
  const id = ref(await client.upsert(upsert()));
  fake.deleteMacro(Number(id));
  const again = ref(await client.upsert(upsert({ macroId: id })));
  expect(again).not.toBe(id);
  expect(fake.macros.size).toBe(1);
  fake.deleteMacro(Number(again));
  expect(await client.deactivate({ macroId: again, idempotencyKey: 'k' })).toEqual({ ok: true, ref: null });
});

it('bad credentials are 401 and a refused macro 422, both final; 429 with Retry-After and 503 are retried', async () => {
  const wrong = new ZendeskMacroClient({ baseUrl: fake.url, email: fake.email, apiToken: 'nope' });
  const refused = await wrong.upsert(upsert());
  expect(refused).toEqual({ ok: false, failure: { kind: 'http', status: 401, message: expect.stringContaining("Couldn't authenticate you") } });
  const blank = await client.upsert(upsert({ title: '  ' }));
  expect(blank).toMatchObject({ ok: false, failure: { kind: 'http', status: 422, message: expect.stringContaining('RecordInvalid') } });
  for (const r of [refused, blank]) expect(afterAttempt(newDelivery(new Date().toISOString()), r, new Date()).state).toBe('failed');
  fake.failNext(1, { status: 429, retryAfter: '10' }).failNext(1, { status: 503 });
  const limited = await client.upsert(upsert());
  expect(limited).toMatchObject({ ok: false, failure: { kind: 'http', status: 429, retryAfterSeconds: 10 } });
  expect(afterAttempt(newDelivery(new Date().toISOString()), await client.upsert(upsert()), new Date()).state).toBe('retrying');
  expect(fake.macros.size).toBe(0);
});

async function runOutbox(send: (retrying: boolean) => Promise<AttemptResult>): Promise<DeliveryProgress> {
  let d = newDelivery('2026-12-07T09:00:00Z');
  while (d.state === 'pending' || d.state === 'retrying') d = afterAttempt(d, await send(d.attempts > 0), new Date(d.nextAttemptAt ?? 0), () => 0.5);
  return d;
}

it('failing twice then answering, the macro is made exactly once', async () => {
  fake.failNext(1, { status: 500 }).failNext(1, { drop: true });
  const done = await runOutbox((retrying) => client.upsert(upsert({ retrying })));
  expect(done).toMatchObject({ state: 'delivered', attempts: 3 });
  expect(fake.macros.size).toBe(1);
  expect(done.ref).toBe(String([...fake.macros.keys()][0]));
});

it('after a create whose answer was lost, the retry finds the macro by its marker and replaces it instead of making a second', async () => {
  fake.failNext(1, { loseAnswer: true });
  const done = await runOutbox((retrying) => client.upsert(upsert({ retrying })));
  expect(done).toMatchObject({ state: 'delivered', attempts: 2 });
  expect(fake.macros.size).toBe(1);
  expect(fake.callsTo('GET', /search$/)[0]?.query.get('query')).toBe('Payment problems');
  expect(fake.callsTo('PUT', /macros\/\d+$/)).toHaveLength(1);
});

it('never takes over a macro a person made with the same title', async () => {
  const mine = new ZendeskMacroClient({ baseUrl: fake.url, email: fake.email, apiToken: fake.apiToken });
  // A person's own macro: same title, no marker.
  await mine.upsert(upsert({ marker: 'someone-else' }));
  const id = ref(await client.upsert(upsert({ retrying: true })));
  expect(fake.macros.size).toBe(2);
  expect(fake.macros.get(Number(id))?.description).toContain('[crisis-9]');
});
