/**
 * `/crisis list` on PostgreSQL beside SQLite, measured as the main ack-latency figure is
 * (bench/over-http.ts): the bot as `npm start` runs it, signed commands over HTTP at the same
 * concurrency, warmed up first, the two bots taking turns in short rounds so a drift in the shared
 * machine hits both alike. The same seed for both: the SQLite file, and its copy on PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SlackEmulator } from '../src/emulator';
import { fireCommands } from './load';
import { BOT_TOKEN, figures, seededDatabase, SIGNING_SECRET, type LatencyFigures } from './over-http';
import { copyOf, type BenchDatabase, type PostgresServer } from './postgres';
import { cpuMs, startBotProcess, type Server } from './processes';

const ROUNDS = 10;

export interface ListOnPostgresFigures {
  openCrises: number;
  concurrency: number;
  sqlite: LatencyFigures;
  postgres: LatencyFigures;
  listShows: string;
}

export async function listOnPostgresBench(server: PostgresServer, options: { requests: number; concurrency: number; openCrises: number }): Promise<ListOnPostgresFigures> {
  const { requests, concurrency, openCrises } = options;
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emu.apiUrl, CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE' };
  const file = seededDatabase(openCrises);
  const servers: Server[] = [];
  let database: BenchDatabase | undefined;
  try {
    database = await copyOf(server, file, 'bench_list');
    const sqliteBot = await startBotProcess({ ...env, DATABASE_PATH: file });
    servers.push(sqliteBot);
    const postgresBot = await startBotProcess({ ...env, DATABASE_URL: database.url });
    servers.push(postgresBot);
    const bots = [['sqlite', sqliteBot], ['postgres', postgresBot]] as const;
    for (const [, bot] of bots) await fireCommands(bot.port, SIGNING_SECRET, 'list', 300, concurrency);
    const samples = { sqlite: [] as number[], postgres: [] as number[] };
    const failed = { sqlite: 0, postgres: 0 };
    const cpu = { sqlite: 0, postgres: 0 };
    let listShows = '';
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, bot] of bots) {
        const before = cpuMs(bot.child.pid);
        const result = await fireCommands(bot.port, SIGNING_SECRET, 'list', requests / ROUNDS, concurrency);
        cpu[name] += cpuMs(bot.child.pid) - before;
        samples[name].push(...result.latencies);
        failed[name] += result.failures;
        if (name === 'postgres') listShows = /"text":"([^"]*)"/.exec(result.sample)?.[1] ?? '';
      }
    }
    return {
      openCrises,
      concurrency,
      sqlite: figures(samples.sqlite, failed.sqlite, cpu.sqlite / requests),
      postgres: figures(samples.postgres, failed.postgres, cpu.postgres / requests),
      listShows,
    };
  } finally {
    for (const bot of servers.reverse()) await bot.stop();
    await emu.stop();
    await database?.drop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
