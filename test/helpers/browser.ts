/**
 * A real browser for tests: Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) driven by
 * playwright-core, which downloads nothing. Each launch gets its own temp profile (user-data-dir)
 * and temp folder, both removed when it closes, so the test run's temp folder is left as found.
 * Where no Chromium is installed, describeWithBrowser skips its tests and says how to install it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a small /dev/shm; Chromium then crashes on big pages without this.
  '--disable-dev-shm-usage',
];

const INSTALL_HINT = 'install it with `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable';

function defaultCandidates(): string[] {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
}

/** The first executable of `candidates` (CHROMIUM_PATH, then Debian's paths), or null when there is none. */
export function findChromium(candidates: readonly string[] = defaultCandidates()): string | null {
  for (const candidate of candidates) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not there or not executable: try the next
    }
  }
  return null;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found: ${INSTALL_HINT}.`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bot-chromium-'));
  const profile = path.join(root, 'profile');
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(tmp);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      // Chromium's own temp files (and crash dumps) go where they are removed with the profile.
      env: { ...process.env, TMPDIR: tmp, HOME: root, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_CACHE_HOME: path.join(root, 'cache') },
      timeout: 60_000,
      ...options,
    });
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    close: async () => {
      try {
        await context.close();
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

let warned = false;

/** `describe` when a Chromium is installed; otherwise skipped, with a message saying how to install one. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (findChromium()) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`Skipping browser tests (${name}): no Chromium at /usr/bin/chromium or CHROMIUM_PATH; ${INSTALL_HINT}.\n`);
  }
  describe.skip(`${name} (skipped: no Chromium; ${INSTALL_HINT})`, body);
}
