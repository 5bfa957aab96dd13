/**
 * End-to-end harness: the local Slack emulator, the real bot on a free port with a temporary
 * SQLite file, and a driver that talks to the bot as Slack does. Time is a ManualClock shared
 * by the bot and the emulator, so reminder tests move it instead of sleeping.
 */
import type { Db } from '../../src/store/database';
import { isPostgresSync, type PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import path from 'node:path';
import { startBot, type Bot, type BotOptions } from '../../src/bot';
import { ManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createLogger, silentLogger, type Logger } from '../../src/logger';
import { SlackDriver, SlackEmulator } from '../../src/emulator';
import type { SqlEngine } from '../../src/store/sql/client';
import { freshDatabase } from './postgres';
import { removeTempDir, tempDir } from './temp-files';

export const BOT_TOKEN = 'xoxb-test-token-1234567890';
export const SIGNING_SECRET = 'test-signing-secret-abcdef';
export const ANNOUNCE = 'C0ANNOUNCE';
export const GENERAL = 'C0GENERAL';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const CAROL = 'U0CAROL';
export const DAVE = 'U0DAVE';
export const ERIN = 'U0ERIN';
export const FRANK = 'U0FRANK';
export const BOT = 'U0BOT';

export interface HarnessOptions {
  env?: Record<string, string>;
  scheduler?: boolean;
  clock?: ManualClock;
  dbFile?: string;
  logger?: Logger;
  emulator?: SlackEmulator;
  /** Further start-up options (a chart renderer, App Home pacing, the HTTP door's limits). */
  bot?: Pick<BotOptions, 'reportChart' | 'homePublisher' | 'doorLimits' | 'publishingFetch'>;
}

export interface Harness {
  emu: SlackEmulator;
  driver: SlackDriver;
  bot: Bot;
  clock: ManualClock;
  dbFile: string;
  /**
   * Waits until the bot and the emulator are both still: nothing under way in the bot (Bot.idle:
   * requests, Slack calls, card repaints, App Home tabs, a tick), nothing being answered or sent by
   * the emulator, and no request arrived meanwhile. Then "it happened once" and "nothing was sent"
   * can be asserted without sleeping.
   */
  settled(timeoutMs?: number): Promise<void>;
  /** Stops the bot only (the emulator and database file stay), for restart tests. */
  stopBot(): Promise<void>;
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

/**
 * App Home changes are gathered for 20 ms here, not the bot's 750: settled() waits for the gathered
 * tabs to go out. The pacing itself is tested in home-publisher.test.ts and app-home.test.ts.
 */
const HOME_DEBOUNCE_MS = 20;

/** The environment of a bot that talks to `emu`, on a free port, with its database at `dbFile`. */
export function emulatorEnv(emu: Pick<SlackEmulator, 'apiUrl'>, dbFile: string, logLevel: 'error' | 'info'): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    DATABASE_PATH: dbFile,
    SLACK_API_URL: emu.apiUrl,
    CRISIS_ANNOUNCE_CHANNEL: ANNOUNCE,
    LOG_LEVEL: logLevel,
    // Shift-break offers are off unless a test turns them on: tests that move the clock by hours
    // count the scheduled alerts they expect, and a break offer per role holder would join them.
    CRISIS_SHIFT_HOURS: '0',
  };
}

/** See Harness.settled; for tests that start the bot and the emulator themselves. */
export async function settled(emu: SlackEmulator, bot: Bot, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = (): number => Math.max(1, deadline - Date.now());
  for (;;) {
    const received = emu.requestsReceived;
    await emu.flushEvents();
    await emu.idle(left());
    await bot.idle(left());
    if (emu.underWay === 0 && emu.requestsReceived === received) return;
    if (Date.now() > deadline) throw new Error(`not settled within ${timeoutMs} ms: the emulator has ${emu.underWay} requests or events under way`);
  }
}

/** A database path in a new temp folder, deleted when the test file ends (or by the harness that made it). */
export function tempDbFile(): string {
  return path.join(tempDir('crisis-bot-'), 'crisis.db');
}

/**
 * The engine this test file's harnesses run the bot on: SQLite unless the file says PostgreSQL
 * (test/e2e-postgres/ runs the main flows again that way, each bot on a fresh database).
 */
let harnessEngine: SqlEngine = 'sqlite';

export function useEngine(engine: SqlEngine): void {
  harnessEngine = engine;
}

export function currentEngine(): SqlEngine {
  return harnessEngine;
}

/** Silent, unless CRISIS_TEST_LOG=debug|info|warn|error asks to see what the bot logs (to debug a test). */
function testLogger(): Logger {
  const level = process.env.CRISIS_TEST_LOG;
  return level === 'debug' || level === 'info' || level === 'warn' || level === 'error' ? createLogger(level, []) : silentLogger;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(new Date());
  const emu = options.emulator ?? new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, now: () => clock.now() });
  if (!options.emulator) await emu.start();
  const dbFile = options.dbFile ?? tempDbFile();
  const postgres = harnessEngine === 'postgres' && options.env?.DATABASE_URL === undefined ? await freshDatabase('e2e') : undefined;
  const config = loadConfig({ ...emulatorEnv(emu, dbFile, 'error'), ...(postgres ? { DATABASE_URL: postgres.url } : {}), ...options.env });
  const boot = (): Promise<Bot> =>
    startBot({ config, clock, logger: options.logger ?? testLogger(), scheduler: options.scheduler ?? false, maxRateLimitWaitSeconds: 3, ...options.bot, homePublisher: { debounceMs: HOME_DEBOUNCE_MS, ...options.bot?.homePublisher } });
  let bot = await boot();
  const botUrl = (): string => `http://127.0.0.1:${bot.port}/slack/events`;
  emu.setEventsUrl(botUrl());
  const driver = new SlackDriver(emu, { botUrl: botUrl(), signingSecret: SIGNING_SECRET });
  const harness: Harness = {
    emu,
    driver,
    get bot() {
      return bot;
    },
    clock,
    dbFile,
    settled: (timeoutMs) => settled(emu, bot, timeoutMs),
    stopBot: () => bot.stop(),
    restartBot: async () => {
      await bot.stop();
      bot = await boot();
      emu.setEventsUrl(botUrl());
      harness.driver = new SlackDriver(emu, { botUrl: botUrl(), signingSecret: SIGNING_SECRET });
    },
    close: async () => {
      await bot.stop();
      await emu.stop();
      // A database the test passed in is the test's to delete.
      if (!options.dbFile) removeTempDir(path.dirname(dbFile));
      await postgres?.drop();
    },
  };
  return harness;
}

/** The bot's SQLite database, for a test about SQLite itself (a pragma, the file); refused on PostgreSQL. */
export function sqliteOf(db: Db | PostgresSyncDatabase): Db {
  if (isPostgresSync(db)) throw new Error('this test is about the SQLite file; the bot runs on PostgreSQL');
  return db;
}
