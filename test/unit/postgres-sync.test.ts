/**
 * The synchronous PostgreSQL engine of the store (src/store/sql/postgres-sync.ts): statements as
 * better-sqlite3 runs them, on a real server, with transactions that roll back whole, nest as
 * savepoints, and run again when another replica's transaction raced them.
 */
import { DatabaseBusyError, UniqueViolationError } from '../../src/store/sql/errors';
import { PostgresSyncDatabase, translateForPostgres } from '../../src/store/sql/postgres-sync';
import { describeOnPostgres, freshDatabase, type TestDatabase } from '../helpers/postgres';

describe('translateForPostgres', () => {
  it("turns SQLite's INSERT OR IGNORE into ON CONFLICT DO NOTHING, before a RETURNING", () => {
    expect(translateForPostgres('INSERT OR IGNORE INTO t (a) VALUES (?)')).toBe('INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING');
    expect(translateForPostgres('insert or ignore into t (a) values (?) RETURNING id')).toBe('INSERT INTO t (a) values (?)  ON CONFLICT DO NOTHING RETURNING id');
    expect(translateForPostgres('SELECT 1')).toBe('SELECT 1');
  });
});

describeOnPostgres('PostgresSyncDatabase', () => {
  let database: TestDatabase;
  let db: PostgresSyncDatabase;
  const others: PostgresSyncDatabase[] = [];

  beforeEach(async () => {
    database = await freshDatabase('sync');
    db = new PostgresSyncDatabase({ url: database.url, lockTimeoutMs: 300 });
    db.exec('CREATE TABLE items (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER NOT NULL DEFAULT 0, ok BOOLEAN)');
    db.exec('CREATE TABLE keyed (key TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  });

  afterEach(async () => {
    for (const other of others.splice(0)) other.close();
    db.close();
    await database.drop();
  });

  it('runs statements as better-sqlite3 does: ?, @name, get, all, pluck, changes and lastInsertRowid', () => {
    const insert = db.prepare('INSERT INTO items (name, n) VALUES (?, ?)');
    expect(insert.run('a', 1)).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(insert.run(['b', 2])).toEqual({ changes: 1, lastInsertRowid: 2 });
    expect(db.prepare('INSERT INTO items (name, n) VALUES (@name, @n)').run({ name: 'c', n: 3 }).lastInsertRowid).toBe(3);
    expect(db.prepare('SELECT name, n FROM items WHERE id = ?').get(2)).toEqual({ name: 'b', n: 2 });
    expect(db.prepare('SELECT name FROM items WHERE id = ?').get(99)).toBeUndefined();
    expect(db.prepare('SELECT name FROM items ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
    // COUNT is a BIGINT and a comparison a boolean on PostgreSQL: both read as SQLite gives them.
    expect(db.prepare('SELECT COUNT(*) AS c, SUM(n) AS s, MAX(n) > 2 AS big FROM items').get()).toEqual({ c: 3, s: 6, big: 1 });
    expect(db.prepare('UPDATE items SET n = n + 1 WHERE n >= ?').run(2).changes).toBe(2);
    // A table with no id column: run() still answers, with no row id.
    expect(db.prepare('INSERT INTO keyed (key, n) VALUES (?, ?)').run('k', 1)).toEqual({ changes: 1, lastInsertRowid: 0 });
    expect(db.prepare('INSERT OR IGNORE INTO keyed (key, n) VALUES (?, ?)').run('k', 2).changes).toBe(0);
    expect(() => db.prepare('SELECT ? AS a').get()).toThrow(/Too few parameter values/);
  });

  it('types what the database refused: a unique violation', () => {
    db.prepare('INSERT INTO items (name) VALUES (?)').run('a');
    expect(() => db.prepare('INSERT INTO items (name) VALUES (?)').run('a')).toThrow(UniqueViolationError);
    // The connection is still usable after an error.
    expect(db.prepare('SELECT COUNT(*) AS c FROM items').pluck().get()).toBe(1);
  });

  it('rolls a failed transaction back whole, and nests transactions as savepoints', () => {
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    expect(() =>
      db.transaction(() => {
        insert.run('x');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    db.transaction(() => {
      insert.run('y');
      expect(db.inTransaction).toBe(true);
      // A unique violation caught inside a savepoint leaves the outer transaction usable.
      expect(() => db.transaction(() => insert.run('y'))).toThrow(UniqueViolationError);
      insert.run('z');
    });
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT name FROM items ORDER BY name').pluck().all()).toEqual(['y', 'z']);
  });

  it("runs a transaction again when another replica's transaction raced it (SERIALIZABLE)", () => {
    db.prepare("INSERT INTO keyed (key, n) VALUES ('counter', 0)").run();
    const other = new PostgresSyncDatabase({ url: database.url });
    others.push(other);
    let runs = 0;
    db.transaction(() => {
      runs += 1;
      const n = db.prepare("SELECT n FROM keyed WHERE key = 'counter'").pluck().get() as number;
      // Another replica commits a change to the row read, between this read and this write.
      if (runs === 1) other.prepare("UPDATE keyed SET n = n + 10 WHERE key = 'counter'").run();
      db.prepare("UPDATE keyed SET n = ? WHERE key = 'counter'").run(n + 1);
    });
    expect(runs).toBe(2);
    // Both changes count: 0 + 10, then + 1 on the second run.
    expect(db.prepare("SELECT n FROM keyed WHERE key = 'counter'").pluck().get()).toBe(11);
  });

  it('keeps working when another replica adds a column under a statement it prepared (a rolling deploy migrating)', () => {
    const read = db.prepare('SELECT * FROM keyed WHERE key = ?');
    db.prepare("INSERT INTO keyed (key, n) VALUES ('a', 1)").run();
    expect(read.get('a')).toEqual({ key: 'a', n: 1 });
    const other = new PostgresSyncDatabase({ url: database.url });
    others.push(other);
    other.exec("ALTER TABLE keyed ADD COLUMN note TEXT DEFAULT 'new'");
    expect(read.get('a')).toEqual({ key: 'a', n: 1, note: 'new' });
  });

  it('fails as busy, not hung, when another connection holds the row lock past lock_timeout', () => {
    db.prepare("INSERT INTO keyed (key, n) VALUES ('held', 0)").run();
    const other = new PostgresSyncDatabase({ url: database.url });
    others.push(other);
    other.exec('BEGIN');
    other.prepare("UPDATE keyed SET n = 1 WHERE key = 'held'").run();
    const started = Date.now();
    expect(() => db.prepare("UPDATE keyed SET n = 2 WHERE key = 'held'").run()).toThrow(DatabaseBusyError);
    expect(Date.now() - started).toBeLessThan(3_000);
    other.exec('ROLLBACK');
  });
});
