/**
 * The migration runner. Files in migrations/ are named NNNN_name.sql and applied in order, each in
 * its own transaction together with its row in schema_migrations (name and SHA-256). Start-up is
 * refused when what the database recorded is not a prefix of the files on disk: a landed migration
 * edited, renamed or deleted would otherwise leave a schema nobody can reason about.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationDriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationDriftError';
  }
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** migrations/ at the project root, whether running from src/ (ts-node) or dist/src/ (built). */
export function defaultMigrationsDir(): string {
  const candidates = [path.resolve(__dirname, '../../migrations'), path.resolve(__dirname, '../../../migrations')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`No migrations folder found (looked in ${candidates.join(', ')})`);
  return found;
}

export function readMigrationFiles(dir: string): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((name, index) => {
    const match = FILE_PATTERN.exec(name);
    if (!match) throw new MigrationDriftError(`Migration file ${name} is not named NNNN_name.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) {
      throw new MigrationDriftError(`Migration ${name} is out of sequence: expected number ${String(index + 1).padStart(4, '0')}`);
    }
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** The table that records what was applied; the same text on SQLite and PostgreSQL. */
export const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

/** Throws MigrationDriftError unless what the database recorded is a prefix of the files on disk. */
export function checkApplied(applied: readonly AppliedRow[], files: readonly MigrationFile[]): void {
  if (applied.length > files.length) {
    const missing = applied.slice(files.length).map((a) => a.name);
    throw new MigrationDriftError(
      `The database has migrations that are not on disk: ${missing.join(', ')}. Is this an older version of the bot?`,
    );
  }
  applied.forEach((row, i) => {
    const file = files[i];
    if (!file || file.name !== row.name || file.checksum !== row.checksum) {
      throw new MigrationDriftError(
        `Migration ${row.name} was applied to this database but ${file ? `the file ${file.name} differs` : 'is missing'}. ` +
          'Landed migrations must never be edited; add a new one instead.',
      );
    }
  });
}

/** Applies what is new; returns the names applied. Throws MigrationDriftError on drift. */
export function migrate(db: Db, dir: string = defaultMigrationsDir(), now: () => Date = () => new Date()): string[] {
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const files = readMigrationFiles(dir);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  checkApplied(applied, files);

  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const pending = files.slice(applied.length);
  for (const file of pending) {
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, now().toISOString());
    })();
  }
  return pending.map((f) => f.name);
}
