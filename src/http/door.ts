/**
 * The bot's HTTP server (in HTTP and Socket Mode alike): the door every request comes through before
 * any route sees it. Whoever is knocking, the bot's memory, file descriptors and time stay bounded:
 *
 * - a deadline (10 s) for the headers and, through `readBody`, for the body: a client trickling
 *   bytes is answered 408 and cut off instead of being held for minutes;
 * - a connection cap: past it, a connection's request is answered 503 at once and the connection
 *   closed; past the cap and a small overflow, a connection is closed unanswered, so the process
 *   never runs out of file descriptors (Slack's own calls and the database need some);
 * - one budget for the bytes of every body not yet vouched for by a signature (503 past it), so
 *   thousands of slow senders cannot make the bot hold more than that in memory.
 *
 * Routes answer the rest (404 unknown path, 405 wrong method). Refusals are counted and logged once
 * per interval with their counts, never a line per request, so a flood cannot fill the disk either.
 */
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger';
import { ByteBudget, readBody, type BodyReader } from './body-reader';
import type { HttpRoute } from './route';

export interface DoorLimits {
  /** Open connections served; the next ones get 503 (a few) or are closed (past the overflow). */
  maxConnections: number;
  /** Headers, and then the body, must each arrive within this long. */
  deadlineMs: number;
  /** Bytes held at once, across requests, by bodies whose signature is not checked yet. */
  unverifiedBytes: number;
}

/** Tells the metrics about a refusal made at the door. */
export type DoorRefusal = 'over_capacity' | 'timeout' | 'bad_request' | 'method_not_allowed';

export interface DoorOptions {
  routes: HttpRoute[];
  logger: Logger;
  limits?: Partial<DoorLimits>;
  onRefused?: (outcome: DoorRefusal) => void;
  /** How often refusals are summed up in one log line. */
  logEveryMs?: number;
}

export const DEFAULT_DEADLINE_MS = 10_000;
/**
 * 16 MiB past each body's first 8 KiB (body-reader.ts): sixty and more of the largest Slack bodies
 * at once, a small part of the bot's memory.
 */
export const DEFAULT_UNVERIFIED_BYTES = 16 * 1024 * 1024;
/** Connections past the cap that still get their 503 before being closed: a tenth more, at least 16. */
const OVERFLOW_SHARE = 0.1;
const MIN_OVERFLOW = 16;
/** Descriptors kept free for the database, Slack's Web API calls and the logs. */
const RESERVED_FDS = 512;
const FALLBACK_MAX_CONNECTIONS = 1_000;
const DEFAULT_MAX_CONNECTIONS = 4_096;
/** How long a refused connection may linger so its client can read the answer. */
const LINGER_MS = 1_000;

/**
 * 4,096 connections, or fewer when the process may open fewer files (Linux: /proc/self/limits),
 * keeping RESERVED_FDS free; Node raises the soft limit to the hard one at start.
 */
export function defaultMaxConnections(limitsFile = '/proc/self/limits'): number {
  try {
    const line = fs.readFileSync(limitsFile, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (!Number.isFinite(soft)) return DEFAULT_MAX_CONNECTIONS;
    return Math.max(64, Math.min(DEFAULT_MAX_CONNECTIONS, Math.floor((soft - RESERVED_FDS) / (1 + OVERFLOW_SHARE))));
  } catch {
    return FALLBACK_MAX_CONNECTIONS;
  }
}

export function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/**
 * Answers and closes the connection without reading what the client still sends: Node stops
 * after the answer (Connection: close), and a client that keeps the socket open is cut off
 * after LINGER_MS, long enough for it to read the answer.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, body: object | null, headers: Record<string, string> = {}): void {
  const socket = req.socket;
  if (body === null) {
    if (!res.headersSent) {
      res.writeHead(status, { Connection: 'close', 'Content-Length': '0', ...headers });
      res.end();
    }
  } else {
    sendJson(res, status, body, { Connection: 'close', ...headers });
  }
  cutOffLater(socket);
}

/** Destroys `socket` after LINGER_MS unless it closed by then (the timer then lets go of it at once). */
function cutOffLater(socket: Socket): void {
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Counts refusals and writes one line per interval with the counts, so a flood is one line. */
class RefusalLog {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly everyMs: number,
  ) {}

  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.everyMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counts.size === 0) return;
    const refused = Object.fromEntries(this.counts);
    this.counts = new Map();
    this.logger.warn('HTTP requests refused at the door', { refused, withinMs: this.everyMs });
  }
}

export class HttpDoor {
  readonly limits: DoorLimits;
  readonly budget: ByteBudget;
  private server: Server | undefined;
  private open = 0;
  /** Connections accepted past the cap: their request gets 503, then they close. */
  private readonly overflow = new WeakSet<Socket>();
  /** Connections whose first request has not arrived yet, with their deadline. */
  private readonly firstRequest = new WeakMap<Socket, NodeJS.Timeout>();
  private readonly refusals: RefusalLog;
  /** The routes by path, then by method. */
  private readonly routes = new Map<string, Map<string, HttpRoute>>();
  readonly readBody: BodyReader;

