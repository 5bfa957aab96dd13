/**
 * PostgreSQL for the store, with the same synchronous statements better-sqlite3 gives the SQLite
 * store (`prepare(sql).get/all/run/pluck`, `transaction(fn)`), so one set of repositories and
 * services runs on both engines with every guarantee they were written for: a service reads,
 * checks and writes inside one synchronous transaction, and nothing else in the process can run in
 * between (there is no `await` to let it).
 *
 * How: a worker thread holds the process's one connection (postgres-sync-worker.ts). A statement is
 * posted to it and the main thread waits on a shared word (Atomics.wait) until the answer is there,
 * then reads it with receiveMessageOnPort. Between replicas, transactions are SERIALIZABLE: one that
 * raced another replica's is rolled back by PostgreSQL and run again here (the work is synchronous
 * and touches nothing but the database, so running it again is safe), up to RETRIES times.
 *
 * The cost, measured by `npm run bench`: the event loop waits for each statement's round trip
 * (about a tenth of a millisecond to a server on the same machine or rack). Slack's 3 seconds are
 * far away; a database across a slow network is not what this is for.
 *
 * SQL is written once, in the subset both engines take; at prepare time this turns SQLite's
 * `INSERT OR IGNORE` into `ON CONFLICT DO NOTHING`, `?`/`@name` into `$n` (placeholders.ts), and adds
 * `RETURNING id` to an INSERT into a table with an `id` column so `lastInsertRowid` reads as on SQLite.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { SqlValue } from './client';
import { DatabaseUnavailableError, fromPostgresError, SerializationFailureError } from './errors';
import { postgresValues, toPostgresStatement, type PostgresStatement } from './placeholders';
import { WORKER_SOURCE } from './postgres-sync-worker';

export interface PostgresSyncOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  url: string;
  /** A statement running longer fails as busy (default 5 s). */
  statementTimeoutMs?: number;
  /**
   * A lock waited for longer fails as busy (default 500 ms). Short, because the replica waits with
   * it (statements are synchronous): as SQLite's 250 ms busy wait. Replicas hold row locks for a
   * transaction's few milliseconds, so only another program's long lock runs into it.
   */
  lockTimeoutMs?: number;
  /** A connection left inside a transaction this long is closed by the server (default 30 s). */
  idleInTransactionTimeoutMs?: number;
  /** Opening the connection fails after this long (default 3 s). */
  connectionTimeoutMs?: number;
}

/** What a statement's run() returns, as better-sqlite3's does. */
export interface SyncRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement of the store: better-sqlite3's Statement and this engine's both are one. */
export interface SyncStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): SyncRunResult;
  pluck(toggle?: boolean): this;
}

interface Answer {
  id: number;
  rows?: Array<Record<string, unknown>>;
  rowCount?: number;
  command?: string;
  error?: { message: string; code?: string; name?: string };
}

const RETRIES = 8;

/** How a statement's parameters are given: `(a, b)`, `([a, b])` or `({ name: a })`, as better-sqlite3 takes them. */
function paramsOf(args: readonly unknown[]): readonly SqlValue[] | Readonly<Record<string, SqlValue>> | undefined {
  if (args.length === 0) return undefined;
  if (args.length === 1) {
    const only = args[0];
    if (only !== null && typeof only === 'object' && !Array.isArray(only) && !Buffer.isBuffer(only)) return only as Record<string, SqlValue>;
  }
  return args.flatMap((a) => (Array.isArray(a) ? (a as SqlValue[]) : [a as SqlValue]));
}

/** SQLite's `INSERT OR IGNORE` is PostgreSQL's `ON CONFLICT DO NOTHING` (put before a RETURNING). */
export function translateForPostgres(sql: string): string {
  const ignore = /^\s*INSERT\s+OR\s+IGNORE\s+INTO\b/i;
  if (!ignore.test(sql)) return sql;
  const body = sql.replace(ignore, 'INSERT INTO').trimEnd().replace(/;$/, '');
  const returning = /\bRETURNING\b[\s\S]*$/i.exec(body);
  return returning ? `${body.slice(0, returning.index)} ON CONFLICT DO NOTHING ${returning[0]}` : `${body} ON CONFLICT DO NOTHING`;
}

