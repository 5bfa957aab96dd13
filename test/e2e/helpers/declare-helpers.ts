/**
 * Shared pieces for the declare / list / roles end-to-end tests: a harness on a fixed day, sending
 * `/crisis …` and waiting for its response_url reply, reading what a person sees in a message,
 * counting stored rows, and a probe that proves a command's ack left before its Web API calls.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { ManualClock } from '../../../src/clock';
import type { Crisis } from '../../../src/core/crisis';
import type { RecordedResponse, SendResult } from '../../../src/emulator';
import { ALICE, startHarness, type Harness, type HarnessOptions } from '../../helpers/harness';

/** Declarations happen on this day, so channel names are predictable. */
export const DAY_START = '2026-03-05T09:00:00Z';
export const DAY = '20260305';

export async function startAt(options: HarnessOptions = {}): Promise<Harness> {
  return startHarness({ clock: new ManualClock(DAY_START), ...options });
}

export function crisisCommand(h: Harness, userId: string, channelId: string, text: string): Promise<SendResult> {
  return h.driver.slashCommand({ userId, channelId, text });
}

/** Every string a person could read in a message or ack body: text, and every text in its blocks. */
export function readable(message: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(message);
  return out.join('\n');
}

/** mrkdwn as a person reads it: Slack shows `&lt;` `&gt;` `&amp;` as the characters. */
export function asSeen(markup: string): string {
  return markup.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function ackText(result: SendResult): string {
  return readable(result.json ?? {});
}

/** Sends a command, then waits for the reply it sends later through response_url. */
export async function commandWithReply(h: Harness, userId: string, channelId: string, text: string): Promise<{ ack: SendResult; reply: RecordedResponse }> {
  const before = h.emu.responses().length;
  const ack = await crisisCommand(h, userId, channelId, text);
  if (ack.status !== 200) throw new Error(`/crisis ${text} answered HTTP ${ack.status}: ${ack.body}`);
  const reply = await h.emu.waitFor(() => h.emu.responses().slice(before).find((r) => r.context.userId === userId));
  return { ack, reply };
}

export function replyText(reply: RecordedResponse): string {
  return readable(reply.body);
}

/** Quick-path declare that must succeed, and everything it set off done; returns the stored crisis and the person's reply. */
export async function declareQuick(h: Harness, text: string, userId = ALICE, channelId = 'C0GENERAL'): Promise<{ crisis: Crisis; reply: string }> {
  const { reply } = await commandWithReply(h, userId, channelId, `declare ${text}`);
  await h.settled();
  const said = replyText(reply);
  const channelId2 = /<#(C[A-Z0-9]+)>/.exec(said)?.[1];
  if (!channelId2 || !said.includes('Declared')) throw new Error(`declare did not succeed: ${said}`);
  return { crisis: h.bot.store.crises.byChannel(channelId2) ?? failNoCrisis(channelId2), reply: said };
}

function failNoCrisis(channelId: string): never {
  throw new Error(`no crisis stored for ${channelId}`);
}

export interface RowCounts {
  crises: number;
  role_assignments: number;
  checklist_items: number;
  timeline_events: number;
  reminders: number;
}

export function rowCounts(h: Harness): RowCounts {
  const count = (table: keyof RowCounts): number => (h.bot.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    crises: count('crises'),
    role_assignments: count('role_assignments'),
    checklist_items: count('checklist_items'),
    timeline_events: count('timeline_events'),
    reminders: count('reminders'),
  };
}

/** Web API method names called since `from` (an index into the emulator's call record). */
export function methodsSince(h: Harness, from: number): string[] {
  return h.emu.calls().slice(from).map((c) => c.method);
}

/**
 * Orders, in this one process, the moment the bot calls `end()` on its HTTP answer to Slack (the
 * ack) against the moment it opens a Web API request to the emulator. Both happen synchronously on
 * the bot's side, so the order is exact, not a race between two sockets.
 */
export class AckOrderProbe {
  readonly events: Array<{ kind: 'ack' | 'api'; what: string }> = [];
  private readonly onServerRequest = (message: unknown): void => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.socket.localPort !== this.botPort || request.url !== '/slack/events') return;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    const events = this.events;
    (response as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      events.push({ kind: 'ack', what: String(response.statusCode) });
      return end(...args);
    };
  };
  private readonly onClientRequest = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    this.apiRequest(String(request.getHeader('host') ?? ''), request.path);
  };
  /** @slack/web-api 8 calls through fetch (undici), which reports on its own channel. */
  private readonly onFetchRequest = (message: unknown): void => {
    const { request } = message as { request: { origin?: unknown; path?: unknown } };
    this.apiRequest(String(request.origin ?? ''), String(request.path ?? ''));
  };

  private apiRequest(host: string, requestPath: string): void {
    if (host.endsWith(`:${this.emulatorPort}`) && requestPath.startsWith('/api/')) {
      this.events.push({ kind: 'api', what: requestPath.slice('/api/'.length) });
    }
  }

  constructor(
    private readonly botPort: number,
    private readonly emulatorPort: number,
  ) {
    diagnostics.subscribe('http.server.request.start', this.onServerRequest);
    diagnostics.subscribe('http.client.request.start', this.onClientRequest);
    diagnostics.subscribe('undici:request:create', this.onFetchRequest);
  }

  static for(h: Harness): AckOrderProbe {
    const emulatorPort = Number(new URL(h.emu.baseUrl).port);
    return new AckOrderProbe(h.bot.port ?? 0, emulatorPort);
  }

  reset(): void {
    this.events.length = 0;
  }

  apiCalls(): string[] {
    return this.events.filter((e) => e.kind === 'api').map((e) => e.what);
  }

  /** The Web API requests opened before the first ack (empty when the ack went first). */
  callsBeforeFirstAck(): string[] {
    const first = this.events.findIndex((e) => e.kind === 'ack');
    if (first === -1) throw new Error('no ack was sent');
    return this.events.slice(0, first).filter((e) => e.kind === 'api').map((e) => e.what);
  }

  close(): void {
    diagnostics.unsubscribe('http.server.request.start', this.onServerRequest);
    diagnostics.unsubscribe('http.client.request.start', this.onClientRequest);
    diagnostics.unsubscribe('undici:request:create', this.onFetchRequest);
  }
}
