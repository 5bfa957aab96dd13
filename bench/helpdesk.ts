/**
 * Issue 19's ingest figure: Zendesk ticket events over HTTP into the bot as `npm start` runs it
 * (built JavaScript, SQLite), signed as Zendesk signs them (base64 HMAC-SHA256 of timestamp +
 * body), 20 at a time, each a new ticket carrying the open crisis's tag (target ≥ 1,000 tickets/s).
 * Every event is verified, parsed, scored for sentiment, matched, de-duplicated and counted in
 * one transaction before its 200. Afterwards the database must hold every ticket once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SlackEmulator } from '../src/emulator';
import { zendeskSignature } from '../src/features/helpdesk/verify';
import { openDatabase } from '../src/store/database';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { startBotProcess } from './processes';
import { seedCrises } from './seed';
import { median, percentile } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';
const ZENDESK_SECRET = 'bench-zendesk-signing-secret-000000';
const CHANNEL = 'C0DESKBENCH';

export interface HelpdeskIngestFigures {
  tickets: number;
  concurrency: number;
  perSecond: number;
  p50: number;
  p95: number;
  failures: number;
  /** Tickets counted for the crisis afterwards: every ticket once. */
  counted: number;
}

const SUBJECTS = ['Charged twice for my order', 'Where is my order?', 'Refund not received', 'Thanks for the quick help', 'App crashes at checkout'];

function zendeskEvent(n: number, tag: string, now: Date): string {
  const at = now.toISOString();
  return JSON.stringify({
    account_id: 22129848,
    detail: { id: String(100000 + n), created_at: at.replace(/\.\d{3}Z$/, 'Z'), updated_at: at.replace(/\.\d{3}Z$/, 'Z'), subject: SUBJECTS[n % SUBJECTS.length], description: 'I was charged twice and nobody answers. This is unacceptable, please help.', status: 'NEW', priority: 'HIGH', tags: ['billing', tag], via: { channel: 'web_form' } },
    event: {},
    id: `bench-${n}`,
    subject: `zen:ticket:${100000 + n}`,
    time: at,
    type: 'zen:event-type:ticket.created',
    zendesk_event_version: '2022-11-06',
  });
}

function post(agent: http.Agent, port: number, body: string): Promise<number> {
  const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/hooks/helpdesk/zendesk',
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'X-Zendesk-Webhook-Signature': zendeskSignature(ZENDESK_SECRET, timestamp, body),
          'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
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

async function fire(port: number, first: number, total: number, concurrency: number, tag: string): Promise<{ latencies: number[]; failures: number; wallMs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued += 1;
      const body = zendeskEvent(first + issued, tag, new Date());
      const start = performance.now();
      try {
        if ((await post(agent, port, body)) !== 200) failures += 1;
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

export async function helpdeskIngestBench(tickets = 5000, concurrency = 20): Promise<HelpdeskIngestFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-desk-'));
  const dbFile = path.join(dir, 'crisis.db');
  const db = openDatabase(dbFile);
  migrate(db);
  const [crisisId] = seedCrises(createStore(db), { count: 1, at: new Date().toISOString(), cadenceMinutes: 60, channelFor: () => ({ id: CHANNEL, name: 'crisis-bench-desk' }), leadFor: () => 'U0ALICE' });
  db.close();
  const tag = `crisis-${crisisId ?? 1}`;
  const bot = await startBotProcess({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl, DATABASE_PATH: dbFile, CRISIS_HELPDESK_ZENDESK_SECRET: ZENDESK_SECRET });
  try {
    const warm = 300;
    await fire(bot.port, 0, warm, concurrency, tag);
    const run = await fire(bot.port, warm, tickets, concurrency, tag);
    const reader = new Database(dbFile, { readonly: true });
    const counted = Number(reader.prepare('SELECT COUNT(*) FROM helpdesk_crisis_tickets').pluck().get());
    reader.close();
    return { tickets, concurrency, perSecond: (tickets / run.wallMs) * 1000, p50: median(run.latencies), p95: percentile(run.latencies, 95), failures: run.failures, counted: counted - warm };
  } finally {
    await bot.stop();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void helpdeskIngestBench().then((f) => process.stdout.write(`${JSON.stringify(f)}\n`));
}
