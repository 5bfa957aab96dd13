/**
 * Temporary folders for tests, each remembered so it is deleted when the test file ends (by
 * test/setup/environment.ts, after every hook has run and every bot has stopped). A test may also
 * delete its own earlier with removeTempDir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the folders of the running test file are listed; the test environment reads it at teardown. */
export const TEMP_DIRS_KEY = '__crisisBotTempDirs';

function registry(): Set<string> {
  const holder = globalThis as unknown as Record<string, Set<string> | undefined>;
  const dirs = holder[TEMP_DIRS_KEY] ?? new Set<string>();
  holder[TEMP_DIRS_KEY] = dirs;
  return dirs;
}

/** A new empty folder in the system's temp folder, deleted when the test file ends. */
export function tempDir(prefix = 'crisis-bot-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  registry().add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  registry().delete(dir);
}

/** Deletes every folder tempDir made in this test file; returns how many there were. */
export function removeAllTempDirs(dirs: Iterable<string>): number {
  let count = 0;
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
    count += 1;
  }
  return count;
}
