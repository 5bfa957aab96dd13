/**
 * `npm start`'s entry point (src/index.ts) as its own process: SIGTERM stops taking work, lets the
 * declare in flight finish (the crisis is stored, the card pinned), closes the database and exits
 * 0. Also the /healthz endpoint of the real process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SlackDriver, SlackEmulator } from '../../src/emulator';
import { ALICE, ANNOUNCE, BOT_TOKEN, GENERAL, SIGNING_SECRET, tempDbFile } from '../helpers/harness';

const ROOT = path.resolve(__dirname, '../..');

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
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        DATABASE_PATH: dbFile,
        SLACK_API_URL: emu.apiUrl,
        CRISIS_ANNOUNCE_CHANNEL: ANNOUNCE,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          const started = /"message":"crisis bot started","port":(\d+)/.exec(stderr);
          if (started) {
            clearInterval(timer);
            resolve(Number(started[1]));
          }
        }, 20);
        void exit.then(() => {
          clearInterval(timer);
          reject(new Error(`exited early: ${stderr}`));
        });
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });

      // Slack is slow to pin: the declare is mid-way when SIGTERM arrives.
      const pin = emu.hangNext('pins.add');
      const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
      const ack = await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Shutdown mid-declare' });
      expect(ack.status).toBe(200);
      await pin.arrived;
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // No new work once stopping: the listener is closed.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      pin.release();

      expect(await exit).toBe(0);
      expect(stderr).toContain('SIGTERM received');
      expect(stderr).toContain('"message":"crisis bot stopped"');
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
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
