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
import { Store } from '../src/store/store';
import { SlackApi } from '../src/slack/web-api';
import { fireCommands } from './load';
import { residentMiB, startBareApp, startBotProcess, type Server } from './processes';
import { seedCrises } from './seed';
import { median, percentile } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

export interface HttpFigures {
  concurrency: number;
  latency: Record<'list' | 'help', { bot: LatencyFigures; bare: LatencyFigures }>;
  listShows: string;
  declare: { runs: number; ackToPinMedian: number; sendToPinMedian: number; callsToPin: number; emulatorRoundTripMedian: number };
  memory: { openCrises: number; idleMiB: number; afterLoadMiB: number };
}

function figures(latencies: number[], failures: number): LatencyFigures {
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), requests: latencies.length, failures };
}

/** A database holding `count` open crises whose reminders are a day away (the bot stays idle). */
function seededDatabase(count: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-')), 'crisis.db');
  const db = openDatabase(file);
  const clock = new ManualClock(new Date());
  migrate(db, undefined, () => clock.now());
  seedCrises(new Store(db), {
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

export async function overHttpBench(options: { requests: number; concurrency: number; declares: number; openCrises: number }): Promise<HttpFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const dbFile = seededDatabase(options.openCrises);
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl };
  const servers: Server[] = [];
  try {
    const bot = await startBotProcess({ ...env, DATABASE_PATH: dbFile, CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE' });
    servers.push(bot);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMiB = residentMiB(bot.child.pid);
    const bare = await startBareApp(env);
    servers.push(bare);

    const { requests, concurrency } = options;
    for (const server of [bot, bare]) for (const text of ['list', 'help']) await fireCommands(server.port, SIGNING_SECRET, text, 300, concurrency);
    const samples = { list: { bot: [] as number[], bare: [] as number[] }, help: { bot: [] as number[], bare: [] as number[] } };
    const failed = { list: { bot: 0, bare: 0 }, help: { bot: 0, bare: 0 } };
    let listShows = '';
    // Two rounds, alternating the apps, so a drift in the machine hits both alike.
    for (let round = 0; round < 2; round += 1) {
      for (const text of ['list', 'help'] as const) {
        for (const [name, server] of [['bot', bot], ['bare', bare]] as const) {
          const result = await fireCommands(server.port, SIGNING_SECRET, text, requests / 2, concurrency);
          samples[text][name].push(...result.latencies);
          failed[text][name] += result.failures;
          if (name === 'bot' && text === 'list') listShows = /"text":"([^"]*)"/.exec(result.sample)?.[1] ?? '';
        }
      }
    }
    const afterLoadMiB = residentMiB(bot.child.pid);

    const declare = await declareBench(emu, bot.port, options.declares);
    const latency = {
      list: { bot: figures(samples.list.bot, failed.list.bot), bare: figures(samples.list.bare, failed.list.bare) },
      help: { bot: figures(samples.help.bot, failed.help.bot), bare: figures(samples.help.bare, failed.help.bare) },
    };
    return { concurrency, latency, listShows, declare, memory: { openCrises: options.openCrises, idleMiB, afterLoadMiB } };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await emu.stop();
    fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
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

  // The same number of Web API calls, made one after another straight at the emulator.
  const api = new SlackApi({ token: BOT_TOKEN, slackApiUrl: emu.apiUrl, logger: silentLogger });
  const roundTrips: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const created = (await api.call('conversations.create', { name: `bench-baseline-${i}` })) as { channel?: { id?: string } } | undefined;
    const channel = created?.channel?.id ?? '';
    const steps: Array<[string, Record<string, unknown>]> = [
      ['conversations.setTopic', { channel, topic: 'Bench topic' }],
      ['conversations.setPurpose', { channel, purpose: 'Bench purpose' }],
      ['conversations.invite', { channel, users: 'U0ALICE' }],
      ['chat.postMessage', { channel, text: 'Bench card', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Bench card' } }] }],
      ['pins.add', { channel, timestamp: '' }],
    ];
    let ts = '';
    for (const [method, args] of steps.slice(0, Math.max(0, callsToPin - 1))) {
      const result = (await api.call(method, method === 'pins.add' ? { ...args, timestamp: ts } : args, ['already_in_channel'])) as { ts?: string } | undefined;
      ts = result?.ts ?? ts;
    }
    roundTrips.push(performance.now() - start);
  }
  return { runs, ackToPinMedian: median(ackToPin), sendToPinMedian: median(sendToPin), callsToPin, emulatorRoundTripMedian: median(roundTrips) };
}
