/**
 * The bot's HTTP server in HTTP mode: a plain node server that answers its own routes (GET /healthz,
 * GET /metrics) and hands POST /slack/events to Bolt's HTTPReceiver only once the request is known
 * to be Slack's: the body read within a size limit (413), its signature checked (401, as Bolt would),
 * and its shape one Bolt can dispatch (400, src/slack/slack-request.ts). Whatever arrives gets an
 * answer, and Bolt never parses a body it would throw on outside any handler. Bolt's receiver is
 * never started itself; only its request listener is used, with the body already read.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPReceiver, verifySlackRequest, type App, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { HttpRoute } from '../http/route';
import type { Logger } from '../logger';
import type { BotMetrics, RequestOutcome } from '../metrics';
import { checkSlackRequest } from './slack-request';

export type { HttpRoute };

export interface GuardedReceiverOptions {
  signingSecret: string;
  /** Routes besides /slack/events (health, metrics, webhooks). */
  routes: HttpRoute[];
  boltLogger: BoltLogger;
  logger: Logger;
  metrics?: BotMetrics;
  maxBodyBytes?: number;
}

export const EVENTS_PATH = '/slack/events';
/** Slack's largest payloads (a modal's state, a message event with blocks) are far below this. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

type BodyRead = { ok: true; bytes: Buffer } | { ok: false; status: 400 | 413; reason: string };

/** Reads the whole body, or stops at `limit` (the rest is discarded, never held). */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return resolve({ ok: false, status: 413, reason: `the body is over ${limit} bytes` });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        return settle({ ok: false, status: 413, reason: `the body is over ${limit} bytes` });
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', () => settle({ ok: false, status: 400, reason: 'the request was cut short' }));
    req.on('close', () => settle({ ok: false, status: 400, reason: 'the request was cut short' }));
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

export class GuardedReceiver implements Receiver {
  private readonly bolt: HTTPReceiver;
  private readonly maxBodyBytes: number;
  private server: Server | undefined;

  constructor(private readonly options: GuardedReceiverOptions) {
    this.bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      logger: options.boltLogger,
      processBeforeResponse: false,
    });
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  async start(port: number): Promise<Server> {
    if (this.server) throw new Error('the HTTP receiver is already started');
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.options.logger.error('HTTP request failed', { method: req.method, path: req.url, error: err });
        if (!res.headersSent) answer(res, 500, { ok: false, error: 'internal_error' });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = URL.canParse(req.url ?? '', 'http://localhost') ? new URL(req.url ?? '', 'http://localhost').pathname : undefined;
    if (path === EVENTS_PATH) {
      if (req.method !== 'POST') {
        req.resume();
        return this.refuse(res, 405, 'method_not_allowed', 'only POST', { Allow: 'POST' });
      }
      return this.slackRequest(req, res);
    }
    const route = this.options.routes.find((r) => r.path === path && r.method === req.method);
    if (route) return route.handler(req, res);
    req.resume();
    answer(res, 404, { ok: false, error: 'not_found' });
  }

  private async slackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readBody(req, this.maxBodyBytes);
    if (!read.ok) {
      this.options.logger.warn('refused a request to /slack/events', { status: read.status, reason: read.reason });
      return this.refuse(res, read.status, read.status === 413 ? 'too_large' : 'bad_request', read.reason, { Connection: 'close' });
    }
    const raw = read.bytes.toString('utf8');
    const check = checkSlackRequest(header(req, 'content-type'), raw);
    // Slack's SSL check is unsigned by design; everything else must carry Slack's signature.
    if (!('sslCheck' in check) && !this.signed(req, raw)) return this.refuse(res, 401, 'unauthorized');
    if (!check.ok) {
      this.options.logger.warn('refused a signed request that is not a Slack request', { reason: check.reason });
      return this.refuse(res, 400, 'bad_request', check.reason);
    }
    if ('body' in check && check.body.type === 'app_rate_limited') {
      this.options.logger.warn('Slack is dropping events for this app (app_rate_limited)', { minute: check.body.minute_rate_limited });
      return answer(res, 200, { ok: true });
    }
    // Bolt reuses a body already read (BufferedIncomingMessage) instead of reading the stream again.
    this.bolt.requestListener(Object.assign(req, { rawBody: read.bytes }), res);
  }

  /** The same check Bolt makes (signature and a timestamp within 5 minutes), made first. */
  private signed(req: IncomingMessage, raw: string): boolean {
    const signature = header(req, 'x-slack-signature');
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    if (!signature || !Number.isFinite(timestamp)) return false;
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      });
      return true;
    } catch {
      return false;
    }
  }

  private refuse(res: ServerResponse, status: number, outcome: RequestOutcome, reason?: string, headers: Record<string, string> = {}): void {
    this.options.metrics?.request('invalid', outcome);
    if (status === 401) {
      res.writeHead(401, headers);
      res.end();
      return;
    }
    answer(res, status, { ok: false, error: outcome, ...(reason ? { detail: reason } : {}) }, headers);
  }
}

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
