/**
 * Opening the SQLite database: WAL for concurrent readers, foreign keys on, a busy timeout so a
 * backup or a second process waits instead of failing, and the folder created when missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** True when the database answers a trivial query; used by /healthz. */
export function databaseAnswers(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS one').get() !== undefined;
  } catch {
    return false;
  }
}
