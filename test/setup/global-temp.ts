/**
 * One private temp folder for the whole `npm test` run: set as TMPDIR before the workers start, so
 * os.tmpdir() points into it for every test. At the end it must be empty; anything a test left
 * behind is named and fails the run. The folder itself is removed either way, so the system's temp
 * folder is left as it was found.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRunPostgres, stopRunPostgres } from './global-postgres';

const KEY = 'CRISIS_BOT_TEST_TMPDIR';

export async function setup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bot-test-run-'));
  // Before TMPDIR changes: the server's folder goes to the system's temp folder.
  await startRunPostgres(dir);
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

export async function teardown(): Promise<void> {
  await stopRunPostgres();
  const dir = process.env[KEY];
  if (!dir) return;
  fs.rmSync(path.join(dir, 'postgres-failed.txt'), { force: true });
  const left = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(`Tests left ${left.length} entries in the temp folder (they are deleted now, but a test must clean up after itself): ${left.slice(0, 20).join(', ')}`);
  }
}
