/**
 * Checking a signed webhook: `X-Crisis-Signature: sha256=<hex>` is the HMAC-SHA256 of
 * `<timestamp>.<raw body>` with the shared secret, and `X-Crisis-Timestamp` (unix seconds) is within
 * five minutes of now either way, so a captured request cannot be replayed later. The comparison
 * takes the same time whatever the bytes (crypto.timingSafeEqual on equal-length buffers).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-crisis-signature';
export const TIMESTAMP_HEADER = 'x-crisis-timestamp';
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** The header value a sender puts on `body` (what the README's relay examples compute). */
export function signBody(secret: string, timestamp: number | string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** With `body: null`, only the headers are checked (present, well formed, timestamp in the window), before the body is read. */
export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer | null;
  nowMs: number;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Crisis-Timestamp (unix seconds)' };
  const skew = Math.abs(input.nowMs / 1000 - Number(timestamp));
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: 'X-Crisis-Timestamp is more than 5 minutes off' };
  const match = signature === undefined ? null : /^sha256=([0-9a-fA-F]{64})$/.exec(signature.trim());
  if (!match?.[1]) return { ok: false, reason: 'missing or malformed X-Crisis-Signature (sha256=<hex>)' };
  if (input.body === null) return { ok: true };
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', input.secret).update(`${timestamp}.`).update(input.body).digest();
  // Both are 32 bytes here (the header was checked for 64 hex digits), as timingSafeEqual requires.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
