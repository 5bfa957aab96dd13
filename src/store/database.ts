/**
 * Opening the SQLite database: WAL for concurrent readers, foreign keys on, the folder created when
 * missing, and a damaged file refused at once (a quick integrity check) rather than discovered by
 * every command failing.
 *
 * A short busy timeout: better-sqlite3 waits for a lock on the event loop, so while another process
 * (a backup tool, someone in the `sqlite3` shell) holds the write lock, every wait freezes the whole
 * bot, /healthz and the acks included. A write waits at most BUSY_TIMEOUT_MS and then fails with
 * SQLITE_BUSY (isDatabaseBusy), which the person gets as "the database is busy; nothing changed";
 * writes are transactions begun IMMEDIATE (store.ts), so a busy one has written nothing. Readers are
 * never blocked by a writer in WAL mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseDamagedError } from './database-damaged';
import { DatabaseBusyError, SqlError } from './sql/errors';

export { DatabaseDamagedError };

export type Db = Database.Database;

/** The longest a statement waits on the event loop for another connection's lock. */
export const BUSY_TIMEOUT_MS = 250;

const DAMAGED_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/**
 * SQLite's error code. Read by name, not `instanceof`: better-sqlite3's native part keeps the error
 * class of the first copy of the library loaded in the process, so a second copy (Jest loads one
 * per test file, each in a realm of its own) throws errors of a class, and an Error, not its own.
 */
function sqliteCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string' ? code : undefined;
}

/**
 * Another connection holds the lock this statement needed: SQLite's after BUSY_TIMEOUT_MS, or
 * PostgreSQL's lock_timeout or statement_timeout (DatabaseBusyError, src/store/sql/errors.ts).
 */
export function isDatabaseBusy(err: unknown): boolean {
  if (err instanceof DatabaseBusyError) return true;
  const code = sqliteCode(err);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * What made the database busy, for the log: SQLite's code (SQLITE_BUSY) or PostgreSQL's SQLSTATE
 * with its meaning (55P03 lock_timeout, 57014 statement_timeout).
 */
export function busyCause(err: unknown): string {
  if (err instanceof DatabaseBusyError) return err.code === '55P03' ? '55P03: a lock not had within lock_timeout' : err.code === '57014' ? '57014: statement_timeout' : (err.code ?? 'busy');
  return sqliteCode(err) ?? 'SQLITE_BUSY';
}

/** Any error the database raised (busy, damaged, disk full, read-only, unreachable, …), with its code. */
export function databaseErrorCode(err: unknown): string | undefined {
  if (err instanceof SqlError) return err.code ?? err.name;
  return sqliteCode(err);
}

export function isDatabaseDamaged(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== undefined && DAMAGED_CODES.has(code);
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
}

export function openDatabase(file: string, options: { integrityCheck?: boolean } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    configure(db);
    if (options.integrityCheck) {
      // quick_check reads every page (not the indexes' contents against the tables): a second or
      // so for a database of some hundred MiB, once at start-up.
      const problems = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const found = problems.map((p) => p.quick_check).filter((p) => p !== 'ok');
      if (found.length > 0) throw new DatabaseDamagedError(path.resolve(file), `SQLite's quick_check: ${found.slice(0, 3).join('; ')}`);
    }
  } catch (err) {
    db.close();
    if (isDatabaseDamaged(err)) throw new DatabaseDamagedError(path.resolve(file), (err as Error).message);
    throw err;
  }
  return db;
}

/**
 * Whether a write could start now: takes the write lock and lets it go at once (a busy database
 * costs the short busy wait, once). Used before a scheduler tick, whose many writes would each wait.
 */
export function databaseWritable(db: Db): boolean {
  if (db.inTransaction) return true;
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch (err) {
    if (isDatabaseBusy(err)) return false;
    throw err;
  }
}

/** At start-up nothing is served yet, so migrations may wait this long for another connection's lock. */
const STARTUP_BUSY_TIMEOUT_MS = 5_000;

/** Runs start-up work (migrations) with a longer wait for locks, then puts the short one back. */
export function whileStarting<T>(db: Db, work: () => T): T {
  db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

export type DatabaseHealth = { ok: true } | { ok: false; problem: string };

/** Reads that touch real pages: the schema, the migrations table and the crises table's last row. */
function realRead(db: Db): void {
  db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get();
  db.prepare('SELECT id FROM crises ORDER BY id DESC LIMIT 1').get();
}

/**
 * For GET /healthz: the bot's own connection answers a real read (not `SELECT 1`, which touches no
 * page), and so does the file on disk, read through a fresh read-only connection: the bot's
 * connection keeps pages in its cache and would go on answering from them over a damaged file.
 * Never waits for a writer (WAL), so it answers while another process holds the write lock.
 */
export function databaseHealth(db: Db, file: string): DatabaseHealth {
  try {
    realRead(db);
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  }
  if (file === ':memory:') return { ok: true };
  let fresh: Db | undefined;
  try {
    fresh = new Database(file, { readonly: true, fileMustExist: true });
    fresh.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    realRead(fresh);
    return { ok: true };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  } finally {
    fresh?.close();
  }
}