  constructor(private readonly options: DoorOptions) {
    this.limits = {
      maxConnections: options.limits?.maxConnections ?? defaultMaxConnections(),
      deadlineMs: options.limits?.deadlineMs ?? DEFAULT_DEADLINE_MS,
      unverifiedBytes: options.limits?.unverifiedBytes ?? DEFAULT_UNVERIFIED_BYTES,
    };
    this.budget = new ByteBudget(this.limits.unverifiedBytes);
    this.refusals = new RefusalLog(options.logger, options.logEveryMs ?? 10_000);
    this.readBody = (req, maxBytes) => readBody(req, { maxBytes, deadlineMs: this.limits.deadlineMs, budget: this.budget });
    for (const route of options.routes) {
      const byMethod = this.routes.get(route.path) ?? new Map<string, HttpRoute>();
      byMethod.set(route.method, route);
      this.routes.set(route.path, byMethod);
    }
  }

  /** Open connections right now (for tests and the benchmark). */
  get connections(): number {
    return this.open;
  }

  /** A refusal made by a route (401, 413, …), counted into the same summary line. */
  refused(what: string): void {
    this.refusals.count(what);
  }

  async start(port: number, host?: string): Promise<Server> {
    if (this.server) throw new Error('the HTTP server is already started');
    const { deadlineMs, maxConnections } = this.limits;
    const server = createServer(
      {
        headersTimeout: deadlineMs,
        // The body has its own deadline (readBody); this one only catches a request nobody reads.
        requestTimeout: deadlineMs * 2,
        // Node checks both only this often; the default (30 s) would triple the deadline.
        connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(deadlineMs / 4))),
        keepAliveTimeout: 5_000,
      },
      (req, res) => this.handle(req, res),
    );
    // Past the overflow Node closes a new connection before anything is read.
    server.maxConnections = maxConnections + Math.max(MIN_OVERFLOW, Math.ceil(maxConnections * OVERFLOW_SHARE));
    server.on('connection', (socket: Socket) => {
      this.open += 1;
      // Node times out headers only once their first byte arrived; a connection that sends
      // nothing at all gets the same deadline here.
      const silent = setTimeout(() => this.tooSlow(socket), deadlineMs);
      silent.unref();
      this.firstRequest.set(socket, silent);
      socket.once('close', () => {
        this.open -= 1;
        clearTimeout(silent);
      });
      if (this.open > maxConnections) {
        this.overflow.add(socket);
        // It gets its 503 as soon as its request arrives, and no more time than that.
        setTimeout(() => socket.destroy(), Math.min(deadlineMs, 2_000)).unref();
      }
    });
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => this.clientError(err, socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    this.refusals.flush();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private refuse(outcome: DoorRefusal, what: string): void {
    this.options.onRefused?.(outcome);
    this.refusals.count(what);
  }

  /** No request within the deadline: 408, and closed. */
  private tooSlow(socket: Socket): void {
    this.refuse('timeout', '408 headers too slow');
    if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    cutOffLater(socket);
  }

  /** Node's parser gave up: headers too slow (408), too large (431) or not HTTP (400). */
  private clientError(err: NodeJS.ErrnoException, socket: Socket): void {
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    if (err.code !== 'ECONNRESET') this.refuse(timeout ? 'timeout' : 'bad_request', timeout ? '408 headers too slow' : tooLarge ? '431 headers too large' : '400 not HTTP');
    if (socket.writable && !socket.destroyed) {
      const status = timeout ? '408 Request Timeout' : tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    cutOffLater(socket);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const silent = this.firstRequest.get(req.socket);
    if (silent) {
      clearTimeout(silent);
      this.firstRequest.delete(req.socket);
    }
    if (this.overflow.has(req.socket)) {
      this.refuse('over_capacity', '503 over capacity');
      return refuseAndClose(req, res, 503, { ok: false, error: 'over_capacity', detail: 'too many connections; try again shortly' }, { 'Retry-After': '1' });
    }
    // The path is matched as sent, up to its query: no route is reached through a spelling of it.
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const routes = this.routes.get(path);
    const route = routes?.get(req.method ?? '');
    if (!route) {
      if (routes) {
        const allow = [...routes.keys()].join(', ');
        this.refuse('method_not_allowed', '405 wrong method');
        return refuseAndClose(req, res, 405, { ok: false, error: 'method_not_allowed', detail: `only ${allow}` }, { Allow: allow });
      }
      return refuseAndClose(req, res, 404, { ok: false, error: 'not_found' });
    }
    let answered: void | Promise<void>;
    try {
      answered = route.handler(req, res, this.readBody);
    } catch (err) {
      answered = Promise.reject(err);
    }
    Promise.resolve(answered).catch((err: unknown) => {
      this.options.logger.error('HTTP request failed', { method: req.method, path, error: err });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else if (!res.writableEnded) res.end();
    });
  }
}
