/**
 * The real `npm start` entry point (src/index.ts) as its own process, run through ts-node so no
 * build is needed, with a clean environment: only PATH, ts-node's project, and what the test gives.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export function spawnEntryPoint(env: Record<string, string>): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
  });
  child.stdin.end();
  return child;
}
