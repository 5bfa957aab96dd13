/**
 * Socket Mode (SLACK_APP_TOKEN set): apps.connections.open goes to SLACK_API_URL like every other
 * Web API call (so a proxy, or the emulator, works), the bot takes a slash command from the
 * WebSocket and acks it there, /healthz, /metrics and POST /hooks/volume answer on PORT, and a stop closes the socket
 * with a normal close before it returns.
 */
import { createServer } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Bot } from '../../src/bot';
import type { SlackEmulator } from '../../src/emulator';
import { signBody } from '../../src/http/webhook-signature';
import { ALICE, GENERAL } from '../helpers/harness';
import { startEmulator, startTestBot } from './helpers/bot-setup';
import { readable } from './helpers/declare-helpers';

const APP_TOKEN = 'xapp-1-test-app-token';

/** A free TCP port: the Socket Mode receiver serves /healthz on PORT and does not report a picked one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Slack's side of the socket: says hello to each connection and collects what the bot sends. */
class FakeSocketModeServer {
  readonly received: Array<{ envelope_id?: string; payload?: unknown }> = [];
  /** Close codes of the bot's connections, as they closed. */
  readonly closed: number[] = [];
  private readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  private socket: WebSocket | undefined;

  constructor() {
    this.wss.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.received.push(JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown }));
      socket.on('close', (code) => this.closed.push(code));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'emulated' }, connection_info: { app_id: 'A0CRISIS' } }));
    });
  }

  url(): Promise<string> {
    return new Promise((resolve) => {
      const ready = (): void => {
        const address = this.wss.address();
        resolve(`ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/link`);
      };
      if (this.wss.address()) ready();
      else this.wss.once('listening', ready);
    });
  }

  send(envelope: object): void {
    if (!this.socket) throw new Error('the bot is not connected');
    this.socket.send(JSON.stringify(envelope));
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

let emu: SlackEmulator;
let socket: FakeSocketModeServer;
let bot: Bot | undefined;

beforeEach(async () => {
  emu = await startEmulator({ appToken: APP_TOKEN });
  socket = new FakeSocketModeServer();
  emu.setSocketModeUrl(await socket.url());
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await socket.close();
  await emu.stop();
});

test('connects through SLACK_API_URL, acks /crisis help over the socket, serves /healthz and /metrics on PORT, and closes the socket cleanly', async () => {
  const port = await freePort();
  ({ bot } = await startTestBot(emu, { env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '', PORT: String(port) } }));

  // The socket URL came from the emulator, so apps.connections.open went to SLACK_API_URL.
  expect(emu.calls('apps.connections.open')).toEqual([expect.objectContaining({ ok: true })]);

  socket.send({
    envelope_id: 'env-help-1',
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      token: 'verification-token',
      team_id: emu.state.teamId,
      team_domain: 'crisis-emulated',
      channel_id: GENERAL,
      channel_name: 'general',
      user_id: ALICE,
      user_name: 'alice',
      command: '/crisis',
      text: 'help',
      api_app_id: 'A0CRISIS',
      is_enterprise_install: 'false',
      response_url: emu.issueResponseUrl({ channelId: GENERAL, userId: ALICE }),
      trigger_id: emu.issueTrigger(ALICE),
    },
  });
  const ack = await emu.waitFor(() => socket.received.find((m) => m.envelope_id === 'env-help-1'));
  expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
  expect(readable(ack.payload)).toContain('/crisis declare');
  // The ack carried the answer: nothing else was sent to Slack for it.
  expect(emu.calls().map((c) => c.method)).toEqual(['auth.test', 'apps.connections.open']);

  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });

  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  expect(metrics).toContain('crisis_bot_requests_total{kind="command",outcome="ok"} 1');
  expect(metrics).toContain('crisis_bot_ack_seconds_count{kind="command"} 1');
  expect(metrics).toContain('crisis_bot_slack_api_calls_total{method="auth.test"} 1');

  // A stop closes the socket with the close handshake (1000), not by dropping it.
  await bot.stop();
  await emu.waitFor(() => socket.closed.length > 0);
  expect(socket.closed).toEqual([1000]);
});

test('an app token Slack refuses stops start-up with a clear message and lets go of PORT', async () => {
  const port = await freePort();
  const started = startTestBot(emu, { env: { SLACK_APP_TOKEN: 'xapp-1-wrong-token', SLACK_SIGNING_SECRET: '', PORT: String(port) } });
  await expect(started).rejects.toThrow('Slack refused SLACK_APP_TOKEN (invalid_auth)');
  // PORT was let go: the next start can have it.
  const again = await startTestBot(emu, { env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '', PORT: String(port) } });
  bot = again.bot;
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  expect(emu.calls('apps.connections.open').map((c) => c.error ?? 'ok')).toEqual(['invalid_auth', 'ok']);
});

test('serves POST /hooks/volume on PORT in Socket Mode too', async () => {
  const port = await freePort();
  const secret = 'socket-mode-webhook-secret';
  ({ bot } = await startTestBot(emu, { env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '', PORT: String(port), CRISIS_WEBHOOK_SECRET: secret } }));
  const at = new Date().toISOString();
  const crisis = bot.store.crises.insert({
    teamId: 'T1', channelId: 'C0SOCKETCRISIS', channelName: 'crisis-socket', title: 'Socket crisis', type: 'other', severity: 'sev2',
    customerImpact: '', declaredBy: ALICE, declaredAt: at, cardTs: null, announceChannelId: null, announceTs: null,
  });
  const post = async (body: string, sign = true): Promise<Response> => {
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`http://127.0.0.1:${port}/hooks/volume`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Crisis-Timestamp': String(ts), ...(sign ? { 'X-Crisis-Signature': signBody(secret, ts, body) } : {}) },
      body,
    });
  };
  const ok = await post(JSON.stringify({ channel: crisis.channelId, count: 42, source: 'intercom', id: 'sm-1' }));
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ ok: true });
  expect(bot.store.volume.list(crisis.id).map((s) => s.count)).toEqual([42]);
  expect((await post('{"channel":"C0SOCKETCRISIS"', false)).status).toBe(401);
  expect((await post('[]')).status).toBe(400);
});
