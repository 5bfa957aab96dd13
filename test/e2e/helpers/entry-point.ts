/**
 * The real `npm start` entry point (src/index.ts) as its own process, run through ts-node so no
 * build is needed, with a clean environment: only PATH, ts-node's project, and what the test gives.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { SlackEmulator } from '../../../src/emulator';
import { emulatorEnv } from '../../helpers/harness';

export const ROOT = path.resolve(__dirname, '../../..');

/** `preload`: modules loaded before the entry point (`node -r`), e.g. a fault injector. */
export function spawnEntryPoint(env: Record<string, string>, preload: readonly string[] = []): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...preload.flatMap((p) => ['-r', p]), 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
  });
  child.stdin.end();
  return child;
}

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The HTTP port, once the bot logs that it started. */
  started(): Promise<number>;
}

/** The entry point against the emulator, on a free port, logging at info. */
export function spawnBotProcess(emu: SlackEmulator, dbFile: string, options: { env?: Record<string, string>; preload?: readonly string[] } = {}): BotProcess {
  const child = spawnEntryPoint({ ...emulatorEnv(emu, dbFile, 'info'), ...options.env }, options.preload);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = (): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = /"message":"crisis bot started","port":(\d+)/.exec(stderr);
        if (line) {
          clearInterval(timer);
          resolve(Number(line[1]));
        }
      }, 20);
      void exit.then(() => {
        clearInterval(timer);
        reject(new Error(`exited early: ${stderr}`));
      });
    });
  return { child, stderr: () => stderr, exit, started };
}
