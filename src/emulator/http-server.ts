/**
 * The emulator's HTTP front (Node's `http` only): `POST /api/<method>` for the Web API,
 * `POST /upload/<file_id>` for file bytes, `POST /response/<id>` for response_urls. Answers
 * JSON with status 200 (429 for injected rate limits), as Slack does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiReply } from './api-dispatch';
import { parseApiArgs, parseResponseBody, readBody, uploadedBytes } from './body-parsing';
import type { JsonObject } from './json';
import type { ResponseUrlReply } from './response-urls';

export type UploadFault = 'hang' | 'drop';

export interface EmulatorRoutes {
  /** May answer later (a slow or hanging Slack, for fault tests). */
  api(method: string, args: JsonObject, authorization: string | undefined): ApiReply | Promise<ApiReply>;
  /** Stores the bytes; false when no such upload was started. */
  upload(fileId: string, bytes: Buffer): boolean;
  /** An injected upload failure: never answer ('hang'), or cut the connection ('drop'). */
  uploadFault?(fileId: string): UploadFault | undefined;
  /** undefined when the response_url is unknown. */
  response(id: string, body: JsonObject): ResponseUrlReply | undefined;
}

export class EmulatorHttpServer {
  private server: Server | undefined;
  private boundPort: number | undefined;
  /** Requests being answered now (a held or slow call among them), and every request received. */
  active = 0;
  received = 0;

  constructor(private readonly routes: EmulatorRoutes) {}

  get port(): number {
    if (this.boundPort === undefined) throw new Error('SlackEmulator is not started; call start() first');
    return this.boundPort;
  }

  async start(port: number): Promise<void> {
    if (this.server) throw new Error('SlackEmulator is already started');
    const server = createServer((req, res) => {
      this.active += 1;
      this.received += 1;
      this.handle(req, res)
        .catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          console.error(`[slack-emulator] ${req.method ?? ''} ${req.url ?? ''}: ${message}`);
          if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: message });
          else res.end();
        })
        .finally(() => (this.active -= 1));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.boundPort = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const [, area, id] = /^\/(api|upload|response)\/([^/]+)$/.exec(url.pathname) ?? [];
    if (req.method !== 'POST' && !(req.method === 'GET' && area === 'api')) return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    if (area === 'api' && id) {
      const parsed = parseApiArgs(req, body, url.searchParams);
      const reply = parsed.ok
        ? await this.routes.api(id, parsed.args, req.headers.authorization)
        : { status: 200, headers: {}, body: { ok: false, error: 'invalid_form_data' } };
      return sendJson(res, reply.status, reply.body, reply.headers);
    }
    if (area === 'upload' && id) {
      const fault = this.routes.uploadFault?.(id);
      // A hung upload stays open until the emulator stops (stop() closes every connection).
      if (fault === 'hang') return;
      if (fault === 'drop') return void req.socket.destroy();
      const bytes = uploadedBytes(req, body);
      if (!this.routes.upload(id, bytes)) return sendText(res, 404, 'file_not_found');
      return sendText(res, 200, `OK - ${bytes.length}`);
    }
    if (area === 'response' && id) {
      const parsed = parseResponseBody(req, body);
      if (!parsed) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
      const reply = this.routes.response(id, parsed);
      if (!reply) return sendJson(res, 404, { ok: false, error: 'expired_url' });
      return sendJson(res, reply.status, reply.body);
    }
    return sendJson(res, 404, { ok: false, error: 'not_found' });
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
