/**
 * Is this request really from the help desk? Each desk's own published scheme, checked over the raw
 * body before anything is parsed (pure: headers, body, secret and the time are passed in):
 * - Zendesk: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + body)), the
 *   timestamp being `X-Zendesk-Webhook-Signature-Timestamp` exactly as sent (ISO-8601, e.g.
 *   `2026-12-07T10:15:00Z`), within 5 minutes of now either way, so a captured request cannot be
 *   replayed later. The secret is the webhook's signing secret, used as the text Zendesk shows.
 * - Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, body)>`. Intercom signs no time:
 *   a replay is stopped by the notification id (the same event records once), not here.
 * - Freshdesk and Gorgias cannot sign: the admin adds the header `X-Crisis-Token: <secret>`.
 * Every comparison takes the same time whatever the bytes (timingSafeEqual on equal lengths; the
 * token is compared through its SHA-256 so its length leaks nothing either).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HELPDESK_AUTH, type Helpdesk } from './desks';

export const ZENDESK_SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const INTERCOM_SIGNATURE_HEADER = 'x-hub-signature';
export const TOKEN_HEADER = 'x-crisis-token';
/** Zendesk's timestamp may be this far from now, either way. */
export const ZENDESK_MAX_SKEW_SECONDS = 5 * 60;
/** No header value we check is longer; a longer one is refused before any work. */
const MAX_HEADER_LENGTH = 1024;

/** Node lowercases header names; a header sent twice arrives as an array. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export type HeaderRule = 'iso_time' | 'base64_sha256' | 'sha1_hex' | 'one_value';

/** Why a request was refused (a 401), as a code and its facts; http-text.ts says it in words. */
export type HelpdeskRefusal =
  | { code: 'missing_header'; header: string }
  | { code: 'malformed_header'; header: string; rule: HeaderRule }
  | { code: 'stale_timestamp'; header: string; skewSeconds: number; maxSkewSeconds: number }
  | { code: 'bad_signature'; header: string }
  | { code: 'bad_token'; header: string };

export type VerifyResult = { ok: true } | { ok: false; refusal: HelpdeskRefusal };

export interface VerifyInput {
  headers: RequestHeaders;
  /** The raw body as received: a signature is over these bytes, never over re-encoded JSON. */
  body: Buffer;
  secret: string;
  now: Date;
}

type HeaderValue = { ok: true; value: string } | { ok: false; refusal: HelpdeskRefusal };

function headerValue(headers: RequestHeaders, name: string): HeaderValue {
  const raw = headers[name];
  const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  if (values.length === 0 || values.every((v) => v.trim() === '')) return { ok: false, refusal: { code: 'missing_header', header: name } };
  // Two different values for one proof: which one would we believe?
  if (new Set(values.map((v) => v.trim())).size > 1) return { ok: false, refusal: { code: 'malformed_header', header: name, rule: 'one_value' } };
  const value = (values[0] ?? '').trim();
  return { ok: true, value };
}

function refuse(refusal: HelpdeskRefusal): VerifyResult {
  return { ok: false, refusal };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;
const SHA1_HEX = /^sha1=([0-9a-fA-F]{40})$/;

/** The Zendesk signature of `body` sent at `timestamp` (what the tests and a sender compute). */
export function zendeskSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
}

/** The Intercom `X-Hub-Signature` value for `body`. */
export function intercomSignature(secret: string, body: Buffer | string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

export function verifyZendesk({ headers, body, secret, now }: VerifyInput): VerifyResult {
  const timestamp = headerValue(headers, ZENDESK_TIMESTAMP_HEADER);
  if (!timestamp.ok) return refuse(timestamp.refusal);
  const signature = headerValue(headers, ZENDESK_SIGNATURE_HEADER);
  if (!signature.ok) return refuse(signature.refusal);
  if (timestamp.value.length > MAX_HEADER_LENGTH || !ISO_TIME.test(timestamp.value)) {
    return refuse({ code: 'malformed_header', header: ZENDESK_TIMESTAMP_HEADER, rule: 'iso_time' });
  }
  const sentMs = Date.parse(timestamp.value);
  if (Number.isNaN(sentMs)) return refuse({ code: 'malformed_header', header: ZENDESK_TIMESTAMP_HEADER, rule: 'iso_time' });
  const skewSeconds = Math.round(Math.abs(now.getTime() - sentMs) / 1000);
  if (skewSeconds > ZENDESK_MAX_SKEW_SECONDS) {
    return refuse({ code: 'stale_timestamp', header: ZENDESK_TIMESTAMP_HEADER, skewSeconds, maxSkewSeconds: ZENDESK_MAX_SKEW_SECONDS });
  }
  if (!BASE64_SHA256.test(signature.value)) return refuse({ code: 'malformed_header', header: ZENDESK_SIGNATURE_HEADER, rule: 'base64_sha256' });
  const given = Buffer.from(signature.value, 'base64');
  // Signed over the timestamp exactly as sent, then the raw bytes.
  const expected = createHmac('sha256', secret).update(timestamp.value).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse({ code: 'bad_signature', header: ZENDESK_SIGNATURE_HEADER });
  return { ok: true };
}

export function verifyIntercom({ headers, body, secret }: VerifyInput): VerifyResult {
  const signature = headerValue(headers, INTERCOM_SIGNATURE_HEADER);
  if (!signature.ok) return refuse(signature.refusal);
  const hex = SHA1_HEX.exec(signature.value)?.[1];
  if (hex === undefined) return refuse({ code: 'malformed_header', header: INTERCOM_SIGNATURE_HEADER, rule: 'sha1_hex' });
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha1', secret).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse({ code: 'bad_signature', header: INTERCOM_SIGNATURE_HEADER });
  return { ok: true };
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function verifyToken({ headers, secret }: VerifyInput): VerifyResult {
  const token = headerValue(headers, TOKEN_HEADER);
  if (!token.ok) return refuse(token.refusal);
  if (token.value.length > MAX_HEADER_LENGTH) return refuse({ code: 'bad_token', header: TOKEN_HEADER });
  // Digests of equal length: the comparison's time says nothing about the secret's length or bytes.
  if (!timingSafeEqual(sha256(token.value), sha256(secret))) return refuse({ code: 'bad_token', header: TOKEN_HEADER });
  return { ok: true };
}

/** The check `desk` uses. The secret is never empty here: an unset secret turns the endpoint off (404) before this. */
export function verifyHelpdeskRequest(desk: Helpdesk, input: VerifyInput): VerifyResult {
  switch (HELPDESK_AUTH[desk]) {
    case 'zendesk_signature':
      return verifyZendesk(input);
    case 'intercom_signature':
      return verifyIntercom(input);
    case 'token_header':
      return verifyToken(input);
  }
}
