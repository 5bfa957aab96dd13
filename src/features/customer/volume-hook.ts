/**
 * POST /hooks/volume: complaint or ticket counts from a help desk or a social-listening tool.
 * Served beside /healthz on PORT (in HTTP and Socket Mode alike). Every request gets an answer and
 * nothing it sends can crash the bot:
 *   404 the endpoint is off (CRISIS_WEBHOOK_SECRET unset), or no open crisis has that channel
 *   413 a body over 64 KiB (reading stops there; a declared Content-Length over it is not read at all)
 *   401 a bad or missing signature, or a timestamp more than 5 minutes off (the headers are
 *       checked before the body is read)
 *   408 a body that did not arrive within the door's deadline; 503 the door is full (src/http/door.ts)
 *   400 a body that is not JSON, fields that are not as documented (each problem named, with what
 *       was sent: `count:"12"` is "count must be an integer ≥ 0, got a string"), or an `at` outside
 *       the crisis (before a day ahead of its declaration, or more than 5 minutes ahead of now)
 *   200 recorded, or a repeat (recorded once, answered 200 again): the same `id`, or, without an
 *       `id`, the same signature (the same signed body sent again within its 5-minute window)
 * The answer goes out once the sample is stored; the card repaint and a rise notice follow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { declaredTooLarge, type BodyReader } from '../../http/body-reader';
import { refuseAndClose } from '../../http/door';
import type { HttpRoute } from '../../http/route';
import { cleanText } from '../../core/text';
import { MAX_EXTERNAL_ID_LENGTH, MAX_SOURCE_LENGTH, MAX_VOLUME_COUNT } from './volume';
import type { VolumeService } from './volume-service';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../http/webhook-signature';

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


/** What was sent, in a few words, for an error message: "a string", "-1", "an array", "nothing". */
function sent(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a string too long to show';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A field's rule and what was sent instead; a missing field says it is required. */
const problem =
  (field: string, rule: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${field} is required: ${rule}` : `${field} must be ${rule}, got ${typeof issue.input === 'string' ? 'a string' : sent(issue.input)}`;
const valueProblem =
  (field: string, rule: string) =>
  (issue: { input?: unknown }): string =>
    `${field} must be ${rule}, got ${sent(issue.input)}`;

const CHANNEL_RULE = 'a channel ID such as C0123456789';
const COUNT_RULE = 'an integer ≥ 0';
const SOURCE_RULE = `text of 1 to ${MAX_SOURCE_LENGTH} characters`;
const AT_RULE = 'an ISO-8601 time with a zone, e.g. 2026-03-02T09:15:00Z';
const ID_RULE = `text (or a whole number) of 1 to ${MAX_EXTERNAL_ID_LENGTH} characters`;

const sourceText = z
  .string({ error: problem('source', SOURCE_RULE) })
  .transform((s) => cleanText(s).replace(/\s+/g, ' ').trim())
  .refine((s) => s.length > 0, `source must be ${SOURCE_RULE}, got only spaces`)
  .refine((s) => Array.from(s).length <= MAX_SOURCE_LENGTH, `source must be ${SOURCE_RULE}, got more`);

const Body = z.object(
  {
    channel: z.string({ error: problem('channel', CHANNEL_RULE) }).regex(/^[CG][A-Z0-9]{2,}$/, { error: valueProblem('channel', CHANNEL_RULE) }),
    count: z
      .number({ error: problem('count', COUNT_RULE) })
      .int({ error: valueProblem('count', COUNT_RULE) })
      .min(0, { error: valueProblem('count', COUNT_RULE) })
      .max(MAX_VOLUME_COUNT, { error: valueProblem('count', `at most ${MAX_VOLUME_COUNT}`) }),
    source: sourceText,
    at: z.iso.datetime({ offset: true, error: valueProblem('at', AT_RULE) }).nullish(),
    // Help desks often number their events; a number is taken as its text.
    id: z
      .union([z.string(), z.number().int()], { error: valueProblem('id', ID_RULE) })
      .transform(String)
      .refine((s) => s.length > 0 && s.length <= MAX_EXTERNAL_ID_LENGTH, { error: valueProblem('id', ID_RULE) })
      .nullish(),
  },
  { error: (issue) => `the body must be a JSON object, got ${sent(issue.input)}` },
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

/** Every field's problem, so a sender fixes them all at once. */
function problems(error: z.ZodError): string {
  if (error.issues.length === 0) return 'the body is not as documented';
  return [...new Set(error.issues.map((issue) => issue.message))].join('; ');
}

/** The signature's hex, as checked; without an `id` it names the delivery (a replay is the same one). */
function signatureOf(req: IncomingMessage): string | undefined {
  return /^sha256=([0-9a-fA-F]{64})$/.exec(header(req, SIGNATURE_HEADER)?.trim() ?? '')?.[1]?.toLowerCase();
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
  if (!parsed.success) return send(res, 400, { ok: false, error: problems(parsed.error) });
  const { channel, count, source, at, id } = parsed.data;
  const delivery = signatureOf(req);

  const outcome = options.volume.recordFromWebhook({ channel, count, source, ...(at ? { at } : {}), ...(id ? { id } : {}), ...(delivery ? { signature: delivery } : {}) });
  if (outcome.status === 'no_crisis') return send(res, 404, { ok: false, error: `no open crisis in channel ${channel}` });
  if (outcome.status === 'refused') return send(res, 400, { ok: false, error: outcome.error });
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
