/**
 * The process-level policy of the real entry point (src/index.ts, src/process-policy.ts), with a
 * fault injected by a preloaded module: an unhandled rejection is logged with its stack and the bot
 * keeps serving (it then declares a crisis); an uncaught exception is logged, the bot stops taking
 * work, lets the declare in flight finish, closes the database and exits 1 for its supervisor.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { SlackDriver, SlackEmulator } from '../../src/emulator';
import { ALICE, BOT_TOKEN, GENERAL, SIGNING_SECRET, tempDbFile } from '../helpers/harness';
import { spawnBotProcess, type BotProcess } from './helpers/entry-point';

const FAULT = path.join(__dirname, 'fixtures', 'fault-on-signal.js');

let emu: SlackEmulator;
let bot: BotProcess | undefined;

beforeEach(async () => {
  emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  await emu.start();
});
afterEach(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
    bot.child.kill('SIGKILL');
    await bot.exit;
  }
  bot = undefined;
  await emu.stop();
});

function logLines(stderr: string, message: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.message === 'string' && l.message.startsWith(message));
}

test('an unhandled rejection is logged with its stack, and the bot keeps serving', async () => {
  const dbFile = tempDbFile();
  bot = spawnBotProcess(emu, dbFile, { env: { CRISIS_TEST_FAULT: 'rejection' }, preload: [FAULT] });
  const port = await bot.started();
  bot.child.kill('SIGUSR2');
  const running = bot;
  await emu.waitFor(() => logLines(running.stderr(), 'unhandled promise rejection').length > 0);
  const [line] = logLines(bot.stderr(), 'unhandled promise rejection');
  expect(line).toMatchObject({ level: 'error', message: 'unhandled promise rejection; the bot keeps serving', inFlight: 0 });
  expect(JSON.stringify(line?.error)).toContain('injected: a promise nobody awaited failed');
  expect(JSON.stringify(line?.error)).toContain('fault-on-signal');

  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
  expect((await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev2 After the rejection' })).status).toBe(200);
  const channel = await emu.waitFor(() => emu.channelByName(String(emu.calls('conversations.create')[0]?.args.name)));
  await emu.waitFor(() => emu.pins(channel.id).length === 1);
  expect(bot.child.exitCode).toBeNull();

  bot.child.kill('SIGTERM');
  expect(await bot.exit).toEqual({ code: 0, signal: null });
});

test('an uncaught exception is logged; the declare in flight finishes, the database is closed, and the process exits 1', async () => {
  const dbFile = tempDbFile();
  bot = spawnBotProcess(emu, dbFile, { env: { CRISIS_TEST_FAULT: 'exception' }, preload: [FAULT] });
  const port = await bot.started();

  const pin = emu.hangNext('pins.add');
  const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
  expect((await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Crash mid-declare' })).status).toBe(200);
  await pin.arrived;
  bot.child.kill('SIGUSR2');
  const running = bot;
  await emu.waitFor(() => logLines(running.stderr(), 'uncaught exception').length > 0);
  const [line] = logLines(bot.stderr(), 'uncaught exception');
  expect(line).toMatchObject({ level: 'error', message: 'uncaught exception; stopping and exiting for the supervisor to restart the bot', inFlight: 1 });
  expect(JSON.stringify(line?.error)).toContain('injected: a throw that reached the event loop');
  // Stopping: no new work is taken.
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  expect(bot.child.exitCode).toBeNull();
  pin.release();

  expect(await bot.exit).toEqual({ code: 1, signal: null });
  expect(bot.stderr()).toContain('"message":"crisis bot stopped"');
  const db = new Database(dbFile, { readonly: true });
  try {
    expect(db.prepare('SELECT title, card_ts FROM crises').all()).toEqual([{ title: 'Crash mid-declare', card_ts: expect.any(String) }]);
  } finally {
    db.close();
  }
});
