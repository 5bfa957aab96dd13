/** The webhook signature: HMAC-SHA256 over `<timestamp>.<raw body>`, a 5-minute window both ways, malformed headers refused. */
import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from '../../src/http/webhook-signature';

const SECRET = 'a-shared-secret-of-some-length';
const NOW = Date.parse('2026-03-02T09:00:00Z');
const TS = String(NOW / 1000);
const BODY = Buffer.from('{"channel":"C1","count":3,"source":"zendesk"}');

function check(overrides: Partial<Parameters<typeof verifySignature>[0]>) {
  return verifySignature({ secret: SECRET, timestamp: TS, signature: signBody(SECRET, TS, BODY), body: BODY, nowMs: NOW, ...overrides });
}

it('accepts the HMAC-SHA256 of "<timestamp>.<raw body>" as sha256=<hex>, upper or lower case', () => {
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${TS}.${BODY.toString()}`).digest('hex')}`;
  expect(signBody(SECRET, TS, BODY)).toBe(expected);
  expect(check({})).toEqual({ ok: true });
  expect(check({ signature: expected.toUpperCase().replace('SHA256=', 'sha256=') })).toEqual({ ok: true });
});

it('refuses a signature over other bytes, another timestamp or another secret', () => {
  expect(check({ body: Buffer.from(`${BODY.toString()} `) })).toMatchObject({ ok: false, reason: 'signature does not match' });
  expect(check({ timestamp: String(Number(TS) + 1) })).toMatchObject({ ok: false, reason: 'signature does not match' });
  expect(check({ signature: signBody('another-secret-entirely', TS, BODY) })).toMatchObject({ ok: false });
});

it('refuses a timestamp more than 5 minutes off either way, and accepts one just inside', () => {
  for (const skew of [-301, 301]) {
    const ts = String(Number(TS) + skew);
    expect(check({ timestamp: ts, signature: signBody(SECRET, ts, BODY) })).toMatchObject({ ok: false, reason: expect.stringContaining('5 minutes') });
  }
  for (const skew of [-300, 300]) {
    const ts = String(Number(TS) + skew);
    expect(check({ timestamp: ts, signature: signBody(SECRET, ts, BODY) })).toEqual({ ok: true });
  }
});

it.each([
  ['no timestamp', { timestamp: undefined }],
  ['a timestamp in milliseconds text', { timestamp: '1.5e9' }],
  ['no signature', { signature: undefined }],
  ['another scheme', { signature: `v0=${'a'.repeat(64)}` }],
  ['a short hex', { signature: 'sha256=abcd' }],
  ['a long hex', { signature: `sha256=${'a'.repeat(66)}` }],
  ['not hex', { signature: `sha256=${'z'.repeat(64)}` }],
])('refuses %s without comparing', (_what, overrides) => {
  expect(check(overrides)).toMatchObject({ ok: false });
});
