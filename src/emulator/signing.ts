/**
 * Signs and sends requests to the bot the way Slack does: `X-Slack-Signature: v0=<hex HMAC-SHA256
 * of "v0:{timestamp}:{raw body}">` with `X-Slack-Request-Timestamp`. Shared by the driver (user
 * actions) and the emulator (events about the bot's own API calls).
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { tryParseJson } from './json';

export interface SendResult {
  status: number;
  body: string;
  json?: unknown;
}

export function slackSignature(signingSecret: string, timestamp: string | number, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${hmac}`;
}

export interface SignedRequest {
  url: string;
  body: string;
  contentType: string;
  signingSecret: string;
  /** Seconds since the epoch; `false` leaves the header out. */
  timestamp: number | string | false;
  /** Replaces the computed signature; `false` leaves the header out. */
  signature?: string | false;
  headers?: Record<string, string>;
}

export async function sendSigned(req: SignedRequest): Promise<SendResult> {
  const headers: Record<string, string> = { 'Content-Type': req.contentType, ...req.headers };
  if (req.timestamp !== false) headers['X-Slack-Request-Timestamp'] = String(req.timestamp);
  const signature =
    req.signature !== undefined ? req.signature : slackSignature(req.signingSecret, req.timestamp === false ? '' : req.timestamp, req.body);
  if (signature !== false) headers['X-Slack-Signature'] = signature;
  return postRaw(req.url, req.body, headers);
}

export function postRaw(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(payload.length) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = text.length > 0 ? tryParseJson(text) : { ok: false as const };
          resolve({ status: res.statusCode ?? 0, body: text, ...(parsed.ok ? { json: parsed.value } : {}) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
