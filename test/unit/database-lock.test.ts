/**
 * The store under another connection's write lock: a write gives up after the short busy wait (not
 * the 5 s it used to hold the event loop for) with an error the bot recognises as "busy"; a
 * transaction fails at its BEGIN, before any of its work ran; reads go on; the scheduler's try of
 * the lock says busy without waiting twice. And Store.version, which tells a kept read it must be
 * read again, moves on the bot's own writes and on another program's.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/clock';
import { rereadAfterWrites } from '../../src/core/reread-after-writes';
import { BUSY_TIMEOUT_MS, databaseWritable, isDatabaseBusy, openDatabase, type Db } from '../../src/store/database';
import { migrate } from '../../src/store/migrations';
import type { Store } from '../../src/core/store';
import { createStore } from '../../src/app/store';
import { tempDir } from '../helpers/temp-files';

let file: string;
let db: Db;
let store: Store;
let other: Db;

beforeEach(() => {
  file = path.join(tempDir('crisis-lock-'), 'crisis.db');
  db = openDatabase(file);
  migrate(db, undefined, () => new ManualClock('2026-03-02T09:00:00Z').now());
  store = createStore(db);
  other = new Database(file);
});
afterEach(() => {
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  db.close();
});

function failure(work: () => unknown): { error: unknown; ms: number } {
  const started = Date.now();
  try {
    work();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('expected the work to fail');
}

test('a write waits about BUSY_TIMEOUT_MS for the lock, then fails as busy', () => {
  expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(250);
  other.exec('BEGIN IMMEDIATE');
  const { error, ms } = failure(() => store.processed.firstTime('command:1', '2026-03-02T09:00:00Z'));
  expect(isDatabaseBusy(error)).toBe(true);
  expect(ms).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 50);
  // Far from the old five seconds on the event loop (generous for a busy machine).
  expect(ms).toBeLessThan(2000);
  other.exec('ROLLBACK');
  expect(store.processed.firstTime('command:1', '2026-03-02T09:00:00Z')).toBe(true);
});

test('a transaction fails at its BEGIN: none of its work runs, nothing is half-written', () => {
  other.exec('BEGIN IMMEDIATE');
  let ran = false;
  const { error } = failure(() =>
    store.transaction(() => {
      ran = true;
      store.processed.firstTime('command:2', '2026-03-02T09:00:00Z');
    }),
  );
  expect(isDatabaseBusy(error)).toBe(true);
  expect(ran).toBe(false);
  other.exec('ROLLBACK');
  expect(db.prepare('SELECT COUNT(*) AS n FROM processed_requests').get()).toEqual({ n: 0 });
});

test('reads are not blocked by the lock', () => {
  other.exec('BEGIN IMMEDIATE');
  other.prepare('INSERT INTO processed_requests (request_key, processed_at) VALUES (?, ?)').run('command:uncommitted', '2026-03-02T09:00:00Z');
  expect(store.crises.countOpen()).toBe(0);
  expect(db.prepare('SELECT COUNT(*) AS n FROM processed_requests').get()).toEqual({ n: 0 });
});

test('databaseWritable says busy while the lock is held, and never leaves a transaction open', () => {
  expect(databaseWritable(db)).toBe(true);
  other.exec('BEGIN IMMEDIATE');
  expect(databaseWritable(db)).toBe(false);
  expect(db.inTransaction).toBe(false);
  other.exec('ROLLBACK');
  expect(databaseWritable(db)).toBe(true);
  expect(isDatabaseBusy(new Error('SQLITE_BUSY'))).toBe(false);
});

test('Store.version moves on our writes and on another connection\'s, and a kept read is read again then', () => {
  let reads = 0;
  // Another program's writes are looked for at every call here, not once a second.
  const count = rereadAfterWrites({ version: () => store.version(0) }, () => {
    reads += 1;
    return store.crises.countOpen();
  });
  const first = store.version();
  expect(count(10)).toBe(0);
  expect(count(10)).toBe(0);
  expect(reads).toBe(1);
  expect(store.version()).toBe(first);

  store.processed.firstTime('command:3', '2026-03-02T09:00:00Z');
  expect(store.version()).not.toBe(first);
  count(10);
  expect(reads).toBe(2);

  const before = store.version(0);
  other.prepare('INSERT INTO processed_requests (request_key, processed_at) VALUES (?, ?)').run('command:4', '2026-03-02T09:00:00Z');
  // Within the second by default (the data version is read at most once a second), at once here.
  expect(store.version()).toBe(before);
  expect(store.version(0)).not.toBe(before);
  count(10);
  expect(reads).toBe(3);
  // Another limit is its own read.
  count(20);
  expect(reads).toBe(4);
});
