/**
 * For GET /readyz (src/http/readyz.ts): whether this replica should be sent work. Ready means the
 * database answers and every migration this process has on disk is applied; ones a newer replica
 * added are fine (a rolling deploy must not take every older replica out at once). On PostgreSQL,
 * a replica holding the migration lock makes every replica unready until it is done
 * (src/store/sql/migrate.ts). /healthz stays liveness: only whether the database answers.
 */
import { databaseHealth, type Db } from './database';
import type { AppliedRow, MigrationFile } from './migrations';

export type Readiness =
  | { ready: true }
  | { ready: false; reason: 'migrating' | 'migrations_pending' | 'database_unavailable'; problem: string };

/** Readiness from what the database recorded against the files on disk. */
export function migrationsApplied(applied: readonly AppliedRow[], files: readonly MigrationFile[]): Readiness {
  const missing = files.filter((file, i) => applied[i]?.name !== file.name || applied[i]?.checksum !== file.checksum);
  if (missing.length > 0) return { ready: false, reason: 'migrations_pending', problem: `not applied: ${missing.map((f) => f.name).join(', ')}` };
  return { ready: true };
}

/** The SQLite store's readiness: /healthz's real read (the file on disk too), then the migrations. */
export function sqliteReadiness(db: Db, file: string, files: readonly MigrationFile[]): Readiness {
  const health = databaseHealth(db, file);
  if (!health.ok) return { ready: false, reason: 'database_unavailable', problem: health.problem };
  try {
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
    return migrationsApplied(applied, files);
  } catch (err) {
    return { ready: false, reason: 'database_unavailable', problem: err instanceof Error ? err.message : String(err) };
  }
}
