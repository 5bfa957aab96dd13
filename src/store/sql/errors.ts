/**
 * Database errors, typed the same on both engines, so a service or the Slack layer reacts to what
 * happened and not to which engine said it:
 *
 * - DatabaseBusyError: a lock could not be had in time (SQLite's busy wait, the in-process
 *   transaction queue, PostgreSQL's lock_timeout or statement_timeout): nothing changed, try again.
 * - DatabaseUnavailableError: the connection is refused, lost or cannot be had from the pool.
 * - SerializationFailureError: PostgreSQL aborted a transaction that raced another (or a deadlock);
 *   `transaction()` runs the work again, so this is seen only when the retries ran out.
 * - UniqueViolationError, ConstraintViolationError: the data refused the write (a trigger's
 *   refusal included: migration 0007 refuses a timeline edit that skips its versions).
 *
 * Every other error of the engine comes out as SqlError with the engine's code. The original error
 * is kept as `cause`.
 */
import type { SqlEngine } from './client';

export class SqlError extends Error {
  /** SQLite's extended code (SQLITE_BUSY) or PostgreSQL's SQLSTATE (40001), when there was one. */
  readonly code: string | undefined;

  constructor(readonly engine: SqlEngine, message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = 'SqlError';
    this.code = code;
  }
}

export class DatabaseBusyError extends SqlError {
  constructor(engine: SqlEngine, message: string, code: string | undefined, cause: unknown) {
    super(engine, message, code, cause);
    this.name = 'DatabaseBusyError';
  }
}

export class DatabaseUnavailableError extends SqlError {
  constructor(engine: SqlEngine, message: string, code: string | undefined, cause: unknown) {
    super(engine, message, code, cause);
    this.name = 'DatabaseUnavailableError';
  }
}

export class SerializationFailureError extends SqlError {
  constructor(engine: SqlEngine, message: string, code: string | undefined, cause: unknown) {
    super(engine, message, code, cause);
    this.name = 'SerializationFailureError';
  }
}

export class UniqueViolationError extends SqlError {
  constructor(engine: SqlEngine, message: string, code: string | undefined, cause: unknown) {
    super(engine, message, code, cause);
    this.name = 'UniqueViolationError';
  }
}

export type ConstraintKind = 'foreign_key' | 'check' | 'not_null' | 'trigger' | 'other';

export class ConstraintViolationError extends SqlError {
  constructor(engine: SqlEngine, readonly kind: ConstraintKind, message: string, code: string | undefined, cause: unknown) {
    super(engine, message, code, cause);
    this.name = 'ConstraintViolationError';
  }
}

function field(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const value = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const SQLITE_CONSTRAINTS: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_TRIGGER: 'trigger',
};

/**
 * better-sqlite3's SqliteError, typed. Read by name, not instanceof (src/store/database.ts says
 * why); anything that is not a SqliteError (a RangeError for a missing parameter) is returned as it is.
 */
export function fromSqliteError(err: unknown): unknown {
  if (err instanceof SqlError) return err;
  const code = field(err, 'code');
  if (field(err, 'name') !== 'SqliteError' || code === undefined) return err;
  const message = messageOf(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DatabaseBusyError('sqlite', message, code, err);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new UniqueViolationError('sqlite', message, code, err);
  if (code.startsWith('SQLITE_CONSTRAINT')) return new ConstraintViolationError('sqlite', SQLITE_CONSTRAINTS[code] ?? 'other', message, code, err);
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR')) return new DatabaseUnavailableError('sqlite', message, code, err);
  return new SqlError('sqlite', message, code, err);
}

const PG_CONSTRAINTS: Record<string, ConstraintKind> = {
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
  // RAISE EXCEPTION in a trigger function (migrations/postgres/0007_timeline_versions.sql).
  P0001: 'trigger',
};

/** Node's and pg's own words for a connection that could not be had or was lost. */
const CONNECTION_PROBLEMS = /connection terminated|timeout exceeded when trying to connect|connection timeout|ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Client was closed|Cannot use a pool after calling end/i;

/** An error of `pg` (DatabaseError with a SQLSTATE code) or of the connection under it, typed. */
export function fromPostgresError(err: unknown): unknown {
  if (err instanceof SqlError) return err;
  const code = field(err, 'code');
  const message = messageOf(err);
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === '40001' || code === '40P01') return new SerializationFailureError('postgres', message, code, err);
    if (code === '55P03' || code === '57014') return new DatabaseBusyError('postgres', message, code, err);
    if (code === '23505') return new UniqueViolationError('postgres', message, code, err);
    if (code.startsWith('23') || code === 'P0001') return new ConstraintViolationError('postgres', PG_CONSTRAINTS[code] ?? 'other', message, code, err);
    // Connection exceptions, the server shutting down or starting up, too many connections.
    if (code.startsWith('08') || code.startsWith('57P') || code === '53300') return new DatabaseUnavailableError('postgres', message, code, err);
    return new SqlError('postgres', message, code, err);
  }
  if (CONNECTION_PROBLEMS.test(message) || (code !== undefined && CONNECTION_PROBLEMS.test(code))) {
    return new DatabaseUnavailableError('postgres', message, code, err);
  }
  return err;
}

/** The database was too busy (or a lock too long to get): nothing changed, the person may try again. */
export function isBusy(err: unknown): err is DatabaseBusyError {
  return err instanceof DatabaseBusyError;
}
