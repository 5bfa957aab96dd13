/**
 * The SQL client's contract, the same cases on SQLite and on PostgreSQL (issue 21): parameters,
 * RETURNING, ON CONFLICT, transactions that land whole or not at all, typed errors, and what only
 * one engine has to prove: SQLite's in-process transaction lock, PostgreSQL's retry of a
 * serialization failure and its lock and statement limits.
 */
import Database from 'better-sqlite3';
import type { SqlDatabase, SqlEngine } from '../../src/store/sql/client';
import { OutsideTransactionError } from '../../src/store/sql/client';
import { ConstraintViolationError, DatabaseBusyError, DatabaseUnavailableError, SerializationFailureError, SqlError, UniqueViolationError } from '../../src/store/sql/errors';
import { PostgresDatabase } from '../../src/store/sql/postgres-client';
import { freePort, sqlEngines } from '../helpers/postgres';
import { idColumn, openTestSql, type TestSql } from '../helpers/sql-databases';

interface Item {
  id: number;
  name: string;
  qty: number;
  note: string | null;
}

describe.each(sqlEngines())('the SQL client on %s', (engine: SqlEngine) => {
  let sql: TestSql;
  let db: SqlDatabase;
  const onlyOn = (which: SqlEngine): jest.It => (engine === which ? it : it.skip);

  beforeAll(async () => {
    sql = await openTestSql(engine);
    db = sql.db;
    await db.exec(`
      CREATE TABLE items (id ${idColumn(engine)}, name TEXT NOT NULL UNIQUE, qty INTEGER NOT NULL CHECK (qty >= 0), note TEXT);
      CREATE TABLE parts (id ${idColumn(engine)}, item_id BIGINT NOT NULL REFERENCES items (id), label TEXT NOT NULL);
      CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      INSERT INTO counters (id, n) VALUES (1, 0);
    `);
  });

  afterAll(async () => {
    await sql.close();
  });

  beforeEach(async () => {
    await db.run('DELETE FROM parts');
    await db.run('DELETE FROM items');
    await db.run('UPDATE counters SET n = 0');
  });

  it('binds ? in order and @name by name (a name used twice is one value), and skips what is quoted', async () => {
    await db.run('INSERT INTO items (name, qty, note) VALUES (?, ?, ?)', ['apple', 3, null]);
    await db.run('INSERT INTO items (name, qty, note) VALUES (@name, @qty, @name)', { name: 'pear', qty: 5, ignored: 'x' });
    const rows = await db.all<Item>("SELECT name, qty, note, '?' AS mark, '@qty' AS at_mark FROM items WHERE qty >= ? ORDER BY id", [1]);
    expect(rows).toEqual([
      { name: 'apple', qty: 3, note: null, mark: '?', at_mark: '@qty' },
      { name: 'pear', qty: 5, note: 'pear', mark: '?', at_mark: '@qty' },
    ]);
    expect(await db.get<Item>('SELECT name FROM items WHERE name = ? -- a comment with a ? in it\n', ['pear'])).toEqual({ name: 'pear' });
    expect(await db.get('SELECT name FROM items WHERE name = ?', ['plum'])).toBeUndefined();
  });

  it('refuses what better-sqlite3 refuses: a missing name, too many values, a boolean; undefined binds as NULL', async () => {
    await expect(db.run('INSERT INTO items (name, qty) VALUES (@name, @qty)', { name: 'x' })).rejects.toThrow('Missing named parameter "qty"');
    // By message: better-sqlite3's native errors are of another realm's classes under Jest.
    await expect(db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['x', 1, 2])).rejects.toThrow('Too many parameter values were provided');
    await expect(db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['x', true as unknown as number])).rejects.toThrow(
      /can only bind numbers, strings, bigints, buffers, and null|SQL parameters are numbers, strings, bigints, buffers and null/,
    );
    await db.run('INSERT INTO items (name, qty, note) VALUES (?, ?, ?)', ['x', 1, undefined]);
    expect(await db.get('SELECT note FROM items WHERE name = ?', ['x'])).toEqual({ note: null });
  });

  it('reads counts, ids and truth values as numbers on both engines', async () => {
    await db.run('INSERT INTO items (name, qty) VALUES (?, ?), (?, ?)', ['a', 1, 'b', 2]);
    const row = await db.get<Record<string, unknown>>('SELECT COUNT(*) AS n, SUM(qty) AS total, MAX(id) > 0 AS truth, 1 = 2 AS lie FROM items');
    expect(row).toEqual({ n: 2, total: 3, truth: 1, lie: 0 });
  });

  it('gives the new id through RETURNING, and the rows changed through run()', async () => {
    const first = await db.get<{ id: number }>('INSERT INTO items (name, qty) VALUES (?, ?) RETURNING id', ['a', 1]);
    const second = await db.get<{ id: number; name: string }>('INSERT INTO items (name, qty) VALUES (?, ?) RETURNING id, name', ['b', 1]);
    expect(typeof first?.id).toBe('number');
    expect(second).toEqual({ id: (first?.id ?? 0) + 1, name: 'b' });
    expect(await db.run('UPDATE items SET qty = qty + 1')).toEqual({ changes: 2 });
    // A statement that returns rows goes to get/all, one that returns none to run, on both engines.
    await expect(db.run('SELECT id FROM items')).rejects.toThrow(TypeError);
    await expect(db.get('UPDATE items SET qty = 1')).rejects.toThrow(TypeError);
  });

  it('ON CONFLICT DO NOTHING inserts once, and DO UPDATE upserts', async () => {
    const insert = 'INSERT INTO items (name, qty) VALUES (?, ?) ON CONFLICT DO NOTHING';
    expect(await db.run(insert, ['a', 1])).toEqual({ changes: 1 });
    expect(await db.run(insert, ['a', 9])).toEqual({ changes: 0 });
    expect(await db.get(`${insert} RETURNING id`, ['a', 9])).toBeUndefined();
    await db.run('INSERT INTO items (name, qty) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET qty = items.qty + excluded.qty', ['a', 5]);
    expect(await db.get('SELECT qty FROM items WHERE name = ?', ['a'])).toEqual({ qty: 6 });
  });

  it('types the errors: a unique violation, a foreign key, a check, a NOT NULL', async () => {
    await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
    await expect(db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1])).rejects.toBeInstanceOf(UniqueViolationError);
    const fk = await db.run('INSERT INTO parts (item_id, label) VALUES (?, ?)', [999, 'x']).catch((e: unknown) => e);
    expect(fk).toBeInstanceOf(ConstraintViolationError);
    expect((fk as ConstraintViolationError).kind).toBe('foreign_key');
    const check = await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['b', -1]).catch((e: unknown) => e);
    expect((check as ConstraintViolationError).kind).toBe('check');
    const notNull = await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', [null, 1]).catch((e: unknown) => e);
    expect((notNull as ConstraintViolationError).kind).toBe('not_null');
    expect((notNull as SqlError).engine).toBe(engine);
  });

  describe('transactions', () => {
    it('commit what the work wrote, and return what it returned', async () => {
      const id = await db.transaction(async (tx) => {
        const row = await tx.get<{ id: number }>('INSERT INTO items (name, qty) VALUES (?, ?) RETURNING id', ['a', 1]);
        await tx.run('INSERT INTO parts (item_id, label) VALUES (?, ?)', [row?.id ?? 0, 'lid']);
        return row?.id;
      });
      expect(await db.get('SELECT COUNT(*) AS n FROM parts WHERE item_id = ?', [id ?? 0])).toEqual({ n: 1 });
    });

    it('roll back everything when the work throws, and rethrow (typed)', async () => {
      await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
      const err = await db
        .transaction(async (tx) => {
          await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['b', 1]);
          await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolationError);
      const plain = await db.transaction(async (tx) => {
        await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['c', 1]);
        throw new Error('the work changed its mind');
      }).catch((e: unknown) => e);
      expect((plain as Error).message).toBe('the work changed its mind');
      expect(await db.all('SELECT name FROM items ORDER BY name')).toEqual([{ name: 'a' }]);
    });

    it('nest as savepoints: an inner failure caught inside leaves the outer work to commit', async () => {
      await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['b', 1]);
        const inner = await tx
          .transaction(async (sp) => {
            await sp.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['c', 1]);
            await sp.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
          })
          .catch((e: unknown) => e);
        expect(inner).toBeInstanceOf(UniqueViolationError);
        await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['d', 1]);
      });
      expect(await db.all('SELECT name FROM items ORDER BY name')).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'd' }]);
    });

    it('refuse a query to the database itself from inside the work (it must go through tx), and a tx used after its end', async () => {
      let leaked: SqlDatabase | undefined;
      const err = await db
        .transaction(async (tx) => {
          leaked = tx as SqlDatabase;
          await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
          await db.get('SELECT 1 AS one');
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutsideTransactionError);
      expect(await db.get('SELECT COUNT(*) AS n FROM items')).toEqual({ n: 0 });
      await expect(leaked?.get('SELECT 1 AS one')).rejects.toThrow('This transaction has ended');
    });

    onlyOn('sqlite')('on SQLite, run one at a time in the process: two concurrent ones never interleave', async () => {
      const events: string[] = [];
      const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 15));
      const work = (who: string) =>
        db.transaction(async (tx) => {
          events.push(`${who} begins`);
          const before = await tx.get<{ n: number }>('SELECT n FROM counters WHERE id = 1');
          await pause();
          await tx.run('UPDATE counters SET n = ? WHERE id = 1', [(before?.n ?? 0) + 1]);
          await pause();
          events.push(`${who} ends`);
        });
      await Promise.all([work('A'), work('B')]);
      expect(events).toEqual(['A begins', 'A ends', 'B begins', 'B ends']);
      expect(await db.get('SELECT n FROM counters WHERE id = 1')).toEqual({ n: 2 });
    });

    onlyOn('sqlite')('on SQLite, a plain query while a transaction is open waits for its end: it never sees what is then rolled back', async () => {
      let written: () => void = () => undefined;
      const halfway = new Promise<void>((resolve) => (written = resolve));
      const failing = db
        .transaction(async (tx) => {
          await tx.run('UPDATE counters SET n = 41 WHERE id = 1');
          written();
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('changed its mind');
        })
        .catch((e: unknown) => e);
      await halfway;
      const seen = await db.get<{ n: number }>('SELECT n FROM counters WHERE id = 1');
      expect(seen).toEqual({ n: 0 });
      expect(await failing).toBeInstanceOf(Error);
    });

    onlyOn('sqlite')('on SQLite, a transaction held past the queue wait gets the next one "busy", and nothing of it is written', async () => {
      const hurried = sql.another({ queueWaitMs: 30 });
      let release: () => void = () => undefined;
      const held = hurried.transaction(async (tx) => {
        await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['held', 1]);
        await new Promise<void>((resolve) => (release = resolve));
      });
      const started = Date.now();
      const waiting = await hurried.transaction(async (tx) => tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['late', 1])).catch((e: unknown) => e);
      expect(waiting).toBeInstanceOf(DatabaseBusyError);
      expect(Date.now() - started).toBeLessThan(1_000);
      release();
      await held;
      expect(await hurried.all('SELECT name FROM items')).toEqual([{ name: 'held' }]);
    });

    onlyOn('sqlite')('on SQLite, another process holding the write lock makes BEGIN IMMEDIATE fail "busy" after the short wait', async () => {
      const outsider = new Database(sql.location);
      outsider.exec('BEGIN IMMEDIATE');
      try {
        const started = Date.now();
        const err = await db.transaction(async (tx) => tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1])).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DatabaseBusyError);
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        outsider.exec('ROLLBACK');
        outsider.close();
      }
      expect(await db.get('SELECT COUNT(*) AS n FROM items')).toEqual({ n: 0 });
    });

    onlyOn('postgres')('on PostgreSQL, two replicas racing on one row: the loser is run again, and no update is lost', async () => {
      const replica = sql.another();
      let reads = 0;
      let bothRead: () => void = () => undefined;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      const increment = (on: SqlDatabase) =>
        on.transaction(async (tx) => {
          const row = await tx.get<{ n: number }>('SELECT n FROM counters WHERE id = 1');
          reads += 1;
          if (reads === 2) bothRead();
          await barrier;
          await tx.run('UPDATE counters SET n = ? WHERE id = 1', [(row?.n ?? 0) + 1]);
        });
      await Promise.all([increment(db), increment(replica)]);
      expect(await db.get('SELECT n FROM counters WHERE id = 1')).toEqual({ n: 2 });
      expect(reads).toBe(3);
    });

    onlyOn('postgres')('on PostgreSQL, a serialization failure past the retries comes out typed', async () => {
      const replica = sql.another();
      let bothRead: () => void = () => undefined;
      let reads = 0;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      const increment = (on: SqlDatabase) =>
        on.transaction(
          async (tx) => {
            const row = await tx.get<{ n: number }>('SELECT n FROM counters WHERE id = 1');
            if ((reads += 1) === 2) bothRead();
            await barrier;
            await tx.run('UPDATE counters SET n = ? WHERE id = 1', [(row?.n ?? 0) + 1]);
          },
          { retries: 0 },
        );
      const results = await Promise.allSettled([increment(db), increment(replica)]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.reason).toBeInstanceOf(SerializationFailureError);
      expect((failed[0]?.reason as SqlError).code).toBe('40001');
    });

    onlyOn('postgres')('on PostgreSQL, an error caught inside the work still rolls everything back, and says so', async () => {
      const err = await db
        .transaction(async (tx) => {
          await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
          await tx.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]).catch(() => undefined);
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SqlError);
      expect((err as Error).message).toContain('rolled back');
      expect(await db.get('SELECT COUNT(*) AS n FROM items')).toEqual({ n: 0 });
    });

    onlyOn('postgres')('on PostgreSQL, a row lock not had within lock_timeout, or a statement past statement_timeout, is "busy"', async () => {
      const impatient = sql.another({ lockTimeoutMs: 100, statementTimeoutMs: 300 });
      await db.run('INSERT INTO items (name, qty) VALUES (?, ?)', ['a', 1]);
      let release: () => void = () => undefined;
      const holding = db.transaction(
        async (tx) => {
          await tx.get("SELECT id FROM items WHERE name = 'a' FOR UPDATE");
          await new Promise<void>((resolve) => (release = resolve));
        },
        { isolation: 'read committed' },
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const locked = await impatient.run("UPDATE items SET qty = 2 WHERE name = 'a'").catch((e: unknown) => e);
      release();
      await holding;
      expect(locked).toBeInstanceOf(DatabaseBusyError);
      expect((locked as SqlError).code).toBe('55P03');
      const slow = await impatient.get('SELECT pg_sleep(2) AS slept').catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(DatabaseBusyError);
      expect((slow as SqlError).code).toBe('57014');
    });

    onlyOn('postgres')('on PostgreSQL, a server that cannot be reached is "unavailable", quickly', async () => {
      const nowhere = new PostgresDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/none`, connectionTimeoutMs: 1_000 });
      try {
        await expect(nowhere.get('SELECT 1 AS one')).rejects.toBeInstanceOf(DatabaseUnavailableError);
        await expect(nowhere.transaction(async (tx) => tx.get('SELECT 1 AS one'))).rejects.toBeInstanceOf(DatabaseUnavailableError);
      } finally {
        await nowhere.close();
      }
    });
  });
});
