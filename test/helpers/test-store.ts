/**
 * The app's Store on a migrated database of either engine, for repository and service tests that
 * run the same cases on both (`describe.each(sqlEngines())`): SQLite in memory, migrated as at
 * start-up; PostgreSQL as a fresh database on the run's server (test/helpers/postgres.ts), migrated
 * by migrateSql and run through PostgresSyncDatabase as the bot runs it.
 *
 * `useTestStore(engine)` gives each test an empty store: on SQLite a new database per test, as the
 * tests always had; on PostgreSQL one database per describe, emptied before each test (every table
 * but the migrations' record truncated, ids restarted), since a fresh database and its migrations
 * per test would slow `npm test` down for nothing.
 */
import { createStore } from '../../src/app/store';
import type { Store } from '../../src/core/store';
import { openDatabase, type Db } from '../../src/store/database';
import { migrate } from '../../src/store/migrations';
import type { SqlEngine } from '../../src/store/sql/client';
import { migrateSql } from '../../src/store/sql/migrate';
import { PostgresDatabase } from '../../src/store/sql/postgres-client';
import { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { freshDatabase, type TestDatabase } from './postgres';

/** A unique constraint refusing a row, as each engine says it (SQLite's message, PostgreSQL's). */
export const UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

export interface TestStore {
  engine: SqlEngine;
  db: Db | PostgresSyncDatabase;
  store: Store;
}

/** A migrated SQLite database in memory, as each test had it. */
export function sqliteTestStore(): TestStore & { db: Db } {
  const db = openDatabase(':memory:');
  migrate(db);
  return { engine: 'sqlite', db, store: createStore(db) };
}

/** A fresh, migrated PostgreSQL database behind the store; drop() closes and removes it. */
export async function postgresTestStore(prefix = 'store'): Promise<TestStore & { database: TestDatabase; drop(): Promise<void> }> {
  const database = await freshDatabase(prefix);
  const client = new PostgresDatabase({ url: database.url });
  try {
    await migrateSql(client);
  } finally {
    await client.close();
  }
  const db = new PostgresSyncDatabase({ url: database.url });
  return {
    engine: 'postgres',
    db,
    store: createStore(db),
    database,
    drop: async () => {
      db.close();
      await database.drop();
    },
  };
}

/** Every table of the store but the migrations' record emptied, ids from 1 again. */
function emptyPostgres(db: PostgresSyncDatabase): void {
  const tables = db
    .prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename")
    .pluck()
    .all() as string[];
  if (tables.length) db.exec(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Registers the hooks giving each test of the describe an empty store of `engine`; read the
 * current one with the function returned (in a test or a beforeEach registered after this call).
 */
export function useTestStore(engine: SqlEngine): () => TestStore {
  let current: TestStore | undefined;
  let postgres: (TestStore & { drop(): Promise<void> }) | undefined;
  if (engine === 'postgres') {
    beforeAll(async () => {
      postgres = await postgresTestStore();
    }, 60_000);
    afterAll(async () => {
      await postgres?.drop();
    });
  }
  beforeEach(() => {
    if (engine === 'sqlite') {
      current = sqliteTestStore();
      return;
    }
    if (!postgres) throw new Error('the PostgreSQL store did not open (see beforeAll)');
    emptyPostgres(postgres.db as PostgresSyncDatabase);
    current = postgres;
  });
  afterEach(() => {
    if (current?.engine === 'sqlite') (current.db as Db).close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the test store is open only inside a test');
    return current;
  };
}
