/**
 * Benchmarks through real HTTP and the local Slack emulator: ack latency of the bot beside a bare
 * Bolt app, declare end to end (ack to pinned card) beside the emulator's own round trips, and the
 * bot's resident memory while idle with 1,000 open crises.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/clock';
import { SlackDriver, SlackEmulator } from '../src/emulator';
import { silentLogger } from '../src/logger';
import { openDatabase } from '../src/store/database';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { SlackApi } from '../src/slack/web-api';
import { fireCommands } from './load';
import { cpuMs, residentMiB, startBareApp, startBotProcess, type Server } from './processes';
import { seedCrises } from './seed';
import { median, percentile } from './stats';

export const BOT_TOKEN = 'xoxb-bench-token-0000000000';
export const SIGNING_SECRET = 'bench-signing-secret-0000';

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
  /** The server process's CPU time per request, ms (what the latency ratio comes down to). */
  cpuPerRequest: number;
}

type App = 'bot' | 'bare' | 'bareSameListeners';

export interface HttpFigures {
  concurrency: number;
  /** How many listeners the bot registers (and the second bare app too). */
  listeners: number;
  openCrises: number;
  latency: Record<'list' | 'help', Record<App, LatencyFigures>>;
  /** The bot's list with the memory figure's many open crises. */
  listWithMany: LatencyFigures;
  listShows: string;
  declare: { runs: number; ackToPinMedian: number; sendToPinMedian: number; callsToPin: number; emulatorRoundTripMedian: number };
  memory: { openCrises: number; idleMiB: number; afterLoadMiB: number; afterRequests: number };
}

export function figures(latencies: number[], failures: number, cpuPerRequest = Number.NaN): LatencyFigures {
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), requests: latencies.length, failures, cpuPerRequest };
}

/** Rounds the apps take turns in: fine enough that a machine shared with other work drifts on all alike. */
const ROUNDS = 10;

/** The bot's listener registrations, counted in its source (Bolt offers each request to every one). */
function botListenerCount(): number {
  const dir = path.join(__dirname, '..', 'src', 'slack', 'listeners');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.reduce((n, f) => n + (fs.readFileSync(path.join(dir, f), 'utf8').match(/app\.(command|action|view|shortcut|event|message|options)\(/g)?.length ?? 0), 0);
}

/** A database holding `count` open crises whose reminders are a day away (the bot stays idle). */
export function seededDatabase(count: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-')), 'crisis.db');
  const db = openDatabase(file);
  const clock = new ManualClock(new Date());
  migrate(db, undefined, () => clock.now());
  seedCrises(createStore(db), {
    count,
    at: clock.now().toISOString(),
    cadenceMinutes: 24 * 60,
    severity: 'sev4',
    channelFor: (i) => ({ id: `C9${String(i).padStart(8, '0')}`, name: `crisis-seeded-${i}` }),
    leadFor: () => 'U0ALICE',
  });
  db.close();
  return file;
}

export interface OverHttpOptions {
  requests: number;
  concurrency: number;
  declares: number;
  /** Open crises while the latencies are measured (a busy day). */
  openCrises: number;
  /** Open crises for the memory figure (and one more list latency). */
  manyOpenCrises: number;
}

export async function overHttpBench(options: OverHttpOptions): Promise<HttpFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl };
  const servers: Server[] = [];
  const files: string[] = [];
  const { requests, concurrency } = options;
  const startBot = async (openCrises: number): Promise<Server> => {
    const dbFile = seededDatabase(openCrises);
    files.push(dbFile);
    const bot = await startBotProcess({ ...env, DATABASE_PATH: dbFile, CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE' });
    servers.push(bot);
    return bot;
  };
  try {
    // Memory first, on its own bot: idle after start-up, then after answering list a while.
    const big = await startBot(options.manyOpenCrises);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMiB = residentMiB(big.child.pid);
    await fireCommands(big.port, SIGNING_SECRET, 'list', 300, concurrency);
    const bigList = await fireCommands(big.port, SIGNING_SECRET, 'list', requests, concurrency);
    const afterLoadMiB = residentMiB(big.child.pid);
    await big.stop();

    const bot = await startBot(options.openCrises);
    const bare = await startBareApp(env);
    servers.push(bare);
    const listeners = botListenerCount();
    const bareSameListeners = await startBareApp({ ...env, BARE_EXTRA_LISTENERS: String(listeners - 1) });
    servers.push(bareSameListeners);
    const apps: Array<[App, Server]> = [['bot', bot], ['bare', bare], ['bareSameListeners', bareSameListeners]];

    for (const [, server] of apps) for (const text of ['list', 'help']) await fireCommands(server.port, SIGNING_SECRET, text, 300, concurrency);
    const empty = (): Record<App, number[]> => ({ bot: [], bare: [], bareSameListeners: [] });
    const samples = { list: empty(), help: empty() };
    const failed = { list: { bot: 0, bare: 0, bareSameListeners: 0 }, help: { bot: 0, bare: 0, bareSameListeners: 0 } };
    const cpu = { list: { bot: 0, bare: 0, bareSameListeners: 0 }, help: { bot: 0, bare: 0, bareSameListeners: 0 } };
    let listShows = '';
    // Many short rounds, the apps taking turns, so a drift in the machine hits all alike.
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const text of ['list', 'help'] as const) {
        for (const [name, server] of apps) {
          const before = cpuMs(server.child.pid);
          const result = await fireCommands(server.port, SIGNING_SECRET, text, requests / ROUNDS, concurrency);
          cpu[text][name] += cpuMs(server.child.pid) - before;
          samples[text][name].push(...result.latencies);
          failed[text][name] += result.failures;
          if (name === 'bot' && text === 'list') listShows = /"text":"([^"]*)"/.exec(result.sample)?.[1] ?? '';
        }
      }
    }

    const declare = await declareBench(emu, bot.port, options.declares);
    const of = (text: 'list' | 'help'): Record<App, LatencyFigures> => ({
      bot: figures(samples[text].bot, failed[text].bot, cpu[text].bot / requests),
      bare: figures(samples[text].bare, failed[text].bare, cpu[text].bare / requests),
      bareSameListeners: figures(samples[text].bareSameListeners, failed[text].bareSameListeners, cpu[text].bareSameListeners / requests),
    });
    return {
      concurrency,
      listeners,
      openCrises: options.openCrises,
      latency: { list: of('list'), help: of('help') },
      listShows,
      listWithMany: figures(bigList.latencies, bigList.failures),
      declare,
      memory: { openCrises: options.manyOpenCrises, idleMiB, afterLoadMiB, afterRequests: requests + 300 },
    };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await emu.stop();
    for (const file of files) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

