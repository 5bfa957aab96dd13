/**
 * The door under a flood: thousands of unauthenticated clients that are slow on purpose, each
 * reconnecting as soon as it is cut off, against the bot exactly as `npm start` runs it. Three
 * kinds, the ways to hold a server's memory and connections without a signing secret:
 *
 * - headers trickled a line a second, never finished (slowloris);
 * - plausible Slack headers (a fresh timestamp, a well-formed signature that cannot match) and a
 *   240 KiB body trickled 8 KiB a second: the body must be read before the signature can fail;
 * - the same headers and 200 KiB sent at once, then nothing: as much held as possible, for as
 *   long as possible.
 *
 * Meanwhile signed `/crisis help` and `/crisis list` commands arrive, each on a new connection as
 * Slack sends them, and the bot's resident memory is sampled. What the slow clients got back is
 * counted from their side.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/clock';
import { SlackEmulator, slackSignature } from '../src/emulator';
import { postRaw } from '../src/emulator/signing';
import { openDatabase } from '../src/store/database';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { residentMiB, startBotProcess } from './processes';
import { seedCrises } from './seed';
import { percentile } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';

export interface FloodOptions {
  clients: number;
  /** Of the clients, how many send 200 KiB at once and stall (the rest trickle). */
  stalled: number;
  seconds: number;
  /** Open crises in the bot's database (what `list` shows). */
  openCrises: number;
}

interface FloodTarget {
  port: number;
  pid: number | undefined;
  signingSecret: string;
  clients: number;
  stalled: number;
  seconds: number;
}

export interface FloodFigures {
  clients: number;
  seconds: number;
  kinds: Record<ClientKind, number>;
  idleMiB: number;
  peakMiB: number;
  commands: { sent: number; failed: number; p50: number; p99: number; max: number };
  /** What the slow clients got: an HTTP status, or `closed` (cut off with no answer). */
  answers: Record<string, number>;
  connections: number;
}

type ClientKind = 'slowHeaders' | 'slowBody' | 'stalledBody';

const SLOW_BODY_BYTES = 240 * 1024;
const STALLED_BYTES = 200 * 1024;
const TRICKLE_EVERY_MS = 1_000;
/** What a body trickler sends each second: a 240 KiB body takes half a minute. */
export const TRICKLE_BYTES = 8 * 1024;
const RECONNECT_AFTER_MS = 1_000;
const COMMAND_EVERY_MS = 250;
const COMMAND_TIMEOUT_MS = 10_000;

function plausibleHead(contentLength: number): string {
  const timestamp = Math.floor(Date.now() / 1000);
  return (
    `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${contentLength}\r\nX-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${'5a'.repeat(32)}\r\n\r\n`
  );
}

function commandBody(text: string, n: number): string {
  return new URLSearchParams({
    team_id: 'T0CRISIS',
    channel_id: 'C0GENERAL',
    user_id: 'U0ALICE',
    command: '/crisis',
    text,
    response_url: 'http://127.0.0.1:9/response/flood',
    trigger_id: `${n}.${process.pid}.flood`,
  }).toString();
}

