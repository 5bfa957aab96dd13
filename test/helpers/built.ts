/**
 * The built JavaScript that tests run as child processes, as `npm start` runs it (`node
 * dist/src/index.js`), never ts-node: a child then starts in about a second instead of compiling
 * the bot first for several. `npm test` builds while it type-checks (`tsc -p tsconfig.json`); a
 * test file run on its own builds here, with scripts/build-if-needed.js (only when dist/ is missing
 * or older than src/), one jest worker at a time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** A folder: making it is atomic, so the worker that makes it builds and the others wait. */
const LOCK = path.join(ROOT, 'dist', '.building');
/** A lock older than this was left by a run killed mid-build. */
const STALE_LOCK_MS = 5 * 60_000;

let checked = false;

/** The built JavaScript of `source` (a path such as 'src/index.ts'), built first when dist/ is stale. */
export function builtFile(source: string): string {
  ensureBuilt();
  return path.join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
}

function ensureBuilt(): void {
  if (checked) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  takeLock();
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  checked = true;
}

function takeLock(): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const since = fs.statSync(LOCK, { throwIfNoEntry: false });
    if (since && Date.now() - since.mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    // Another worker is building: wait for it without spinning.
    Atomics.wait(pause, 0, 0, 200);
  }
}
