/**
 * A receiver of publishing webhooks, written as an outsider would from CONTRACT.md: it checks the
 * signature itself (HMAC-SHA256 of "<X-Crisis-Timestamp>.<raw body>", 5 minutes either way), the
 * JSON's exact fields and types, and keeps each Idempotency-Key once, as a careful receiver does.
 * A bad signature is 401, a bad body 400, anything else 200.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FakeHttpServer, isObject, type FakeAnswer, type RecordedCall } from './fake-http';

export interface ReceivedStatement {
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

const FIELDS = ['statement', 'crisis', 'audience', 'text', 'published_at', 'next_by'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class FakeWebhookReceiver extends FakeHttpServer {
  /** Every accepted POST, repeats included. */
  readonly accepted: ReceivedStatement[] = [];

  constructor(
    readonly secret: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    super();
  }

  /** What the receiver acts on: one per Idempotency-Key. */
  get statements(): ReceivedStatement[] {
    const seen = new Set<string>();
    return this.accepted.filter((s) => (seen.has(s.idempotencyKey) ? false : (seen.add(s.idempotencyKey), true)));
  }

  protected handle(call: RecordedCall): FakeAnswer {
    if (call.method !== 'POST') return { status: 405 };
    const ts = String(call.headers['x-crisis-timestamp'] ?? '');
    const sig = String(call.headers['x-crisis-signature'] ?? '');
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(`${ts}.${call.body}`).digest('hex')}`);
    const fresh = /^\d+$/.test(ts) && Math.abs(this.nowMs() / 1000 - Number(ts)) <= 300;
    if (!fresh || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), expected)) return { status: 401, body: { ok: false, error: 'bad signature' } };
    const key = call.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return { status: 400, body: { ok: false, error: 'Idempotency-Key is required' } };
    let payload: unknown;
    try {
      payload = JSON.parse(call.body);
    } catch {
      return { status: 400, body: { ok: false, error: 'not JSON' } };
    }
    if (!isObject(payload) || Object.keys(payload).sort().join() !== [...FIELDS].sort().join()) return { status: 400, body: { ok: false, error: 'fields' } };
    const good =
      typeof payload.statement === 'string' && /^S\d+$/.test(payload.statement) &&
      typeof payload.crisis === 'string' && typeof payload.audience === 'string' && typeof payload.text === 'string' &&
      typeof payload.published_at === 'string' && ISO.test(payload.published_at) &&
      (payload.next_by === null || (typeof payload.next_by === 'string' && ISO.test(payload.next_by)));
    if (!good) return { status: 400, body: { ok: false, error: 'types' } };
    this.accepted.push({ idempotencyKey: key, payload });
    return { status: 200, body: { ok: true } };
  }
}
