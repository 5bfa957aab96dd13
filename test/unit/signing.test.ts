/**
 * Request signing against Slack's own worked example: the bot's check (src/slack/slack-signature.ts,
 * what the HTTP receiver runs on every request, headers first, then the bytes) accepts it and
 * refuses every alteration, a timestamp more than 5 minutes away in either direction, and malformed
 * headers; and the emulator's signer (used by every e2e test) produces Slack's exact signature.
 * The vector's cases are skipped when ../shared is absent; the others run anyway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { slackSignature } from '../../src/emulator';
import { checkSlackHeaders, slackSignatureMatches } from '../../src/slack/slack-signature';

const VECTOR_FILE = path.resolve(__dirname, '../../../shared/slack/payloads/signing_test_vector.json');
const Vector = z.object({
  signing_secret: z.string(),
  headers: z.object({ 'X-Slack-Request-Timestamp': z.string(), 'X-Slack-Signature': z.string() }),
  body: z.string(),
});

const describeWithVector = fs.existsSync(VECTOR_FILE) ? describe : describe.skip;

/** The whole check, as the receiver makes it: true when the request is Slack's. */
function verified(input: { secret: string; body: string; signature: string; timestamp: number | string; nowSeconds: number }): boolean | string {
  const headers = checkSlackHeaders({ 'x-slack-signature': input.signature, 'x-slack-request-timestamp': String(input.timestamp) }, input.nowSeconds * 1000);
  if (!headers.ok) return headers.reason;
  return slackSignatureMatches(input.secret, headers, Buffer.from(input.body, 'utf8'));
}

describeWithVector("Slack's signing test vector", () => {
  const vector = fs.existsSync(VECTOR_FILE) ? Vector.parse(JSON.parse(fs.readFileSync(VECTOR_FILE, 'utf8'))) : undefined;
  const v = (): z.infer<typeof Vector> => {
    if (!vector) throw new Error('no vector');
    return vector;
  };
  const timestamp = (): number => Number(v().headers['X-Slack-Request-Timestamp']);
  const verify = (over: { body?: string; signature?: string; secret?: string; timestamp?: number; nowSeconds?: number } = {}): boolean | string =>
    verified({
      secret: over.secret ?? v().signing_secret,
      body: over.body ?? v().body,
      signature: over.signature ?? v().headers['X-Slack-Signature'],
      timestamp: over.timestamp ?? timestamp(),
      nowSeconds: over.nowSeconds ?? timestamp(),
    });

  it('is accepted as sent, and within five minutes of its timestamp either way', () => {
    expect(verify()).toBe(true);
    expect(verify({ nowSeconds: timestamp() + 299 })).toBe(true);
    expect(verify({ nowSeconds: timestamp() - 299 })).toBe(true);
  });

  it('is what the emulator signs for the same secret, timestamp and body', () => {
    expect(slackSignature(v().signing_secret, timestamp(), v().body)).toBe(v().headers['X-Slack-Signature']);
  });

  it('is refused once more than five minutes old, or more than five minutes ahead', () => {
    expect(verify({ nowSeconds: timestamp() + 301 })).toBe('timestamp more than 5 minutes away');
    expect(verify({ nowSeconds: timestamp() - 301 })).toBe('timestamp more than 5 minutes away');
  });

  it('is refused when the body, signature, secret or timestamp is altered', () => {
    expect(verify({ body: v().body.replace('text=', 'text=declare') })).toBe(false);
    expect(verify({ body: `${v().body} ` })).toBe(false);
    const sig = v().headers['X-Slack-Signature'];
    expect(verify({ signature: `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}` })).toBe(false);
    expect(verify({ signature: sig.replace('v0=', 'v1=') })).toBe('malformed X-Slack-Signature');
    expect(verify({ secret: `${v().signing_secret}x` })).toBe(false);
    // Same signature replayed under a fresher timestamp: the timestamp is part of what is signed.
    expect(verify({ timestamp: timestamp() + 60, nowSeconds: timestamp() + 60 })).toBe(false);
  });
});

describe('the headers alone', () => {
  const now = 1_800_000_000;
  const good = `v0=${'0a'.repeat(32)}`;
  const check = (headers: Record<string, string | string[]>, nowSeconds = now): string => {
    const result = checkSlackHeaders(headers, nowSeconds * 1000);
    return result.ok ? 'ok' : result.reason;
  };

  it('are enough to refuse a request before its body is read', () => {
    expect(check({ 'x-slack-signature': good, 'x-slack-request-timestamp': String(now) })).toBe('ok');
    expect(check({ 'x-slack-request-timestamp': String(now) })).toBe('no signature headers');
    expect(check({ 'x-slack-signature': good })).toBe('no signature headers');
    expect(check({ 'x-slack-signature': good, 'x-slack-request-timestamp': 'yesterday' })).toBe('malformed X-Slack-Request-Timestamp');
    expect(check({ 'x-slack-signature': good, 'x-slack-request-timestamp': `${now}.5` })).toBe('malformed X-Slack-Request-Timestamp');
    expect(check({ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': String(now) })).toBe('malformed X-Slack-Signature');
    expect(check({ 'x-slack-signature': [good, good], 'x-slack-request-timestamp': String(now) })).toBe('no signature headers');
  });

  it('refuse an hour or ten years ahead as they refuse an hour behind', () => {
    for (const offset of [3600, 10 * 365 * 86_400, -3600]) {
      expect(check({ 'x-slack-signature': good, 'x-slack-request-timestamp': String(now + offset) })).toBe('timestamp more than 5 minutes away');
    }
  });
});
