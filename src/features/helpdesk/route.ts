/**
 * POST /hooks/helpdesk/zendesk|intercom|freshdesk|gorgias: ticket events in each help desk's own
 * format and signing, served on the same door as /hooks/volume. Every request gets an answer and
 * nothing it sends can crash the bot:
 *   404 the desk's secret is unset (CRISIS_HELPDESK_<NAME>_SECRET)
 *   413 a body over 64 KiB (a declared Content-Length over it is not read at all)
 *   401 the desk's proof is missing or wrong (verify.ts; the words in http-text.ts)
 *   408 / 503 the door's deadline or budget (src/http/door.ts)
 *   400 not JSON, or not the desk's shape: every problem named
 *   200 recorded; or `{"ok":true,"ignored":"…"}` for an event that counts nothing (a ping, a user
 *       event); or a repeat (the same event again records nothing)
 * The answer goes out once the event is stored; the card repaints follow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, type Registry } from 'prom-client';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { declaredTooLarge } from '../../http/body-reader';
import { refuseAndClose, sendJson } from '../../http/door';
import type { HttpRoute } from '../../http/route';
import type { BodyReader } from '../../http/body-reader';
import { HELPDESKS, helpdeskPath, type Helpdesk } from './desks';
import { ignoredText, problemsText, refusalText } from './http-text';
import { parseHelpdeskBody } from './parse';
import type { HelpdeskService } from './service';
import { verifyHelpdeskRequest } from './verify';

export const MAX_HELPDESK_BODY_BYTES = 64 * 1024;

export interface HelpdeskRouteOptions {
  secrets: Readonly<Record<Helpdesk, string | undefined>>;
  service: Pick<HelpdeskService, 'record'>;
  clock: Clock;
  logger: Logger;
  /** Counts the follow-up work (card repaints), so a shutdown waits for it. */
  inFlight?: { enter(): void; leave(): void };
  /** Counts answers per desk and status, for /metrics. */
  onAnswer?: (desk: Helpdesk, status: number) => void;
}

async function handle(desk: Helpdesk, req: IncomingMessage, res: ServerResponse, readBody: BodyReader, options: HelpdeskRouteOptions): Promise<number | undefined> {
  const secret = options.secrets[desk];
  if (secret === undefined) {
    refuseAndClose(req, res, 404, { ok: false, error: 'not_found' });
    return 404;
  }
  const tooLarge = declaredTooLarge(req, MAX_HELPDESK_BODY_BYTES);
  if (tooLarge) {
    refuseAndClose(req, res, 413, { ok: false, error: tooLarge.reason });
    return 413;
  }
  const read = await readBody(req, MAX_HELPDESK_BODY_BYTES);
  if (!read.ok) {
    if (read.status === 'closed') return undefined;
    refuseAndClose(req, res, read.status, { ok: false, error: read.reason });
    return read.status;
  }
  const now = options.clock.now();
  const verified = verifyHelpdeskRequest(desk, { headers: req.headers, body: read.bytes, secret, now });
  if (!verified.ok) {
    sendJson(res, 401, { ok: false, error: refusalText(desk, verified.refusal) });
    return 401;
  }
  const parsed = parseHelpdeskBody(desk, read.bytes, now);
  if (parsed.status === 'invalid') {
    sendJson(res, 400, { ok: false, error: problemsText(parsed.problems) });
    return 400;
  }
  if (parsed.status === 'ignored') {
    sendJson(res, 200, { ok: true, ignored: ignoredText(parsed.reason) });
    return 200;
  }
  const outcome = options.service.record(parsed.event);
  sendJson(res, 200, outcome.status === 'duplicate' ? { ok: true, duplicate: true } : { ok: true });
  if (outcome.status === 'recorded' && outcome.crisisIds.length > 0) {
    options.inFlight?.enter();
    try {
      await outcome.followUp();
    } finally {
      options.inFlight?.leave();
    }
  }
  return 200;
}

export function helpdeskRoute(desk: Helpdesk, options: HelpdeskRouteOptions): HttpRoute {
  return {
    path: helpdeskPath(desk),
    method: 'POST',
    handler: (req, res, readBody) => {
      // A route is not awaited: whatever goes wrong is caught here, answered and logged.
      handle(desk, req, res, readBody, options).then(
        (status) => {
          if (status !== undefined) options.onAnswer?.(desk, status);
        },
        (err: unknown) => {
          options.logger.error('help-desk webhook failed', { desk, error: err });
          if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal error' });
          else if (!res.writableEnded) res.end();
          options.onAnswer?.(desk, 500);
        },
      );
    },
  };
}

/** `crisis_bot_helpdesk_requests_total{desk, status}` in the bot's registry: what each desk sent and got. */
export function countHelpdeskAnswers(registry: Registry): (desk: Helpdesk, status: number) => void {
  const counter = new Counter({
    name: 'crisis_bot_helpdesk_requests_total',
    help: 'Requests to POST /hooks/helpdesk/<desk>, by desk and the status answered (200 includes repeats and ignored events).',
    labelNames: ['desk', 'status'] as const,
    registers: [registry],
  });
  return (desk, status) => counter.inc({ desk, status: String(status) });
}

/** The four routes, one per desk. */
export function helpdeskRoutes(options: HelpdeskRouteOptions): HttpRoute[] {
  return HELPDESKS.map((desk) => helpdeskRoute(desk, options));
}
