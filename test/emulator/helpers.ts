/**
 * Test helpers for the emulator's own tests: a started emulator with a real @slack/web-api client
 * pointed at it, and a tiny "bot" HTTP server that records what the driver sends and checks each
 * signature with Bolt's own verifier.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { SlackEmulator, type SlackEmulatorOptions } from '../../src/emulator';

export const BOT_TOKEN = 'xoxb-emulated-test-token';
export const SIGNING_SECRET = 'emulated-signing-secret';

/** Keeps the WebClient quiet: it logs every `[ERROR]` response_metadata message the tests provoke. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export async function startEmulator(
  opts: Partial<SlackEmulatorOptions> = {},
  clientOpts: { rejectRateLimitedCalls?: boolean } = {},
): Promise<{ emu: SlackEmulator; client: WebClient }> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, ...opts });
  await emu.start();
  const client = new WebClient(BOT_TOKEN, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...clientOpts,
  });
  return { emu, client };
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  signatureValid: boolean;
  /** The parsed body: a form (with `payload` decoded when present) or JSON. */
  parsed: unknown;
}

export type Responder = (req: RecordedRequest) => { status?: number; body?: string; contentType?: string };

export class RecordingBot {
  readonly requests: RecordedRequest[] = [];
  responder: Responder = () => ({ status: 200, body: '' });
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  last(): RecordedRequest {
    const req = this.requests[this.requests.length - 1];
    if (!req) throw new Error('RecordingBot: no request received');
    return req;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const signature = req.headers['x-slack-signature'];
        const timestamp = Number(req.headers['x-slack-request-timestamp']);
        const signatureValid =
          typeof signature === 'string' &&
          isValidSlackRequest({
            signingSecret: SIGNING_SECRET,
            body: rawBody,
            headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
          });
        const recorded: RecordedRequest = { path: req.url ?? '', headers: req.headers, rawBody, signatureValid, parsed: parse(req, rawBody) };
        this.requests.push(recorded);
        const answer = this.responder(recorded);
        res.writeHead(answer.status ?? 200, answer.contentType ? { 'Content-Type': answer.contentType } : {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function parse(req: IncomingMessage, rawBody: string): unknown {
  if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as unknown) : form;
  }
  return JSON.parse(rawBody) as unknown;
}

/** Narrows `unknown` to a record for assertions. */
export function rec(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** A WebClient platform error's `data`, or the thrown value when it is something else. */
export async function slackError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    const data = rec(err).data;
    return data === undefined ? rec(err) : rec(data);
  }
  throw new Error('expected the Web API call to fail');
}
