/** The outbox's rules: states, what is retried, the backoff and its bounded jitter, Retry-After, giving up after 24 hours, the idempotency key. */
import fc from 'fast-check';
import {
  afterAttempt,
  backoffMs,
  FIRST_RETRY_MS,
  giveUpAt,
  GIVE_UP_AFTER_MS,
  idempotencyKey,
  isDue,
  isRetryable,
  leaseUntil,
  LEASE_MS,
  MAX_ERROR_LENGTH,
  MAX_REQUESTS_PER_ATTEMPT,
  MAX_RETRY_MS,
  newDelivery,
  REQUEST_TIMEOUT_MS,
  retryDelayMs,
  type AttemptFailure,
  type AttemptResult,
  type DeliveryProgress,
} from '../../../src/features/publishing/outbox-rules';

const T0 = '2026-12-07T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms);
const http = (status: number, retryAfterSeconds?: number): AttemptResult => ({
  ok: false,
  failure: { kind: 'http', status, message: `answered ${status}`, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) },
});
const network: AttemptResult = { ok: false, failure: { kind: 'network', message: 'no answer from hooks.example.com: ECONNREFUSED' } };
const half = () => 0.5;

it('starts pending and due at once; a success settles it delivered with what the target calls it', () => {
  const d = newDelivery(T0);
  expect(d).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: T0, lastError: null });
  expect(isDue(d, at(0))).toBe(true);
  expect(isDue(d, at(-1))).toBe(false);
  const done = afterAttempt(d, { ok: true, ref: 'inc123' }, at(2000));
  expect(done).toMatchObject({ state: 'delivered', attempts: 1, nextAttemptAt: null, settledAt: at(2000).toISOString(), ref: 'inc123' });
  expect(isDue(done, at(10 ** 9))).toBe(false);
  // Settled is final: a late result changes nothing.
  expect(afterAttempt(done, network, at(3000))).toBe(done);
});

it.each([
  ['a network error', { kind: 'network', message: 'x' }, true],
  ['500', { kind: 'http', status: 500, message: 'x' }, true],
  ['502', { kind: 'http', status: 502, message: 'x' }, true],
  ['503', { kind: 'http', status: 503, message: 'x' }, true],
  ['408 request timeout', { kind: 'http', status: 408, message: 'x' }, true],
  ['420 (Statuspage’s rate limit)', { kind: 'http', status: 420, message: 'x' }, true],
  ['425 too early', { kind: 'http', status: 425, message: 'x' }, true],
  ['429 with Retry-After', { kind: 'http', status: 429, message: 'x', retryAfterSeconds: 7 }, true],
  ['400', { kind: 'http', status: 400, message: 'x' }, false],
  ['401', { kind: 'http', status: 401, message: 'x' }, false],
  ['403', { kind: 'http', status: 403, message: 'x' }, false],
  ['404', { kind: 'http', status: 404, message: 'x' }, false],
  ['410', { kind: 'http', status: 410, message: 'x' }, false],
  ['422', { kind: 'http', status: 422, message: 'x' }, false],
  ['a redirect', { kind: 'http', status: 302, message: 'x' }, false],
] as Array<[string, AttemptFailure, boolean]>)('%s: retryable %s', (_what, failure, retryable) => {
  expect(isRetryable(failure)).toBe(retryable);
  const next = afterAttempt(newDelivery(T0), { ok: false, failure }, at(1000), half);
  expect(next.state).toBe(retryable ? 'retrying' : 'failed');
  expect(next.lastError).toBe('x');
  expect(next.lastStatus).toBe(failure.kind === 'http' ? failure.status : null);
});

it('backs off from 30 seconds, doubling, to an hour', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => backoffMs(n, half) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
});

it('moves each delay by a jitter bounded to ±20%', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
      const base = Math.min(FIRST_RETRY_MS * 2 ** (n - 1), MAX_RETRY_MS);
      const delay = backoffMs(n, () => r);
      return delay >= Math.floor(base * 0.8) && delay <= Math.ceil(base * 1.2);
    }),
  );
  expect(backoffMs(1, () => 0)).toBe(24_000);
  expect(backoffMs(1, () => 0.999999)).toBeLessThan(36_000);
  expect(new Set(Array.from({ length: 20 }, (_, i) => backoffMs(3, () => i / 20))).size).toBe(20);
});

