/**
 * The SQL client on PostgreSQL (`pg`), shared by any number of replicas:
 *
 * - a pool of connections; every connection starts with a statement_timeout (a query past it fails
 *   as DatabaseBusyError rather than holding a person's request), a lock_timeout (a row lock not had
 *   within it fails the same way, as SQLite's short busy wait does), and an
 *   idle_in_transaction_session_timeout, so a replica that hangs mid-transaction lets go of its locks;
 * - transactions SERIALIZABLE by default: a service's read, checks and writes give the same
 *   guarantee as SQLite's one-writer-at-a-time, and a transaction that raced another replica's is
 *   run again (serialization failure or deadlock, up to `retries` times, with a short random wait);
 * - `?` and `@name` parameters turned into `$n` (placeholders.ts); BIGINT and NUMERIC read as
 *   numbers and booleans as 1 and 0, as SQLite gives them, so a row reads the same on both engines.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, types as pgTypes, type CustomTypesConfig, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { OutsideTransactionError, type RunResult, type SqlClient, type SqlDatabase, type SqlParams, type TransactionOptions } from './client';
import { DatabaseUnavailableError, fromPostgresError, SerializationFailureError, SqlError } from './errors';
import { postgresValues, toPostgresStatement, type PostgresStatement } from './placeholders';

export interface PostgresClientOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  url: string;
  /** Connections in the pool (default 10). */
  max?: number;
  /** A statement running longer fails (default 5 s). */
  statementTimeoutMs?: number;
  /** A lock waited for longer fails (default 2 s), within the 3 s a person waits for an answer. */
  lockTimeoutMs?: number;
  /** A connection left inside a transaction this long is closed by the server (default 30 s). */
  idleInTransactionTimeoutMs?: number;
  /** Opening a connection, or waiting for a free one, fails after this long (default 3 s). */
  connectionTimeoutMs?: number;
  /** Told when an idle connection fails (the pool replaces it); the next query gets its own error. */
  onIdleError?: (err: Error) => void;
}

const DEFAULT_RETRIES = 5;

const OID = { bool: 16, int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184 } as const;

/** Rows read as SQLite gives them: numbers for counts and ids, 1/0 for truth, ISO text for times. */
const TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pgTypes.getTypeParser(oid, format);
    switch (oid) {
      case OID.int8:
      case OID.numeric:
        return (value: string) => Number(value);
      case OID.bool:
        return (value: string) => (value === 't' ? 1 : 0);
      case OID.timestamptz:
        return (value: string) => new Date(value).toISOString();
      case OID.timestamp:
        return (value: string) => new Date(`${value.replace(' ', 'T')}Z`).toISOString();
      default:
        return pgTypes.getTypeParser(oid, format);
    }
  }) as CustomTypesConfig['getTypeParser'],
};

interface OpenTransaction {
  open: boolean;
}

type Queryable = Pick<PoolClient, 'query'>;

