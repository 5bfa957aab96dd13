/**
 * Migrations through the SQL client, on either engine: SQLite's files are migrations/NNNN_*.sql as
 * they landed; PostgreSQL's are their translations, migrations/postgres/NNNN_*.sql, under the same
 * names (a test holds the two lists equal). Each file is applied in its own transaction together
 * with its row in schema_migrations (name and SHA-256), and start-up is refused on drift, as
 * src/store/migrations.ts does for SQLite today.
 *
 * Replicas starting together: on PostgreSQL the runner holds a session advisory lock
 * (MIGRATION_LOCK) from before it reads what was applied until after the last file, so a second
 * runner waits, then finds everything applied and applies nothing. While the lock is held,
 * readiness() answers "migrating" on every replica.
 */
import path from 'node:path';
import type { SqlClient, SqlDatabase, SqlEngine } from './client';
import { checkApplied, defaultMigrationsDir, readMigrationFiles, SCHEMA_MIGRATIONS_TABLE, type AppliedRow, type MigrationFile } from '../migrations';
import { migrationsApplied, type Readiness } from '../readiness';

export type { Readiness };

/** The advisory lock key of this bot's migrations (any constant no other program on the database uses). */
export const MIGRATION_LOCK = 720_021_021;

/** migrations/ for SQLite, migrations/postgres/ for PostgreSQL. */
export function migrationsDirFor(engine: SqlEngine, root: string = defaultMigrationsDir()): string {
  return engine === 'postgres' ? path.join(root, 'postgres') : root;
}

async function appliedRows(db: SqlClient): Promise<AppliedRow[]> {
  return db.all<AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
}

export interface MigrateOptions {
  /** The engine's folder of migrations (default: migrationsDirFor the engine). */
  dir?: string;
  now?: () => Date;
}

/** Applies what is new; returns the names applied. Throws MigrationDriftError on drift. */
export async function migrateSql(db: SqlDatabase, options: MigrateOptions = {}): Promise<string[]> {
  const files = readMigrationFiles(options.dir ?? migrationsDirFor(db.engine));
  const now = options.now ?? (() => new Date());
  return db.session(async (session) => {
    const postgres = session.engine === 'postgres';
    if (postgres) {
      // A migration may run long (an index on a big table): no statement or lock limit for this
      // connection until it goes back to the pool. The advisory lock waits for another replica's run.
      await session.exec('SET statement_timeout = 0; SET lock_timeout = 0');
      await session.get('SELECT pg_advisory_lock(?) AS locked', [MIGRATION_LOCK]);
    }
    try {
      await session.exec(SCHEMA_MIGRATIONS_TABLE);
      const applied = await appliedRows(session);
      checkApplied(applied, files);
      const pending = files.slice(applied.length);
      for (const file of pending) {
        await session.transaction(
          async (tx) => {
            await tx.exec(file.sql);
            await tx.run('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)', [file.version, file.name, file.checksum, now().toISOString()]);
          },
          { isolation: 'read committed', retries: 0 },
        );
      }
      return pending.map((f) => f.name);
    } finally {
      if (postgres) {
        await session.get('SELECT pg_advisory_unlock(?) AS unlocked', [MIGRATION_LOCK]);
        await session.exec('RESET statement_timeout; RESET lock_timeout');
      }
    }
  });
}

/**
 * For GET /readyz through the SQL client (src/store/readiness.ts says what ready means): on
 * PostgreSQL also "migrating" while any replica holds the migration lock.
 */
export async function readiness(db: SqlClient, files: readonly MigrationFile[]): Promise<Readiness> {
  try {
    if (db.engine === 'postgres') {
      // Shared, for the length of this one statement: it never holds up the migration it asks about.
      const free = await db.get<{ free: number }>('SELECT pg_try_advisory_xact_lock_shared(?) AS free', [MIGRATION_LOCK]);
      if (free?.free !== 1) return { ready: false, reason: 'migrating', problem: 'another replica is applying migrations' };
    }
    return migrationsApplied(await appliedRows(db), files);
  } catch (err) {
    return { ready: false, reason: 'database_unavailable', problem: err instanceof Error ? err.message : String(err) };
  }
}