it('obeys Retry-After: never sooner, at most 10% later, between a second and an hour', () => {
  const failure = (s: number): AttemptFailure => ({ kind: 'http', status: 429, message: 'slow down', retryAfterSeconds: s });
  expect(retryDelayMs(failure(7), 1, () => 0)).toBe(7000);
  expect(retryDelayMs(failure(7), 1, () => 1)).toBe(7700);
  expect(retryDelayMs(failure(0), 1, () => 0)).toBe(1000);
  expect(retryDelayMs(failure(86_400), 1, () => 0)).toBe(3_600_000);
  const next = afterAttempt(newDelivery(T0), http(429, 120), at(0), () => 0.3);
  expect(Date.parse(next.nextAttemptAt ?? '') - Date.parse(T0)).toBe(123_600);
});

it('keeps retrying a failure that may pass, never past 24 hours, and then gives up with the last error', () => {
  let d: DeliveryProgress = newDelivery(T0);
  const deadline = Date.parse(giveUpAt(T0));
  expect(deadline - Date.parse(T0)).toBe(GIVE_UP_AFTER_MS);
  let now = Date.parse(T0);
  const times: number[] = [];
  while (d.state !== 'failed') {
    d = afterAttempt(d, d.attempts % 2 ? network : http(503), new Date(now), Math.random);
    times.push(now);
    if (d.nextAttemptAt) {
      expect(Date.parse(d.nextAttemptAt)).toBeLessThanOrEqual(deadline);
      expect(Date.parse(d.nextAttemptAt)).toBeGreaterThan(now);
      now = Date.parse(d.nextAttemptAt);
    }
    expect(d.attempts).toBeLessThan(60);
  }
  // The last try is at the 24-hour mark itself, and its failure gives up.
  expect(times[times.length - 1]).toBe(deadline);
  expect(d).toMatchObject({ state: 'failed', nextAttemptAt: null, settledAt: new Date(deadline).toISOString() });
  expect(d.lastError).toMatch(/503|ECONNREFUSED/);
  expect(d.attempts).toBeGreaterThan(20);
});

it('gives up at once on an answer that will not change', () => {
  const d = afterAttempt(newDelivery(T0), { ok: false, failure: { kind: 'http', status: 401, message: 'api.statuspage.io answered 401: Could not authenticate' } }, at(500));
  expect(d).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 401, lastError: 'api.statuspage.io answered 401: Could not authenticate', settledAt: at(500).toISOString() });
});

it('delivers exactly once after two failures: the retries come back when due, not before', () => {
  let d = newDelivery(T0);
  d = afterAttempt(d, http(500), at(0), half);
  expect(d).toMatchObject({ state: 'retrying', attempts: 1, lastError: 'answered 500', nextAttemptAt: at(30_000).toISOString() });
  expect(isDue(d, at(29_999))).toBe(false);
  expect(isDue(d, at(30_000))).toBe(true);
  d = afterAttempt(d, network, at(30_000), half);
  expect(d.nextAttemptAt).toBe(at(90_000).toISOString());
  d = afterAttempt(d, { ok: true, ref: null }, at(90_000), half);
  expect(d).toMatchObject({ state: 'delivered', attempts: 3, lastError: 'no answer from hooks.example.com: ECONNREFUSED' });
});

it('keeps a short last error', () => {
  const d = afterAttempt(newDelivery(T0), { ok: false, failure: { kind: 'http', status: 500, message: `boom\n${'x'.repeat(1000)}` } }, at(0), half);
  expect(Array.from(d.lastError ?? '')).toHaveLength(MAX_ERROR_LENGTH);
  expect(d.lastError?.startsWith('boom x')).toBe(true);
  expect(d.lastError?.endsWith('…')).toBe(true);
});

it('holds a claim longer than any attempt can take', () => {
  expect(LEASE_MS).toBeGreaterThan(MAX_REQUESTS_PER_ATTEMPT * REQUEST_TIMEOUT_MS);
  expect(leaseUntil(at(0))).toBe(at(LEASE_MS).toISOString());
});

it('gives one Idempotency-Key per subject and target, the same on every attempt, fit for a header', () => {
  const key = idempotencyKey('statement:812', 'statuspage');
  expect(key).toBe(idempotencyKey('statement:812', 'statuspage'));
  expect(key).toMatch(/^[A-Za-z0-9-]{20,64}$/);
  const keys = new Set([
    key,
    idempotencyKey('statement:812', 'zendesk'),
    idempotencyKey('statement:813', 'statuspage'),
    idempotencyKey('resolve:37', 'statuspage'),
    idempotencyKey('statement:81', '2\nstatuspage'),
  ]);
  expect(keys.size).toBe(5);
});
