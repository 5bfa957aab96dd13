/**
 * The status page under a crowd (issue 20): 500 concurrent readers reloading GET /status against
 * the bot exactly as `npm start` runs it, the page holding 3 crises with 12 statements each; and
 * meanwhile signed `/crisis help` commands, one at a time, timed to their ack, beside the same
 * commands with no readers. The page is read from the store at most once a second and rendered
 * once per change, so the crowd costs the bot sending bytes, not database reads.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SlackEmulator } from '../src/emulator';
import { openDatabase } from '../src/store/database';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { fireCommands } from './load';
import { startBotProcess } from './processes';
import { seedCrises } from './seed';
import { percentile } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';

export interface StatusPageFigures {
  readers: number;
  seconds: number;
  requests: number;
  perSecond: number;
  failures: number;
  bytes: number;
  p50: number;
  p99: number;
  ackIdle: { p50: number; p99: number; max: number };
  ackUnderLoad: { p50: number; p99: number; max: number; failures: number };
}

function seedPage(file: string): void {
  const db = openDatabase(file);
  migrate(db);
  const store = createStore(db);
  const at = new Date(Date.now() - 60 * 60_000).toISOString();
  const ids = seedCrises(store, { count: 3, at, cadenceMinutes: 30, channelFor: (i) => ({ id: `C8${String(i).padStart(8, '0')}`, name: `crisis-page-${i}` }), leadFor: () => 'U0ALICE' });
  const insertStatement = db.prepare(`INSERT INTO statements (crisis_id, number, text, audience, state, author_id, created_at, published_at, published_to, published_by)
    VALUES (?, ?, ?, 'customers', 'published', 'U0BOB', ?, ?, 'status-page', 'U0BOB')`);
  store.transaction(() => {
    ids.forEach((crisisId, c) => {
      store.publishing.setPublicName(crisisId, ['Payment problems', 'Delayed deliveries', 'Login trouble'][c] ?? 'Service problems', 'U0ALICE', at);
      for (let n = 1; n <= 12; n += 1) {
        const when = new Date(Date.parse(at) + n * 60_000).toISOString();
        const text = `Update ${n}: some customers may see errors while we work on a fix. We will post the next update within 30 minutes. Thank you for your patience.`;
        const statementId = Number(insertStatement.run(crisisId, n, text, when, when).lastInsertRowid);
        store.publishing.addPageEntry(statementId, crisisId, text, when);
      }
    });
  });
  db.close();
}

async function readers(port: number, count: number, seconds: number): Promise<{ latencies: number[]; failures: number; bytes: number; elapsedMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  const latencies: number[] = [];
  let failures = 0;
  let bytes = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t = performance.now();
      const req = http.get({ host: '127.0.0.1', port, path: '/status', agent }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => {
          if (res.statusCode === 200) {
            latencies.push(performance.now() - t);
            bytes = n;
          } else failures += 1;
          resolve();
        });
        res.on('error', () => ((failures += 1), resolve()));
      });
      req.on('error', () => ((failures += 1), resolve()));
    });
  const worker = async (): Promise<void> => {
    while (performance.now() < until) await one();
  };
  await Promise.all(Array.from({ length: count }, worker));
  agent.destroy();
  return { latencies, failures, bytes, elapsedMs: performance.now() - started };
}

export async function statusPageBench(options: { readers: number; seconds: number; commands: number }): Promise<StatusPageFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-page-'));
  const file = path.join(dir, 'crisis.db');
  seedPage(file);
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const bot = await startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl, DATABASE_PATH: file, CRISIS_STATUS_PAGE_TITLE: 'Acme service status' });
  try {
    const acks = (r: { latencies: number[] }) => ({ p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99), max: Math.max(...r.latencies) });
    await fireCommands(bot.port, SIGNING_SECRET, 'help', 50, 1);
    const idle = await fireCommands(bot.port, SIGNING_SECRET, 'help', options.commands, 1);
    const crowd = readers(bot.port, options.readers, options.seconds);
    // The commands start once the crowd is reading, and end before it stops.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const loaded = await fireCommands(bot.port, SIGNING_SECRET, 'help', options.commands, 1);
    const read = await crowd;
    return {
      readers: options.readers,
      seconds: options.seconds,
      requests: read.latencies.length,
      perSecond: read.latencies.length / (read.elapsedMs / 1000),
      failures: read.failures,
      bytes: read.bytes,
      p50: percentile(read.latencies, 50),
      p99: percentile(read.latencies, 99),
      ackIdle: acks(idle),
      ackUnderLoad: { ...acks(loaded), failures: loaded.failures },
    };
  } finally {
    await bot.stop();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
