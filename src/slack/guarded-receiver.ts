/**
 * The Bolt receiver in HTTP mode: POST /slack/events behind the door (src/http/door.ts), beside the
 * bot's own routes. A request is handed to Bolt only once it is known to be Slack's, and every check
 * is made once, cheapest first, reading the body only when it could be Slack's:
 *
 *   1. a declared size over SLACK_MAX_BODY_BYTES: 413, nothing read;
 *   2. the signature headers and a timestamp within 5 minutes either way: else 401, nothing read
 *      (the one unsigned request Slack sends, its SSL check, is a form of a few bytes);
 *   3. the body, within its size, the door's deadline (408) and the shared budget (503);
 *   4. the signature over those bytes: else 401;
 *   5. the body parsed once, into a shape Bolt can dispatch (400 otherwise, src/slack/slack-request.ts).
 *
 * Then Bolt's App gets the parsed body and an ack bound to the response (src/slack/http-ack.ts), as
 * its own HTTPReceiver would build them, without reading, verifying or parsing anything again.
 * Whatever arrives gets an answer.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AuthorizationError, HTTPModuleFunctions, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { declaredTooLarge, type BodyReader, type BodyRefusal } from '../http/body-reader';
import { HttpDoor, refuseAndClose, sendJson, type DoorLimits } from '../http/door';
import type { HttpRoute } from '../http/route';
import type { Logger } from '../logger';
import type { BotMetrics, RequestOutcome } from '../metrics';
import { httpAck } from './http-ack';
import { checkSlackRequest } from './slack-request';
import { checkSlackHeaders, slackSignatureMatches } from './slack-signature';

export type { HttpRoute };

export interface GuardedReceiverOptions {
  signingSecret: string;
  /** Routes besides /slack/events (health, metrics, webhooks). */
  routes: HttpRoute[];
  boltLogger: BoltLogger;
  logger: Logger;
  metrics?: BotMetrics;
  maxBodyBytes?: number;
  /** The door's limits (connections, deadline, unread bytes); tests shorten them. */
  limits?: Partial<DoorLimits>;
  /** Wall-clock time for the timestamp check (Slack's clock, not the bot's movable one). */
  nowMs?: () => number;
  /** The interface to bind (HOST); every interface when unset. */
  host?: string;
}

export const EVENTS_PATH = '/slack/events';
/**
 * 256 KiB. What Slack sends this app is far smaller: a slash command is a form of a dozen fields
 * (the text is at most a few thousand characters); an event (a reaction, a pin, a Home tab visit)
 * or a button on one of the bot's messages carries at most one message of 50 blocks or one view
 * of 100 (Slack's limits), whose lines the bot keeps short; the largest is the message shortcut,
 * which carries the message it was used on: at most 40,000 characters of text plus its blocks,
 * about 130 KiB once form-encoded. Bolt's own default (4 MiB) and the old 1 MiB were only room
 * for an attacker.
 */
export const SLACK_MAX_BODY_BYTES = 256 * 1024;
/** Slack's SSL check (`ssl_check=1&token=…`), the one unsigned request, is a few dozen bytes. */
const SSL_CHECK_MAX_BYTES = 1024;
const FORM = 'application/x-www-form-urlencoded';

export class GuardedReceiver implements Receiver {
  private app: App | undefined;
  readonly door: HttpDoor;
  private readonly maxBodyBytes: number;
  private readonly nowMs: () => number;

  constructor(private readonly options: GuardedReceiverOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? SLACK_MAX_BODY_BYTES;
    this.nowMs = options.nowMs ?? Date.now;
    const events: HttpRoute = { method: 'POST', path: EVENTS_PATH, handler: (req, res, readBody) => this.slackRequest(req, res, readBody) };
    this.door = new HttpDoor({
      routes: [events, ...options.routes],
      logger: options.logger,
      ...(options.limits ? { limits: options.limits } : {}),
      onRefused: (outcome) => options.metrics?.request('invalid', outcome),
    });
  }

  init(app: App): void {
    this.app = app;
  }

