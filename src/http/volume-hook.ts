/**
 * POST /hooks/volume: complaint or ticket counts from a help desk or a social-listening tool.
 * Served beside /healthz on PORT (in HTTP and Socket Mode alike). Every request gets an answer and
 * nothing it sends can crash the bot:
 *   404 the endpoint is off (CRISIS_WEBHOOK_SECRET unset), or no open crisis has that channel
 *   413 a body over 64 KiB (reading stops there; a declared Content-Length over it is not read at all)
 *   401 a bad or missing signature, or a timestamp more than 5 minutes off (the headers are
 *       checked before the body is read)
 *   408 a body that did not arrive within the door's deadline; 503 the door is full (src/http/door.ts)
 *   400 a body that is not JSON, or fields that are not as documented
 *   200 recorded, or a repeated `id` (recorded once, answered 200 again)
 * The answer goes out once the sample is stored; the card repaint and a rise notice follow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { declaredTooLarge, type BodyReader } from './body-reader';
import { refuseAndClose } from './door';
import type { HttpRoute } from './route';
import { MAX_EXTERNAL_ID_LENGTH, MAX_SOURCE_LENGTH, MAX_VOLUME_COUNT } from '../domain/volume';
import type { VolumeService } from '../services/volume-service';
import { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './webhook-signature';

export const VOLUME_HOOK_PATH = '/hooks/volume';
export const MAX_BODY_BYTES = 64 * 1024;

export interface VolumeHookOptions {
  /** Unset: the endpoint answers 404. */
  secret: string | undefined;
  volume: Pick<VolumeService, 'recordFromWebhook'>;
  clock: Clock;
  logger: Logger;
  /** Counts the follow-up work (card, rise notice), so a shutdown waits for it. */
  inFlight?: { enter(): void; leave(): void };
}


const sourceText = z
  .string({ error: 'source must be text' })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .refine((s) => s.length > 0, 'source must not be empty')
  .refine((s) => Array.from(s).length <= MAX_SOURCE_LENGTH, `source must be at most ${MAX_SOURCE_LENGTH} characters`);

const Body = z.object(
  {
    channel: z.string({ error: 'channel is required: the crisis channel ID' }).regex(/^[CG][A-Z0-9]{2,}$/, 'channel must be a channel ID such as C0123456789'),
    count: z
      .number({ error: 'count is required: a whole number ≥ 0' })
      .int('count must be a whole number')
      .min(0, 'count must be ≥ 0')
      .max(MAX_VOLUME_COUNT, `count must be at most ${MAX_VOLUME_COUNT}`),
    source: sourceText,
    at: z.iso.datetime({ offset: true, error: 'at must be an ISO-8601 time with a zone, e.g. 2026-03-02T09:15:00Z' }).nullish(),
    // Help desks often number their events; a number is taken as its text.
    id: z
      .union([z.string(), z.number().int()], { error: 'id must be text' })
      .transform(String)
      .refine((s) => s.length > 0 && s.length <= MAX_EXTERNAL_ID_LENGTH, `id must be 1 to ${MAX_EXTERNAL_ID_LENGTH} characters`)
      .nullish(),
  },
  { error: 'the body must be a JSON object' },
);

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the body is not as documented';
  return issue.message;
}

async function handle(req: IncomingMessage, res: ServerResponse, readBody: BodyReader, options: VolumeHookOptions): Promise<void> {
  const { secret, clock } = options;
  if (secret === undefined) return refuseAndClose(req, res, 404, { ok: false, error: 'not_found' });
  const tooLarge = declaredTooLarge(req, MAX_BODY_BYTES);
  if (tooLarge) return refuseAndClose(req, res, 413, { ok: false, error: tooLarge.reason });
  const nowMs = clock.now().getTime();
  const timestamp = header(req, TIMESTAMP_HEADER);
  const signature = header(req, SIGNATURE_HEADER);
  // The headers alone can already be wrong (missing, malformed, a stale timestamp): then nothing is read.
  const headers = verifySignature({ secret, timestamp, signature, body: null, nowMs });
  if (!headers.ok) return refuseAndClose(req, res, 401, { ok: false, error: headers.reason });
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok) {
    // Nobody is left to answer.
    if (read.status === 'closed') return;
    return refuseAndClose(req, res, read.status, { ok: false, error: read.reason });
  }
  const body = read.bytes;

  const signed = verifySignature({ secret, timestamp, signature, body, nowMs });
  if (!signed.ok) return send(res, 401, { ok: false, error: signed.reason });

  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return send(res, 400, { ok: false, error: 'the body is not valid JSON' });
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) return send(res, 400, { ok: false, error: firstProblem(parsed.error) });
  const { channel, count, source, at, id } = parsed.data;
  if (at && Date.parse(at) > nowMs + MAX_SKEW_SECONDS * 1000) return send(res, 400, { ok: false, error: 'at is in the future' });

  const outcome = options.volume.recordFromWebhook({ channel, count, source, ...(at ? { at } : {}), ...(id ? { id } : {}) });
  if (outcome.status === 'no_crisis') return send(res, 404, { ok: false, error: `no open crisis in channel ${channel}` });
  send(res, 200, { ok: true });
  if (outcome.status === 'recorded') {
    options.inFlight?.enter();
    try {
      await outcome.followUp();
    } finally {
      options.inFlight?.leave();
    }
  }
}

export function volumeHookRoute(options: VolumeHookOptions): HttpRoute {
  return {
    path: VOLUME_HOOK_PATH,
    method: 'POST',
    handler: (req, res, readBody) => {
      // A route is not awaited: whatever goes wrong is caught here, answered and logged.
      handle(req, res, readBody, options).catch((err: unknown) => {
        options.logger.error('volume webhook failed', { error: err });
        if (!res.headersSent) send(res, 500, { ok: false, error: 'internal error' });
        else if (!res.writableEnded) res.end();
      });
    },
  };
}
