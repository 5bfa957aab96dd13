/**
 * What the repositories are given: a database that prepares statements and runs them
 * synchronously. better-sqlite3's Database is one (SQLite, the default); PostgresSyncDatabase
 * (src/store/sql/postgres-sync.ts) is the other (DATABASE_URL). Repositories write SQL both
 * engines take, and branch on `engine` only where the engines' SQL differs (src/store/sql/dialect.ts).
 */
import type { SqlEngine } from './sql/client';
import type { SyncStatement } from './sql/postgres-sync';

export type { SyncStatement };

export interface StoreDb {
  /** 'postgres' for PostgresSyncDatabase; better-sqlite3's Database has none (SQLite). */
  readonly engine?: 'postgres';
  prepare(source: string): SyncStatement;
}

export function engineOf(db: StoreDb): SqlEngine {
  return db.engine === 'postgres' ? 'postgres' : 'sqlite';
}
