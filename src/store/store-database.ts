/**
 * The store's database, of the engine the configuration picks: PostgreSQL when DATABASE_URL is set
 * (shared by any number of replicas), else SQLite at DATABASE_PATH (one machine, the demo). Opened
 * and migrated here, with what GET /healthz, GET /readyz and the scheduler ask of it, so start-up
 * (src/bot.ts) does not care which it is.
 *
 * PostgreSQL: migrations run through the asynchronous SQL client under the migration lock (two
 * replicas starting together migrate once: src/store/sql/migrate.ts), and that client answers
 * /readyz without holding the event loop; the store's statements go through PostgresSyncDatabase.
 */
import type { Logger } from '../logger';
import { databaseHealth, databaseWritable, openDatabase, whileStarting, type DatabaseHealth, type Db } from './database';
import { defaultMigrationsDir, migrate, readMigrationFiles } from './migrations';
import { sqliteReadiness, type Readiness } from './readiness';
import type { SqlEngine } from './sql/client';
import { migrateSql, migrationsDirFor, readiness } from './sql/migrate';
import { PostgresDatabase } from './sql/postgres-client';
import { PostgresSyncDatabase } from './sql/postgres-sync';

export interface StoreDatabase {
  engine: SqlEngine;
  db: Db | PostgresSyncDatabase;
  /** A real read, for GET /healthz (liveness). */
  health(): DatabaseHealth;
  /** Migrations applied and the database answering, for GET /readyz. */
  ready(): Readiness | Promise<Readiness>;
  /** Whether a tick may write now (SQLite: no other program holds the write lock). */
  writable(): boolean;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  databasePath: string;
  databaseUrl: string | undefined;
  now: () => Date;
  logger: Logger;
}

export async function openStoreDatabase(options: OpenStoreOptions): Promise<StoreDatabase> {
  return options.databaseUrl === undefined ? openSqlite(options) : openPostgres(options.databaseUrl, options);
}

function openSqlite(options: OpenStoreOptions): StoreDatabase {
  // A damaged file stops start-up here, with what to do (DatabaseDamagedError).
  const db = openDatabase(options.databasePath, { integrityCheck: true });
  try {
    const applied = whileStarting(db, () => migrate(db, undefined, options.now));
    if (applied.length) options.logger.info('migrations applied', { applied });
  } catch (err) {
    db.close();
    throw err;
  }
  // What /readyz checks the database's record against: the files this process would apply.
  const files = readMigrationFiles(defaultMigrationsDir());
  return {
    engine: 'sqlite',
    db,
    health: () => databaseHealth(db, options.databasePath),
    ready: () => sqliteReadiness(db, options.databasePath, files),
    writable: () => databaseWritable(db),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<StoreDatabase> {
  // Two connections: migrations at start-up, then /readyz's questions.
  const client = new PostgresDatabase({ url, max: 2, onIdleError: (err) => options.logger.warn('a PostgreSQL connection failed while idle; it is replaced', { error: err }) });
  let db: PostgresSyncDatabase | undefined;
  try {
    const applied = await migrateSql(client, { now: options.now });
    if (applied.length) options.logger.info('migrations applied', { applied, engine: 'postgres' });
    db = new PostgresSyncDatabase({ url });
    db.prepare('SELECT 1').get();
  } catch (err) {
    db?.close();
    await client.close();
    throw err;
  }
  const sync = db;
  const files = readMigrationFiles(migrationsDirFor('postgres'));
  return {
    engine: 'postgres',
    db: sync,
    health: () => {
      try {
        sync.prepare('SELECT 1 AS ok').get();
        return { ok: true };
      } catch (err) {
        return { ok: false, problem: err instanceof Error ? err.message : String(err) };
      }
    },
    ready: () => readiness(client, files),
    // Claims in the database decide who sends what; a lock waited for fails within lock_timeout.
    writable: () => true,
    close: async () => {
      sync.close();
      await client.close();
    },
  };
}
