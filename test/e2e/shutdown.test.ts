/**
 * `npm start`'s entry point (src/index.ts) as its own process: SIGTERM stops taking work, lets the
 * declare in flight finish (the crisis is stored, the card pinned), closes the database and exits
 * 0 — also when it arrives during start-up's catch-up reminder tick. Also the /healthz endpoint of
 * the real process, and a stop that waits as long as one Web API call can take (rate limits
 * included), so work waiting out a 429 finds the database open.
 */
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/clock';
import { SlackDriver, SlackEmulator } from '../../src/emulator';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, DEFAULT_REQUEST_TIMEOUT_MS } from '../../src/slack/web-api';
import { ALICE, BOT_TOKEN, GENERAL, SIGNING_SECRET, tempDbFile, sqliteOf } from '../helpers/harness';
import { startTestBot } from './helpers/bot-setup';
import { spawnBotProcess, type BotProcess } from './helpers/entry-point';

const spawnBot = (emu: SlackEmulator, dbFile: string): BotProcess => spawnBotProcess(emu, dbFile);

/** Resolves once `url` refuses connections (polled); rejects after 10 s. */
async function refused(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answered = await fetch(url).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    if (Date.now() > deadline) throw new Error(`${url} still answers 10 s after SIGTERM`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('graceful shutdown of the real entry point', () => {
  let emu: SlackEmulator;

  beforeEach(async () => {
    emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    await emu.start();
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('on SIGTERM finishes the declare in flight, refuses new work, closes the database and exits 0', async () => {
    const dbFile = tempDbFile();
    const bot = spawnBot(emu, dbFile);
    try {
      const port = await bot.started();
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });

      // Slack is slow to pin: the declare is mid-way when SIGTERM arrives.
      const pin = emu.hangNext('pins.add');
      const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
      const ack = await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Shutdown mid-declare' });
      expect(ack.status).toBe(200);
      await pin.arrived;
      bot.child.kill('SIGTERM');
      // No new work once stopping: the listener closes while the declare is still held.
      await refused(`http://127.0.0.1:${port}/healthz`);
      expect(bot.child.exitCode).toBeNull();
      pin.release();

      expect(await bot.exit).toEqual({ code: 0, signal: null });
      expect(bot.stderr()).toContain('SIGTERM received');
      expect(bot.stderr()).toContain('"message":"crisis bot stopped"');
      // The declare that was in flight finished: stored with its card, and the database was closed cleanly.
      const db = new Database(dbFile, { readonly: true });
      try {
        const rows = db.prepare('SELECT title, card_ts FROM crises').all() as Array<{ title: string; card_ts: string | null }>;
        expect(rows).toEqual([{ title: 'Shutdown mid-declare', card_ts: expect.any(String) }]);
      } finally {
        db.close();
      }
      const name = String(emu.calls('conversations.create')[0]?.args.name);
      expect(name).toMatch(/^crisis-\d{8}-shutdown-mid-declare$/);
      expect(emu.pins(emu.channelByName(name)?.id ?? '')).toHaveLength(1);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });

  it('on SIGTERM during start-up\'s catch-up reminder tick, lets the reminder finish and exits 0', async () => {
    // A sev1 crisis declared three hours ago, its bot down since: a reminder is overdue at start.
    const dbFile = tempDbFile();
    const earlier = await startTestBot(emu, { clock: new ManualClock(new Date(Date.now() - 3 * 3600_000)), env: { DATABASE_PATH: dbFile } });
    await earlier.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Overdue at start' });
    const crisis = await emu.waitFor(() => earlier.bot.store.crises.listOpen().find((c) => c.cardTs !== null));
    await emu.waitFor(() => earlier.bot.slack.inFlight.size === 0);
    await earlier.bot.stop();

    // Slack is slow to take the reminder: the catch-up tick is mid-way when SIGTERM arrives.
    const reminder = emu.hangNext('chat.postMessage', (args) => args.channel === crisis.channelId);
    const bot = spawnBot(emu, dbFile);
    try {
      await reminder.arrived;
      bot.child.kill('SIGTERM');
      // Not killed by the signal: it took it, and is waiting for the tick.
      await emu.waitFor(() => bot.stderr().includes('SIGTERM received'), 10_000, 'the SIGTERM handled');
      expect(bot.child.exitCode).toBeNull();
      expect(bot.child.signalCode).toBeNull();
      reminder.release();

      expect(await bot.exit).toEqual({ code: 0, signal: null });
      expect(bot.stderr()).toContain('SIGTERM received');
      expect(bot.stderr()).toContain('"message":"crisis bot stopped"');
      expect(emu.messages(crisis.channelId).map((m) => m.text)).toContain('Update due: last one 3 h ago');
      // The tick recorded the reminder before the database was closed.
      const db = new Database(dbFile, { readonly: true });
      try {
        const row = db.prepare('SELECT last_reminded_at FROM reminders WHERE crisis_id = ?').get(crisis.id) as { last_reminded_at: string | null };
        expect(row.last_reminded_at).not.toBeNull();
      } finally {
        db.close();
      }
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });
});

describe('stopping waits for work in flight as long as one Web API call can take', () => {
  let emu: SlackEmulator;
  beforeEach(async () => {
    emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    await emu.start();
  });
  afterEach(async () => {
    await emu.stop();
  });

  it('with the defaults, longer than the longest rate-limit wait plus the request timeout', async () => {
    const { bot } = await startTestBot(emu, { maxRateLimitWaitSeconds: undefined });
    try {
      expect(bot.shutdownGraceMs).toBeGreaterThanOrEqual(DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS * 1000 + DEFAULT_REQUEST_TIMEOUT_MS);
    } finally {
      await bot.stop();
    }
  });

  it('a declare waiting out a 429 when the stop begins finishes, then the database closes', async () => {
    const { bot, driver } = await startTestBot(emu, { maxRateLimitWaitSeconds: 3, requestTimeoutMs: 2_000 });
    expect(bot.shutdownGraceMs).toBeGreaterThanOrEqual(3_000 + 2_000);
    emu.rateLimit('pins.add', 2);
    await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Rate limited at shutdown' });
    await emu.waitFor(() => emu.calls('pins.add').length === 1);
    const stopped = Date.now();
    await bot.stop();
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(1_500);
    expect(sqliteOf(bot.db).open).toBe(false);
    const crisis = emu.channelByName(String(emu.calls('conversations.create')[0]?.args.name));
    expect(emu.pins(crisis?.id ?? '')).toHaveLength(1);
    const db = new Database(bot.config.databasePath, { readonly: true });
    try {
      expect(db.prepare('SELECT title, card_ts FROM crises').all()).toEqual([{ title: 'Rate limited at shutdown', card_ts: expect.any(String) }]);
    } finally {
      db.close();
    }
  });
});
