/**
 * The SQL client on SQLite (better-sqlite3), keeping the guarantees src/store/store.ts gives today:
 *
 * - a transaction is begun IMMEDIATE: the write lock is taken first, so a database another process
 *   holds fails at BEGIN (after the connection's busy wait, BUSY_TIMEOUT_MS in database.ts) with
 *   DatabaseBusyError, before anything was read or written;
 * - a transaction is exclusive within the process: the TransactionQueue holds back every other
 *   query and transaction until it commits or rolls back, so nothing interleaves into it across
 *   its awaits (better-sqlite3 has one connection);
 * - statements are prepared once and kept, as the repositories keep theirs today.
 *
 * The connection is opened by openDatabase (WAL, foreign keys, the short busy wait).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Db } from '../database';
import { OutsideTransactionError, type RunResult, type SqlClient, type SqlDatabase, type SqlParams, type SqlValue, type TransactionOptions } from './client';
import { fromSqliteError } from './errors';
import { TransactionQueue } from './transaction-queue';

type Statement = Database.Statement<unknown[]>;

/** How long a query or transaction waits behind this process's open transaction (see transaction-queue.ts). */
export const DEFAULT_QUEUE_WAIT_MS = 2_000;
/** Kept prepared statements; past this the cache starts again (a repository has a few dozen). */
const MAX_STATEMENTS = 2_000;

interface OpenTransaction {
  open: boolean;
}

function bind(params: SqlParams | undefined): unknown[] {
  if (params === undefined) return [];
  return Array.isArray(params) ? (params as SqlValue[]) : [params];
}

export interface SqliteClientOptions {
  /** Close the better-sqlite3 connection on close() (default true). */
  ownsConnection?: boolean;
  queueWaitMs?: number;
}

export class SqliteDatabase implements SqlDatabase {
  readonly engine = 'sqlite' as const;
  private readonly queue: TransactionQueue;
  private readonly statements = new Map<string, Statement>();
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private savepoints = 0;

  constructor(
    readonly db: Db,
    private readonly options: SqliteClientOptions = {},
  ) {
    this.queue = new TransactionQueue(options.queueWaitMs ?? DEFAULT_QUEUE_WAIT_MS);
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.outside(() => this.getNow<T>(sql, params));
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.outside(() => this.allNow<T>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.outside(() => this.runNow(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.outside(() => this.execNow(sql));
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    this.refuseInsideTransaction();
    await this.queue.acquire();
    const state: OpenTransaction = { open: true };
    try {
      this.sync(() => this.db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await this.current.run(state, () => work(this.bound(state)));
        this.sync(() => this.db.exec('COMMIT'));
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw fromSqliteError(err);
      }
    } finally {
      state.open = false;
      this.queue.release();
    }
  }

  session<T>(work: (session: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.options.ownsConnection !== false && this.db.open) this.db.close();
  }

  /** A client whose queries run inside the open transaction `state`, and nest as savepoints. */
  private bound(state: OpenTransaction): SqlClient {
    const live = <R>(work: () => R): Promise<R> => {
      if (!state.open) return Promise.reject(new Error('This transaction has ended: its client can no longer be used'));
      try {
        return Promise.resolve(this.sync(work));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    const tx: SqlClient = {
      engine: 'sqlite',
      get: <T>(sql: string, params?: SqlParams) => live(() => this.getNow<T>(sql, params)),
      all: <T>(sql: string, params?: SqlParams) => live(() => this.allNow<T>(sql, params)),
      run: (sql, params) => live(() => this.runNow(sql, params)),
      exec: (sql) => live(() => this.execNow(sql)),
      transaction: async <T>(work: (inner: SqlClient) => Promise<T>): Promise<T> => {
        if (!state.open) throw new Error('This transaction has ended: its client can no longer be used');
        this.savepoints += 1;
        const name = `sp_${this.savepoints}`;
        this.db.exec(`SAVEPOINT ${name}`);
        try {
          const result = await work(tx);
          this.db.exec(`RELEASE ${name}`);
          return result;
        } catch (err) {
          this.db.exec(`ROLLBACK TO ${name}`);
          this.db.exec(`RELEASE ${name}`);
          throw fromSqliteError(err);
        }
      },
    };
    return tx;
  }

  /** A query from outside any transaction: at once, or after the open transaction ends. */
  private async outside<R>(work: () => R): Promise<R> {
    this.refuseInsideTransaction();
    if (!this.queue.busy) return this.sync(work);
    await this.queue.acquire();
    try {
      return this.sync(work);
    } finally {
      this.queue.release();
    }
  }

  private refuseInsideTransaction(): void {
    if (this.current.getStore()?.open) throw new OutsideTransactionError();
  }

  private sync<R>(work: () => R): R {
    try {
      return work();
    } catch (err) {
      throw fromSqliteError(err);
    }
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A statement that returns rows is for get/all, one that returns none for run: as on PostgreSQL. */
  private reader(sql: string, returnsRows: boolean): Statement {
    const statement = this.prepared(sql);
    if (statement.reader !== returnsRows) {
      throw new TypeError(returnsRows ? 'This statement does not return data. Use run() instead' : 'This statement returns data. Use all() or get() instead');
    }
    return statement;
  }

  private getNow<T>(sql: string, params: SqlParams | undefined): T | undefined {
    return this.reader(sql, true).get(...bind(params)) as T | undefined;
  }

  private allNow<T>(sql: string, params: SqlParams | undefined): T[] {
    return this.reader(sql, true).all(...bind(params)) as T[];
  }

  private runNow(sql: string, params: SqlParams | undefined): RunResult {
    return { changes: this.reader(sql, false).run(...bind(params)).changes };
  }

  private execNow(sql: string): void {
    this.db.exec(sql);
  }
}
