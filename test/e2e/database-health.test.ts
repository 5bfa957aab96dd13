/**
 * A damaged database file: /healthz says so (503) instead of "ok" over a file every command would
 * fail on, and start-up refuses it with a message that says what to do, rather than starting a bot
 * that fails every command.
 */
import fs from 'node:fs';
import { startBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { DatabaseDamagedError } from '../../src/store/database';
import { emulatorEnv, startHarness, type Harness, sqliteOf } from '../helpers/harness';
import { declareQuick } from './helpers/declare-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Writes `bytes` of garbage over the file at `offset`, as a failing disk or a bad copy would. */
function scribble(file: string, offset: number, bytes: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(bytes, 0x5a), 0, bytes, offset);
  } finally {
    fs.closeSync(fd);
  }
}

async function health(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status;
}

test('/healthz answers 503 once the file on disk is damaged, though the bot still has its pages cached', async () => {
  await declareQuick(h, 'sev2 Checkout payments failing');
  expect(await health()).toBe(200);
  // Everything in the main file (the write-ahead log emptied into it first, as SQLite does
  // regularly), header included: every fresh read of it fails ("file is not a database").
  sqliteOf(h.bot.db).pragma('wal_checkpoint(TRUNCATE)');
  scribble(h.dbFile, 0, fs.statSync(h.dbFile).size);
  const down = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ ok: false, error: 'database unavailable' });
});

test('start-up refuses a damaged file with a message saying what to do', async () => {
  await declareQuick(h, 'sev2 Checkout payments failing');
  await h.stopBot();
  const config = loadConfig(emulatorEnv(h.emu, h.dbFile, 'error'));

  // Pages in the middle of the file (the tables, not the header): found by the quick check.
  const size = fs.statSync(h.dbFile).size;
  scribble(h.dbFile, 4096, size - 4096);
  await expect(startBot({ config, logger: silentLogger, scheduler: false })).rejects.toThrow(DatabaseDamagedError);

  // The header itself.
  scribble(h.dbFile, 0, 100);
  const refused = startBot({ config, logger: silentLogger, scheduler: false });
  await expect(refused).rejects.toThrow(/The database file .*crisis\.db is damaged .*Restore the latest backup/);
  // Restart the harness's bot on a good file so afterEach can stop it.
  fs.rmSync(h.dbFile);
  await h.restartBot();
});
