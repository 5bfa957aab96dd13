/**
 * The customer side's benchmarks: help-desk samples per second through POST /hooks/volume at N
 * concurrent (signed, each with its own id, against the bot as `npm start` runs it), and the
 * debrief chart of a crisis with 10,000 volume samples (read from SQLite, spec built, PNG drawn).
 */
import { loadPlaybooks } from '../src/playbooks/load-playbooks';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ChartJsRenderer } from '../src/chart/chartjs-renderer';
import { ManualClock } from '../src/clock';
import { addMinutes } from '../src/core/cadence';
import { SlackEmulator } from '../src/emulator';
import { signBody } from '../src/http/webhook-signature';
import { silentLogger } from '../src/logger';
import { createServices } from '../src/app/services';
import { volumeChartAttachment } from '../src/features/customer/customer-debrief';
import type { CustomerNotifier } from '../src/features/customer/customer-ports';
import { openDatabase } from '../src/store/database';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { StubNotifier } from '../test/helpers/stub-notifier';
import { startBotProcess } from './processes';
import { seedCrises } from './seed';
import { median, percentile } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';
const WEBHOOK_SECRET = 'bench-webhook-secret-00000000';
const CHANNEL = 'C0HOOKBENCH';

export interface WebhookFigures {
  samples: number;
  concurrency: number;
  perSecond: number;
  p50: number;
  p95: number;
  failures: number;
  /** Rows in volume_samples afterwards: every distinct id once. */
  stored: number;
}

function postSample(agent: http.Agent, port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/hooks/volume',
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'X-Crisis-Timestamp': String(timestamp),
          'X-Crisis-Signature': signBody(WEBHOOK_SECRET, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function fire(port: number, prefix: string, total: number, concurrency: number): Promise<{ latencies: number[]; failures: number; wallMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued += 1;
      const body = JSON.stringify({ channel: CHANNEL, count: 100 + (issued % 37), source: 'zendesk', id: `${prefix}-${issued}` });
      const start = performance.now();
      try {
        if ((await postSample(agent, port, body)) !== 200) failures += 1;
        latencies.push(performance.now() - start);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { latencies, failures, wallMs };
}

export async function webhookBench(samples = 3000, concurrency = 20): Promise<WebhookFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-hook-'));
  const dbFile = path.join(dir, 'crisis.db');
  const db = openDatabase(dbFile);
  migrate(db);
  seedCrises(createStore(db), { count: 1, at: new Date().toISOString(), cadenceMinutes: 60, channelFor: () => ({ id: CHANNEL, name: 'crisis-bench-hook' }), leadFor: () => 'U0ALICE' });
  db.close();
  const bot = await startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl, DATABASE_PATH: dbFile, CRISIS_WEBHOOK_SECRET: WEBHOOK_SECRET });
  try {
    await fire(bot.port, 'warm', 300, concurrency);
    const run = await fire(bot.port, 'run', samples, concurrency);
    const reader = new Database(dbFile, { readonly: true });
    const stored = (reader.prepare('SELECT COUNT(*) AS n FROM volume_samples').get() as { n: number }).n;
    reader.close();
    return {
      samples,
      concurrency,
      perSecond: (samples / run.wallMs) * 1000,
      p50: percentile(run.latencies, 50),
      p95: percentile(run.latencies, 95),
      failures: run.failures,
      stored: stored - 300,
    };
  } finally {
    await bot.stop();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ChartFigures {
  samples: number;
  firstMs: number;
  medianMs: number;
  renderOnlyMs: number;
  bytes: number;
}

const quietNotifier: CustomerNotifier = {
  postFaq: async () => '1.0',
  updateFaq: async () => {},
  dmFaq: async () => {},
  postFaqProposal: async () => ({ channelId: 'C', ts: '1.0' }),
  updateFaqProposal: async () => {},
  postRiseNotice: async () => {},
  dmRise: async () => {},
};

/** A 3-day crisis with `samples` samples from 3 sources, updates every 30 minutes, status changes and statements. */
export async function chartBench(samples = 10_000, rounds = 5): Promise<ChartFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-chart-'));
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    migrate(db, undefined, () => clock.now());
    const store = createStore(db);
    const renderer = new ChartJsRenderer();
    const services = createServices({ store, clock, notifier: new StubNotifier(), logger: silentLogger, settings: { timeZone: 'Europe/Berlin', announceChannel: undefined, admins: [] }, playbooks: loadPlaybooks(), customer: { notifier: quietNotifier, chart: renderer } });
    const start = clock.now().toISOString();
    const [crisisId] = seedCrises(store, { count: 1, at: start, cadenceMinutes: 30, severity: 'sev1', channelFor: () => ({ id: 'C0CHART', name: 'crisis-20261126-chart' }), leadFor: () => 'U0ALICE' });
    if (crisisId === undefined) throw new Error('no crisis');
    const spanMinutes = 3 * 24 * 60;
    store.transaction(() => {
      const sources = ['zendesk', 'twitter', 'intercom'];
      for (let i = 0; i < samples; i += 1) {
        const at = addMinutes(start, (i * spanMinutes) / samples);
        const wave = Math.round(200 * Math.exp(-(((i / samples - 0.3) * 6) ** 2)) + 20 + (i % 13));
        store.volume.add({ crisisId, count: wave, source: sources[i % 3] ?? 'zendesk', sampledAt: at, recordedAt: at, recordedBy: null, externalId: null });
      }
      for (let m = 30; m < spanMinutes; m += 30) {
        const at = addMinutes(start, m);
        store.timeline.append(crisisId, { kind: 'update_posted', occurredAt: at, actorId: 'U0ALICE', text: `Update at ${m}`, data: { status: 'investigating', due_at: at, next_update_at: addMinutes(at, 30) } }, at);
        if (m % 720 === 0) store.timeline.append(crisisId, { kind: 'statement', occurredAt: at, actorId: 'U0BOB', text: 'Statement', data: {} }, at);
      }
      store.timeline.append(crisisId, { kind: 'status_changed', occurredAt: addMinutes(start, 600), actorId: 'U0ALICE', text: '', data: { from: 'investigating', to: 'identified' } }, start);
      store.timeline.append(crisisId, { kind: 'status_changed', occurredAt: addMinutes(start, 2000), actorId: 'U0ALICE', text: '', data: { from: 'identified', to: 'monitoring' } }, start);
    });
    clock.set(addMinutes(start, spanMinutes));
    const crisis = store.crises.get(crisisId);
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < rounds + 1; r += 1) {
      const t = performance.now();
      const chart = await volumeChartAttachment(services.deps, crisis);
      times.push(performance.now() - t);
      if (!chart) throw new Error('the chart was not drawn');
      bytes = chart.bytes.length;
    }
    const { buildVolumeChart } = await import('../src/features/customer/volume-chart');
    const spec = buildVolumeChart({ crisis, samples: store.volume.list(crisisId), events: store.timeline.list(crisisId), now: clock.now(), timeZone: 'Europe/Berlin' });
    if (!spec) throw new Error('the bench crisis has no samples to chart');
    const renderTimes: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      const t = performance.now();
      await renderer.renderPng(spec);
      renderTimes.push(performance.now() - t);
    }
    return { samples, firstMs: times[0] ?? Number.NaN, medianMs: median(times.slice(1)), renderOnlyMs: median(renderTimes), bytes };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