  start(port: number): Promise<Server> {
    return this.door.start(port, this.options.host);
  }

  stop(): Promise<void> {
    return this.door.stop();
  }

  private async slackRequest(req: IncomingMessage, res: ServerResponse, readBody: BodyReader): Promise<void> {
    const tooLarge = declaredTooLarge(req, this.maxBodyBytes);
    if (tooLarge) return this.refuseBody(req, res, tooLarge);
    const headers = checkSlackHeaders(req.headers, this.nowMs());
    if (!headers.ok) {
      if (headers.missing && req.headers['content-type'] === FORM) return this.sslCheck(req, res, readBody);
      return this.refuse(req, res, 401, 'unauthorized', headers.reason);
    }
    const read = await readBody(req, this.maxBodyBytes);
    if (!read.ok) return this.refuseBody(req, res, read);
    if (!slackSignatureMatches(this.options.signingSecret, headers, read.bytes)) return this.refuse(req, res, 401, 'unauthorized', 'signature mismatch');

    const check = checkSlackRequest(req.headers['content-type'], read.bytes.toString('utf8'));
    if ('sslCheck' in check) return this.answerEmpty(res);
    if (!check.ok) {
      this.options.logger.warn('refused a signed request that is not a Slack request', { reason: check.reason });
      return this.refuse(req, res, 400, 'bad_request', check.reason);
    }
    const { body } = check;
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: body.challenge });
    if (body.type === 'app_rate_limited') {
      this.options.logger.warn('Slack is dropping events for this app (app_rate_limited)', { minute: body.minute_rate_limited });
      return sendJson(res, 200, { ok: true });
    }
    await this.dispatch(req, res, body);
  }

  /** Unsigned: only Slack's SSL check is answered, and only a form of a few bytes is read for it. */
  private async sslCheck(req: IncomingMessage, res: ServerResponse, readBody: BodyReader): Promise<void> {
    if (declaredTooLarge(req, SSL_CHECK_MAX_BYTES)) return this.refuse(req, res, 401, 'unauthorized', 'no signature headers');
    const read = await readBody(req, SSL_CHECK_MAX_BYTES);
    if (read.ok) {
      const check = checkSlackRequest(FORM, read.bytes.toString('utf8'));
      if ('sslCheck' in check) return this.answerEmpty(res);
    } else if (read.status === 'closed') {
      return;
    }
    this.refuse(req, res, 401, 'unauthorized', 'no signature headers');
  }

  /** What Bolt's HTTPReceiver does once it has a verified, parsed body: the event, its ack, its errors. */
  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('the receiver was started before Bolt initialised it');
    const ack = httpAck(res, this.options.boltLogger);
    const event: ReceiverEvent = {
      body,
      ack: ack.ack,
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      // As Bolt's defaultProcessEventErrorHandler: the request guard and app.error have logged it.
      ack.settle();
      if (res.headersSent) return;
      res.writeHead(error instanceof AuthorizationError ? 401 : 500);
      res.end();
    }
  }

  private answerEmpty(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
  }

  private refuseBody(req: IncomingMessage, res: ServerResponse, refusal: BodyRefusal): void {
    // The client went away: nobody is left to answer.
    if (refusal.status === 'closed') return;
    const outcome: RequestOutcome = refusal.status === 413 ? 'too_large' : refusal.status === 408 ? 'timeout' : 'over_capacity';
    this.refuse(req, res, refusal.status, outcome, refusal.reason);
  }

  /** Refused before Bolt: counted, summed up in the door's log line, answered, and the connection closed. */
  private refuse(req: IncomingMessage, res: ServerResponse, status: number, outcome: RequestOutcome, reason: string): void {
    this.options.metrics?.request('invalid', outcome);
    this.door.refused(`${status} ${EVENTS_PATH}: ${reason}`);
    // A 401 says nothing more, as Bolt's did.
    if (status === 401) return refuseAndClose(req, res, 401, null);
    refuseAndClose(req, res, status, { ok: false, error: outcome, detail: reason });
  }
}
