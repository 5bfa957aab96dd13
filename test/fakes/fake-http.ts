/**
 * The common part of the local fakes of outside services (Statuspage, Zendesk, a webhook receiver):
 * a real HTTP server on 127.0.0.1 at a random port that records every call and can be told to fail
 * the next calls, the way a real service fails: an HTTP error (500, 429 with Retry-After…), a
 * connection dropped before anything is done, or the answer lost after the work was done (the
 * case that tempts a client to do it twice).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status answered; 0 when the connection was cut instead. */
  status: number;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type InjectedFailure =
  | { status: number; retryAfter?: string; body?: unknown }
  /** The connection is cut before the request is handled: nothing done, no answer. */
  | { drop: true }
  /** The request is handled (its effect stays) but the connection is cut instead of answering. */
  | { loseAnswer: true }
  /** Nothing is done and no answer comes (until the fake stops): the client's timeout must end it. */
  | { hang: true };

export abstract class FakeHttpServer {
  readonly calls: RecordedCall[] = [];
  private readonly failures: InjectedFailure[] = [];
  private server: http.Server | undefined;
  private base = '';

  /** The next `times` requests fail so; later ones are handled normally. */
  failNext(times: number, failure: InjectedFailure): this {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
    return this;
  }

  get url(): string {
    if (!this.base) throw new Error('the fake is not started');
    return this.base;
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => void this.receive(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The calls of one method and path pattern, for assertions. */
  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  protected abstract handle(call: RecordedCall): FakeAnswer;

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call: RecordedCall = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: 0 };
    this.calls.push(call);
    const failure = this.failures.shift();
    if (failure && 'drop' in failure) return void res.destroy();
    if (failure && 'hang' in failure) return;
    if (failure && 'status' in failure) {
      call.status = failure.status;
      const body = JSON.stringify(failure.body ?? { error: `injected ${failure.status}` });
      res.writeHead(failure.status, { 'Content-Type': 'application/json; charset=utf-8', ...(failure.retryAfter !== undefined ? { 'Retry-After': failure.retryAfter } : {}) });
      return void res.end(body);
    }
    let answer: FakeAnswer;
    try {
      answer = this.handle(call);
    } catch (err) {
      answer = { status: 500, body: { error: err instanceof Error ? err.message : String(err) } };
    }
    if (failure && 'loseAnswer' in failure) return void res.destroy();
    call.status = answer.status;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...answer.headers });
    res.end(text);
  }
}

/** A request body as JSON or as Rails-style form fields (`incident[name]=…`), as the APIs accept. */
export function parseBody(call: RecordedCall): { ok: true; value: unknown } | { ok: false; error: string } {
  const type = String(call.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      return { ok: true, value: JSON.parse(call.body) as unknown };
    } catch {
      return { ok: false, error: 'the body is not valid JSON' };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const out: Record<string, Record<string, string>> = {};
    for (const [key, value] of new URLSearchParams(call.body)) {
      const m = /^(\w+)\[(\w+)\]$/.exec(key);
      if (!m?.[1] || !m[2]) return { ok: false, error: `unexpected form field ${key}` };
      (out[m[1]] ??= {})[m[2]] = value;
    }
    return { ok: true, value: out };
  }
  return { ok: false, error: `unsupported Content-Type ${type ?? 'none'}` };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
