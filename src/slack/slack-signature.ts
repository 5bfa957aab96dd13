/**
 * Slack's request signing, checked in two steps so the body is read only for a request that could be
 * Slack's: first the headers alone (`X-Slack-Signature: v0=<64 hex>` and `X-Slack-Request-Timestamp`
 * within 5 minutes of now, in either direction: a request dated in the future is as replayable as an
 * old one), then, once the body is in, the HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret, compared in constant time. Slack signs bytes, so the raw bytes are hashed, not a decoding.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export interface SlackSignatureHeaders {
  timestamp: string;
  /** The 32 bytes of the signature's hex. */
  signature: Buffer;
}

export type SlackHeaderCheck = ({ ok: true } & SlackSignatureHeaders) | { ok: false; missing: boolean; reason: string };

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

export function checkSlackHeaders(headers: IncomingHttpHeaders, nowMs: number): SlackHeaderCheck {
  const signature = one(headers, 'x-slack-signature');
  const timestamp = one(headers, 'x-slack-request-timestamp');
  if (signature === undefined || timestamp === undefined) return { ok: false, missing: true, reason: 'no signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, missing: false, reason: 'malformed X-Slack-Request-Timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) return { ok: false, missing: false, reason: 'timestamp more than 5 minutes away' };
  const hex = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
  if (!hex) return { ok: false, missing: false, reason: 'malformed X-Slack-Signature' };
  return { ok: true, timestamp, signature: Buffer.from(hex, 'hex') };
}

export function slackSignatureMatches(signingSecret: string, headers: SlackSignatureHeaders, body: Buffer): boolean {
  const expected = createHmac('sha256', signingSecret).update(`v0:${headers.timestamp}:`).update(body).digest();
  return expected.length === headers.signature.length && timingSafeEqual(expected, headers.signature);
}
