/**
 * The real `npm start` entry point as its own process, run as `npm start` runs it: the built
 * JavaScript (dist/src/index.js, test/helpers/built.ts), with a clean environment: only PATH and
 * what the test gives.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { SlackEmulator } from '../../../src/emulator';
import { builtFile, ROOT } from '../../helpers/built';
import { emulatorEnv } from '../../helpers/harness';

/** `preload`: JavaScript modules loaded before the entry point (`node -r`), e.g. a fault injector. */
export function spawnEntryPoint(env: Record<string, string>, preload: readonly string[] = []): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [...preload.flatMap((p) => ['-r', p]), builtFile('src/index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
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
export function spawnBotProcess(emu: Pick<SlackEmulator, 'apiUrl'>, dbFile: string, options: { env?: Record<string, string>; preload?: readonly string[] } = {}): BotProcess {
  const child = spawnEntryPoint({ ...emulatorEnv(emu, dbFile, 'info'), ...options.env }, options.preload);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = (): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = /"message":"crisis bot started"[^\n]*?"port":(\d+)/.exec(stderr);
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
