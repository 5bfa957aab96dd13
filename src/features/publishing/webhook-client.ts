/**
 * Publishing webhooks (`CRISIS_PUBLISH_WEBHOOKS`): each published statement is POSTed as JSON to
 * the configured URL, signed as the bot's own /hooks/volume expects to be signed
 * (`X-Crisis-Timestamp`, `X-Crisis-Signature: sha256=<HMAC-SHA256 of "<ts>.<body>">` with
 * `CRISIS_PUBLISH_SECRET`), with the delivery's `Idempotency-Key`. Any 2xx is delivered. Each
 * attempt is signed afresh (a retry an hour later must not carry a stale timestamp).
 */
import { z } from 'zod';
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../http/webhook-signature';
import { sendHttp, type HttpOptions } from './http-attempt';
import type { AttemptResult } from './outbox-rules';

/** The body CONTRACT.md documents; receivers may parse it with this schema. */
export const WebhookPayloadSchema = z.strictObject({
  statement: z.string().regex(/^S[1-9]\d*$/),
  crisis: z.string().min(1),
  audience: z.string().min(1),
  text: z.string(),
  published_at: z.iso.datetime({ offset: true }),
  next_by: z.iso.datetime({ offset: true }).nullable(),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export interface WebhookStatement {
  number: number;
  publicName: string;
  audience: string;
  text: string;
  publishedAt: string;
  nextBy: string | null;
}

export function webhookPayload(s: WebhookStatement): WebhookPayload {
  return {
    statement: `S${s.number}`,
    crisis: s.publicName,
    audience: s.audience,
    text: s.text,
    published_at: new Date(s.publishedAt).toISOString(),
    next_by: s.nextBy === null ? null : new Date(s.nextBy).toISOString(),
  };
}

export interface PublishWebhookOptions extends HttpOptions {
  url: string;
  secret: string;
}

export class PublishWebhookClient {
  constructor(private readonly options: PublishWebhookOptions) {}

  async deliver(payload: WebhookPayload, idempotencyKey: string): Promise<AttemptResult> {
    const body = JSON.stringify(payload);
    const nowMs = (this.options.nowMs ?? Date.now)();
    const timestamp = String(Math.floor(nowMs / 1000));
    const outcome = await sendHttp(
      {
        method: 'POST',
        url: this.options.url,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'crisis-bot',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signBody(this.options.secret, timestamp, body),
          'Idempotency-Key': idempotencyKey,
        },
        body,
      },
      this.options,
    );
    return outcome.ok ? { ok: true, ref: null } : outcome;
  }
}