/** Starts the bot as `npm start` runs it (with `openCrises` open), floods it, and stops it. */
export async function slowClientsBench(options: FloodOptions): Promise<FloodFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-flood-'));
  const file = path.join(dir, 'crisis.db');
  const db = openDatabase(file);
  const clock = new ManualClock(new Date());
  migrate(db, undefined, () => clock.now());
  seedCrises(createStore(db), {
    count: options.openCrises,
    at: clock.now().toISOString(),
    cadenceMinutes: 24 * 60,
    severity: 'sev4',
    channelFor: (i) => ({ id: `C9${String(i).padStart(8, '0')}`, name: `crisis-seeded-${i}` }),
    leadFor: () => 'U0ALICE',
  });
  db.close();
  const bot = await startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl, DATABASE_PATH: file });
  try {
    // Settled after start-up, as the idle figure elsewhere.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return await flood({ port: bot.port, pid: bot.child.pid, signingSecret: SIGNING_SECRET, clients: options.clients, stalled: options.stalled, seconds: options.seconds });
  } finally {
    await bot.stop();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function flood(options: FloodTarget): Promise<FloodFigures> {
  const { port, signingSecret } = options;
  const until = performance.now() + options.seconds * 1000;
  const answers: Record<string, number> = {};
  const count = (what: string): void => {
    answers[what] = (answers[what] ?? 0) + 1;
  };
  const stalled = Buffer.alloc(STALLED_BYTES, 0x78);
  const drip = Buffer.alloc(TRICKLE_BYTES, 0x78);
  const kinds: Record<ClientKind, number> = { slowHeaders: 0, slowBody: 0, stalledBody: 0 };
  /** Sockets that trickle, with what they write next. */
  const trickling = new Map<net.Socket, () => void>();
  const sockets = new Set<net.Socket>();
  let open = 0;
  let peakOpen = 0;
  /** Set once the flood is over: closing the clients' own sockets is not counted as the bot's doing. */
  let over = false;

  const connectClient = (kind: ClientKind): void => {
    if (performance.now() >= until) return;
    const socket = net.connect(port, '127.0.0.1');
    sockets.add(socket);
    let answered = false;
    let connected = false;
    let text = '';
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      open += 1;
      peakOpen = Math.max(peakOpen, open);
      if (kind === 'slowHeaders') {
        socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        let n = 0;
        trickling.set(socket, () => socket.write(`X-Slow-${(n += 1)}: 1\r\n`));
      } else if (kind === 'slowBody') {
        socket.write(plausibleHead(SLOW_BODY_BYTES));
        trickling.set(socket, () => socket.write(drip));
      } else {
        socket.write(plausibleHead(SLOW_BODY_BYTES));
        socket.write(stalled);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      text += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      if (status) {
        answered = true;
        count(status);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      trickling.delete(socket);
      sockets.delete(socket);
      if (connected) open -= 1;
      if (!answered && !over) count(connected ? 'closed' : 'refused at connect');
      setTimeout(() => connectClient(kind), RECONNECT_AFTER_MS).unref();
    });
  };

  const idleMiB = residentMiB(options.pid);
  let peakMiB = idleMiB;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, residentMiB(options.pid))), 200);

  // `stalled` of them stall; of the rest, a third trickle headers and two thirds bodies. Opened in
  // batches, as a flood ramps up.
  const stallEvery = options.stalled > 0 ? options.clients / options.stalled : Infinity;
  for (let i = 0; i < options.clients; i += 1) {
    const kind: ClientKind = options.stalled > 0 && i % stallEvery < 1 ? 'stalledBody' : i % 3 === 1 ? 'slowHeaders' : 'slowBody';
    kinds[kind] += 1;
    connectClient(kind);
    if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Each trickler writes once a second, spread over the second so the writes do not come in one burst.
  let slice = 0;
  const trickler = setInterval(() => {
    slice = (slice + 1) % 10;
    let i = 0;
    for (const write of trickling.values()) if (i++ % 10 === slice) write();
  }, TRICKLE_EVERY_MS / 10);

  // Signed commands meanwhile, one every COMMAND_EVERY_MS, each on a new connection.
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const pending: Array<Promise<void>> = [];
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  while (performance.now() < until - 500) {
    sent += 1;
    const body = commandBody(sent % 2 === 0 ? 'list' : 'help', sent);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const timeout = new Promise<{ status: number }>((resolve) => setTimeout(() => resolve({ status: 0 }), COMMAND_TIMEOUT_MS).unref());
    const request = postRaw(`http://127.0.0.1:${port}/slack/events`, body, {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': slackSignature(signingSecret, timestamp, body),
    }).catch(() => ({ status: 0 }));
    pending.push(
      Promise.race([request, timeout]).then((res) => {
        const ms = performance.now() - started;
        latencies.push(ms);
        if (res.status !== 200 || ms > 3_000) failed += 1;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, COMMAND_EVERY_MS));
  }
  await Promise.all(pending);
  clearInterval(trickler);
  clearInterval(sampler);
  // Let the flood go: no reconnecting past `until`, and every socket still open closed.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - performance.now())));
  over = true;
  for (const socket of sockets) socket.destroy();

  return {
    clients: options.clients,
    seconds: options.seconds,
    kinds,
    idleMiB,
    peakMiB,
    commands: { sent, failed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) },
    answers,
    connections: peakOpen,
  };
}
