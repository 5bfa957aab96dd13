/**
 * The asynchronous SQL client every repository will use (issue 21), on either engine: SQLite over
 * better-sqlite3 (sqlite-client.ts) or PostgreSQL over `pg` (postgres-client.ts). Queries are SQL
 * text with `?` (an array) or `@name` (an object) parameters, written once for both engines; the
 * rules for that shared subset are in README.md beside this file.
 *
 * `transaction(work)` hands `work` a client bound to the transaction: every query of the change goes
 * through it, and the change lands whole or not at all. Errors come out typed (errors.ts), the same
 * on both engines, so a service tells "busy, nothing changed" from a bug without knowing the engine.
 */

/** What a parameter may be: better-sqlite3 binds exactly these (undefined binds as NULL). */
export type SqlValue = string | number | bigint | Buffer | null | undefined;

/** `?` parameters in order, or `@name` parameters by name (extra names are ignored). */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export type SqlEngine = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * PostgreSQL only (SQLite's transactions are always serial). `serializable` (the default) gives
   * what SQLite gives today: a transaction that read something another replica changed before it
   * committed fails with a serialization failure and is run again, so a service's read-check-write
   * needs no row locks. `read committed` is for work that takes its own locks (`FOR UPDATE`).
   */
  isolation?: 'serializable' | 'read committed';
  /**
   * PostgreSQL only: how many times a serialization failure or a deadlock runs the work again
   * (default 5). The work may run more than once: it must do nothing but database work.
   */
  retries?: number;
}

export interface SqlClient {
  readonly engine: SqlEngine;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  /** A statement that returns no rows (for `RETURNING`, use get or all). */
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  /** Several statements separated by `;`, without parameters: migrations and schema. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in a transaction on a client bound to it; commits when it resolves, rolls back
   * when it throws (and rethrows). Called on a transaction's client, it nests as a savepoint.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface SqlDatabase extends SqlClient {
  /**
   * Runs `work` on one connection held for its whole length (PostgreSQL: one pooled connection,
   * for session state such as an advisory lock; SQLite has only one connection anyway).
   */
  session<T>(work: (session: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown when the database's own client is used inside one of its transactions: use `tx`. */
export class OutsideTransactionError extends Error {
  constructor() {
    super(
      'A query went to the database itself while a transaction of this same work was open: inside ' +
        'transaction(async (tx) => …), every query must go through tx (on SQLite it would wait for ' +
        'the transaction forever; on PostgreSQL it would not be part of it).',
    );
    this.name = 'OutsideTransactionError';
  }
}