function insertTable(sql: string): string | undefined {
  const match = /^\s*INSERT\s+INTO\s+("?)([A-Za-z_][A-Za-z0-9_]*)\1/i.exec(sql);
  return match ? (match[2] as string).toLowerCase() : undefined;
}

class Statement implements SyncStatement {
  private plucked = false;
  private compiled: PostgresStatement | undefined;

  constructor(private readonly db: PostgresSyncDatabase, private readonly source: string) {}

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }

  get(...args: unknown[]): unknown {
    const row = this.query(args).rows[0];
    return row === undefined ? undefined : this.shape(row);
  }

  all(...args: unknown[]): unknown[] {
    return this.query(args).rows.map((row) => this.shape(row));
  }

  run(...args: unknown[]): SyncRunResult {
    const answer = this.query(args);
    const last = answer.rows[answer.rows.length - 1];
    const id = last?.id;
    return { changes: answer.rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
  }

  private shape(row: Record<string, unknown>): unknown {
    if (!this.plucked) return row;
    for (const key in row) return row[key];
    return undefined;
  }

  private query(args: readonly unknown[]): { rows: Array<Record<string, unknown>>; rowCount: number } {
    if (!this.compiled) {
      let text = translateForPostgres(this.source);
      const table = insertTable(text);
      if (table !== undefined && !/\bRETURNING\b/i.test(text) && this.db.hasIdColumn(table)) text = `${text.trimEnd().replace(/;$/, '')} RETURNING id`;
      this.compiled = toPostgresStatement(text);
    }
    const values = postgresValues(this.compiled, paramsOf(args));
    return this.db.query(this.compiled.text, values);
  }
}

export class PostgresSyncDatabase {
  readonly engine = 'postgres' as const;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly waitMs: number;
  private nextId = 1;
  private depth = 0;
  private idTables: Set<string> | undefined;
  private closed = false;

  constructor(options: PostgresSyncOptions) {
    const { port1, port2 } = new MessageChannel();
    const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
    const connectionTimeoutMs = options.connectionTimeoutMs ?? 3_000;
    // The server ends a statement at statement_timeout; this is the backstop if it never answers.
    this.waitMs = statementTimeoutMs + connectionTimeoutMs + 2_000;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pgPath: require.resolve('pg'),
        port: port2,
        signal: this.signal,
        options: {
          url: options.url,
          statementTimeoutMs,
          lockTimeoutMs: options.lockTimeoutMs ?? 500,
          idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? 30_000,
          connectionTimeoutMs,
        },
      },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    this.port.unref();
  }

  prepare(source: string): SyncStatement {
    return new Statement(this, source);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs a statement with no parameters and no rows wanted (BEGIN, a migration's DDL). */
  exec(sql: string): void {
    this.query(sql, []);
  }

  /**
   * `fn` in one SERIALIZABLE transaction, run again when PostgreSQL aborts it for racing another
   * replica; inside a transaction, a savepoint (as better-sqlite3 nests them).
   */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return this.savepoint(fn);
    for (let attempt = 0; ; attempt += 1) {
      this.exec('BEGIN ISOLATION LEVEL SERIALIZABLE');
      this.depth = 1;
      try {
        const result = fn();
        this.exec('COMMIT');
        return result;
      } catch (err) {
        this.rollback('ROLLBACK');
        if (err instanceof SerializationFailureError && attempt < RETRIES) {
          // Both racers retrying at once would race again: a short random wait parts them.
          sleep(Math.min(100, (2 + Math.random() * 8) * 2 ** attempt));
          continue;
        }
        throw err;
      } finally {
        this.depth = 0;
      }
    }
  }

  /** The tables with an `id` column (an INSERT into one returns it, as lastInsertRowid). */
  hasIdColumn(table: string): boolean {
    if (!this.idTables) {
      const { rows } = this.query(`SELECT table_name FROM information_schema.columns WHERE column_name = 'id' AND table_schema = current_schema()`, []);
      this.idTables = new Set(rows.map((r) => String(r.table_name).toLowerCase()));
    }
    return this.idTables.has(table);
  }

  query(text: string, values: readonly SqlValue[]): { rows: Array<Record<string, unknown>>; rowCount: number } {
    if (this.closed) throw new DatabaseUnavailableError('postgres', 'The database connection is closed', undefined, undefined);
    const id = this.nextId++;
    this.port.postMessage({ id, text, values });
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      // Read before looking, so an answer that lands between the look and the wait ends the wait at once.
      const before = Atomics.load(this.signal, 0);
      const message = receiveMessageOnPort(this.port);
      if (message) {
        const answer = message.message as Answer;
        if (answer.id !== id) continue; // the answer to a statement given up on earlier
        if (answer.error) {
          const { message: said, code, name } = answer.error;
          throw fromPostgresError(Object.assign(new Error(said), { code, name: name ?? 'Error' }));
        }
        return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new DatabaseUnavailableError('postgres', `PostgreSQL did not answer within ${this.waitMs} ms`, undefined, undefined);
      Atomics.wait(this.signal, 0, before, left);
    }
  }

  /** Closes the connection and ends the worker. */
  close(): void {
    if (this.closed) return;
    try {
      const seen = Atomics.load(this.signal, 0);
      this.port.postMessage({ id: this.nextId++, op: 'close' });
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline && Atomics.load(this.signal, 0) === seen) Atomics.wait(this.signal, 0, seen, 100);
    } finally {
      this.closed = true;
      this.port.close();
      void this.worker.terminate();
    }
  }

  private savepoint<T>(fn: () => T): T {
    const name = `sp${this.depth}`;
    this.exec(`SAVEPOINT ${name}`);
    this.depth += 1;
    try {
      const result = fn();
      this.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      this.rollback(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth -= 1;
    }
  }

  private rollback(sql: string): void {
    try {
      this.exec(sql);
    } catch {
      // The connection is gone (the server rolled back with it) or the transaction already ended.
    }
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** PostgresSyncDatabase, not better-sqlite3's Database (by its engine, not instanceof: Jest loads modules once per test file). */
export function isPostgresSync(db: object): db is PostgresSyncDatabase {
  return 'engine' in db && (db as { engine?: unknown }).engine === 'postgres';
}