const MAX_STATEMENTS = 2_000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class PostgresDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  readonly pool: Pool;
  private readonly statements = new Map<string, PostgresStatement>();
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private savepoints = 0;

  constructor(options: PostgresClientOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 5_000,
      lock_timeout: options.lockTimeoutMs ?? 2_000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 30_000,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 3_000,
      application_name: 'crisis-bot',
      types: TYPES,
    });
    // An idle connection that breaks (the server restarted) must not crash the process.
    this.pool.on('error', (err) => options.onIdleError?.(err));
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    this.refuseInsideTransaction();
    return this.getOn<T>(this.pool, sql, params);
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    this.refuseInsideTransaction();
    return this.allOn<T>(this.pool, sql, params);
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    this.refuseInsideTransaction();
    return this.runOn(this.pool, sql, params);
  }

  exec(sql: string): Promise<void> {
    this.refuseInsideTransaction();
    return this.execOn(this.pool, sql);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
    this.refuseInsideTransaction();
    return this.transactionWith(undefined, work, options);
  }

  async session<T>(work: (session: SqlClient) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction();
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      return await work(this.onConnection(client));
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) broken = err;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /** A client on one connection (a session): its transactions run on that same connection. */
  private onConnection(client: PoolClient): SqlClient {
    return {
      engine: 'postgres',
      get: <T>(sql: string, params?: SqlParams) => this.getOn<T>(client, sql, params),
      all: <T>(sql: string, params?: SqlParams) => this.allOn<T>(client, sql, params),
      run: (sql, params) => this.runOn(client, sql, params),
      exec: (sql) => this.execOn(client, sql),
      transaction: (work, options) => this.transactionWith(client, work, options),
    };
  }

  /**
   * BEGIN … COMMIT on `pinned` (a session's connection) or on a connection of the pool, run again
   * after a serialization failure or a deadlock.
   */
  private async transactionWith<T>(pinned: PoolClient | undefined, work: (tx: SqlClient) => Promise<T>, options: TransactionOptions | undefined): Promise<T> {
    const retries = options?.retries ?? DEFAULT_RETRIES;
    const level = options?.isolation === 'read committed' ? 'READ COMMITTED' : 'SERIALIZABLE';
    for (let attempt = 0; ; attempt += 1) {
      const client = pinned ?? (await this.connect());
      const state: OpenTransaction = { open: true };
      let broken: Error | undefined;
      try {
        await this.query(client, { text: `BEGIN ISOLATION LEVEL ${level}` });
        try {
          const result = await this.current.run(state, () => work(this.bound(client, state)));
          const committed = await this.query(client, { text: 'COMMIT' });
          // COMMIT of a transaction an error aborted (one the work caught) rolls back, and says so only here.
          if (committed.command === 'ROLLBACK') {
            throw new SqlError('postgres', 'The transaction was rolled back: a query inside it failed (and the error was caught inside it); nothing was written', '25P02', undefined);
          }
          return result;
        } catch (err) {
          state.open = false;
          await client.query('ROLLBACK').catch((rollbackFailed: unknown) => {
            broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
          });
          throw err;
        }
      } catch (err) {
        // Queries come out typed already (query()); the work's own errors go out as they are.
        if (err instanceof SerializationFailureError && attempt < retries) {
          // Both racers retrying at once would race again; a short random wait parts them.
          await wait(Math.min(200, (5 + Math.random() * 15) * 2 ** attempt));
          continue;
        }
        throw err;
      } finally {
        state.open = false;
        if (!pinned) client.release(broken);
      }
    }
  }

  /** A client bound to an open transaction on `client`; its own transactions are savepoints. */
  private bound(client: PoolClient, state: OpenTransaction): SqlClient {
    const live = <R>(work: () => Promise<R>): Promise<R> =>
      state.open ? work() : Promise.reject(new Error('This transaction has ended: its client can no longer be used'));
    const tx: SqlClient = {
      engine: 'postgres',
      get: <T>(sql: string, params?: SqlParams) => live(() => this.getOn<T>(client, sql, params)),
      all: <T>(sql: string, params?: SqlParams) => live(() => this.allOn<T>(client, sql, params)),
      run: (sql, params) => live(() => this.runOn(client, sql, params)),
      exec: (sql) => live(() => this.execOn(client, sql)),
      transaction: <T>(work: (inner: SqlClient) => Promise<T>) =>
        live(async () => {
          this.savepoints += 1;
          const name = `sp_${this.savepoints}`;
          await this.query(client, { text: `SAVEPOINT ${name}` });
          try {
            const result = await work(tx);
            await this.query(client, { text: `RELEASE SAVEPOINT ${name}` });
            return result;
          } catch (err) {
            await this.query(client, { text: `ROLLBACK TO SAVEPOINT ${name}` });
            await this.query(client, { text: `RELEASE SAVEPOINT ${name}` });
            throw err;
          }
        }),
    };
    return tx;
  }

  private refuseInsideTransaction(): void {
    if (this.current.getStore()?.open) throw new OutsideTransactionError();
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw fromPostgresError(err);
    }
  }

  private statement(sql: string): PostgresStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = toPostgresStatement(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private async query<R extends QueryResultRow>(on: Queryable, config: { text: string; values?: unknown[] }): Promise<QueryResult<R>> {
    try {
      return await on.query<R>(config);
    } catch (err) {
      throw fromPostgresError(err);
    }
  }

  private async rows<T>(on: Queryable, sql: string, params: SqlParams | undefined): Promise<T[]> {
    const statement = this.statement(sql);
    const result = await this.query(on, { text: statement.text, values: postgresValues(statement, params) });
    // As better-sqlite3 refuses it: a statement that returns nothing was meant for run().
    if (result.fields.length === 0) throw new TypeError('This statement does not return data. Use run() instead');
    return result.rows as T[];
  }

  private async getOn<T>(on: Queryable, sql: string, params: SqlParams | undefined): Promise<T | undefined> {
    return (await this.rows<T>(on, sql, params))[0];
  }

  private allOn<T>(on: Queryable, sql: string, params: SqlParams | undefined): Promise<T[]> {
    return this.rows<T>(on, sql, params);
  }

  private async runOn(on: Queryable, sql: string, params: SqlParams | undefined): Promise<RunResult> {
    const statement = this.statement(sql);
    const result = await this.query(on, { text: statement.text, values: postgresValues(statement, params) });
    if (result.fields.length > 0) throw new TypeError('This statement returns data. Use all() or get() instead');
    return { changes: result.rowCount ?? 0 };
  }

  private async execOn(on: Queryable, sql: string): Promise<void> {
    try {
      await on.query(sql);
    } catch (err) {
      throw fromPostgresError(err);
    }
  }
}
