/**
 * The run's PostgreSQL server (test/helpers/postgres.ts), started in the background by the global
 * setup so that a run that needs none (one test file) does not wait for it: the workers learn its
 * URL at once and wait for it only when a test asks for a database. Its folder is made in the
 * system's temp folder (the run's own is private to root, and the server runs as `nobody` under
 * root) and removed by the global teardown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAILED_VARIABLE, findPostgres, freePort, SKIP_VARIABLE, startPostgres, URL_VARIABLE, type PostgresServer } from '../helpers/postgres';

const SERVER_KEY = '__crisisBotTestPostgres';

type Holder = Record<string, Promise<PostgresServer | undefined> | undefined>;

/** Call before TMPDIR is pointed at the run's private folder; `runDir` holds the failure note. */
export async function startRunPostgres(runDir: string): Promise<void> {
  if (process.env[URL_VARIABLE]) return; // a server of the developer's own
  if (process.env.CRISIS_TEST_POSTGRES === 'off') {
    process.env[SKIP_VARIABLE] = 'CRISIS_TEST_POSTGRES=off';
    return;
  }
  const found = findPostgres();
  // CI says the PostgreSQL tests must run (.ci/run): no server there is a failure, not a skip.
  if ('problem' in found && process.env.CRISIS_TEST_POSTGRES === 'required') throw new Error(`CRISIS_TEST_POSTGRES=required, but no PostgreSQL server can be had: ${found.problem}`);
  if ('problem' in found) {
    process.env[SKIP_VARIABLE] = found.problem;
    process.stderr.write(`\nPostgreSQL tests are skipped: ${found.problem}\n`);
    return;
  }
  if (process.env.CRISIS_TEST_POSTGRES_VERBOSE) process.stderr.write(`\nPostgreSQL ${found.major} for the tests, from ${found.source}\n`);
  const port = await freePort();
  const failedFile = path.join(runDir, 'postgres-failed.txt');
  process.env[URL_VARIABLE] = `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.env[FAILED_VARIABLE] = failedFile;
  const systemTemp = os.tmpdir();
  (globalThis as unknown as Holder)[SERVER_KEY] = startPostgres({ parentDir: systemTemp, port }).catch((err: unknown) => {
    fs.writeFileSync(failedFile, err instanceof Error ? err.message : String(err));
    return undefined;
  });
}

export async function stopRunPostgres(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  const server = await holder[SERVER_KEY];
  holder[SERVER_KEY] = undefined;
  await server?.stop();
}
