/**
 * The servers the benchmarks talk to, each in its own process so the load generator does not share
 * their event loop: the crisis bot exactly as `npm start` runs it (compiled dist/, configured by
 * environment) and the bare Bolt app. Also free ports, readiness and resident memory.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` builds dist/ when src/ is newer; so does the benchmark, the same way. */
export function buildIfNeeded(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: 'inherit' });
}

export interface Server {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

/** The bot from dist/, in an empty working directory (no stray .env), logging to nowhere. */
export async function startBotProcess(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-cwd-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept, and shown only if the bot does not come up, so the tables stay readable.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = `${stderr}${chunk.toString()}`.slice(-4000)));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, child).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${stderr}`);
  });
  const stop = stopper(child);
  return { port, child, stop: async () => { await stop(); fs.rmSync(cwd, { recursive: true, force: true }); } };
}

export async function startBareApp(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'bare-app.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Bolt answers a GET on an unknown path with 404: enough to know it listens.
  await waitForHttp(`http://127.0.0.1:${port}/ready`, child);
  return { port, child, stop: stopper(child) };
}

/** Resident set size of a process, in MiB (Linux /proc). */
export function residentMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time a process has used, user and system, in milliseconds (Linux /proc; the kernel counts it
 * in ticks of 10 ms, USER_HZ = 100 everywhere Node runs).
 */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