async function declareBench(emu: SlackEmulator, port: number, runs: number): Promise<HttpFigures['declare']> {
  const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
  const ackToPin: number[] = [];
  const sendToPin: number[] = [];
  let callsToPin = 0;
  for (let i = 0; i < runs; i += 1) {
    const responses = emu.responses().length;
    const callsBefore = emu.calls().length;
    // The pin is held for no time at all: the hold only tells when the bot's call arrived.
    const pin = emu.delayNext('pins.add', 0);
    let pinnedAt = 0;
    let callsAtPin = 0;
    const pinned = pin.arrived.then(() => {
      pinnedAt = performance.now();
      callsAtPin = emu.calls().length - callsBefore + 1;
    });
    const sent = performance.now();
    const ack = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: `declare sev3 Bench declare ${i + 1}` });
    const acked = performance.now();
    if (ack.status !== 200) throw new Error(`declare answered ${ack.status}`);
    await pinned;
    ackToPin.push(pinnedAt - acked);
    sendToPin.push(pinnedAt - sent);
    callsToPin = callsAtPin;
    // The declare finishes (announcement, DM, reply) before the next one starts.
    await emu.waitFor(() => emu.responses().length > responses, 10_000);
  }

  // The same Web API calls in the same waves as the bot's declare, straight at the emulator:
  // the channel; then topic, purpose, invitation and card together; then the pin.
  const api = new SlackApi({ token: BOT_TOKEN, slackApiUrl: emu.apiUrl, logger: silentLogger });
  const roundTrips: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const created = (await api.call('conversations.create', { name: `bench-baseline-${i}` })) as { channel?: { id?: string } } | undefined;
    const channel = created?.channel?.id ?? '';
    const [, , , card] = (await Promise.all([
      api.call('conversations.setTopic', { channel, topic: 'Bench topic' }),
      api.call('conversations.setPurpose', { channel, purpose: 'Bench purpose' }),
      api.call('conversations.invite', { channel, users: 'U0ALICE' }, ['already_in_channel']),
      api.call('chat.postMessage', { channel, text: 'Bench card', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Bench card' } }] }),
    ])) as Array<{ ts?: string } | undefined>;
    await api.call('pins.add', { channel, timestamp: card?.ts ?? '' });
    roundTrips.push(performance.now() - start);
  }
  return { runs, ackToPinMedian: median(ackToPin), sendToPinMedian: median(sendToPin), callsToPin, emulatorRoundTripMedian: median(roundTrips) };
}
