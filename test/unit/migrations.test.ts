/** The migration runner on throwaway folders of .sql files, and the real schema in migrations/. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/store/database';
import { defaultMigrationsDir, migrate, MigrationDriftError, readMigrationFiles } from '../../src/store/migrations';

const AT = new Date('2024-05-14T10:00:00Z');
const now = (): Date => AT;

let tmp: string;
let dir: string;
let db: Db;

function write(name: string, sql: string): void {
  fs.writeFileSync(path.join(dir, name), sql);
}

function tables(): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function recorded(): { version: number; name: string; applied_at: string }[] {
  return db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
}

function driftError(fn: () => unknown): MigrationDriftError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MigrationDriftError) return err;
    throw err;
  }
  throw new Error('expected a MigrationDriftError');
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-migrations-'));
  dir = path.join(tmp, 'migrations');
  fs.mkdirSync(dir);
  db = openDatabase(path.join(tmp, 'db', 'crisis.db'));
  write('0001_people.sql', 'CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);');
  write('0002_pets.sql', 'CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES people (id));\nCREATE INDEX pets_owner ON pets (owner_id);');
});

afterEach(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies every migration to a fresh database and records each', () => {
    expect(migrate(db, dir, now)).toEqual(['0001_people.sql', '0002_pets.sql']);
    expect(tables()).toEqual(['people', 'pets', 'schema_migrations']);
    expect(recorded()).toEqual([
      { version: 1, name: '0001_people.sql', applied_at: '2024-05-14T10:00:00.000Z' },
      { version: 2, name: '0002_pets.sql', applied_at: '2024-05-14T10:00:00.000Z' },
    ]);
  });

  it('a re-run is a no-op, and only a new file is applied later', () => {
    migrate(db, dir, now);
    db.prepare("INSERT INTO people (name) VALUES ('Ada')").run();
    expect(migrate(db, dir, now)).toEqual([]);
    expect(recorded()).toHaveLength(2);
    write('0003_toys.sql', 'CREATE TABLE toys (id INTEGER PRIMARY KEY);');
    expect(migrate(db, dir, () => new Date('2024-05-15T00:00:00Z'))).toEqual(['0003_toys.sql']);
    expect(recorded().map((r) => r.applied_at)).toEqual(['2024-05-14T10:00:00.000Z', '2024-05-14T10:00:00.000Z', '2024-05-15T00:00:00.000Z']);
    expect(db.prepare('SELECT name FROM people').all()).toEqual([{ name: 'Ada' }]);
  });

  it('refuses an edited migration that was applied, and changes nothing', () => {
    migrate(db, dir, now);
    write('0002_pets.sql', 'CREATE TABLE pets (id INTEGER PRIMARY KEY, name TEXT);');
    write('0003_toys.sql', 'CREATE TABLE toys (id INTEGER PRIMARY KEY);');
    const err = driftError(() => migrate(db, dir, now));
    expect(err.message).toBe(
      'Migration 0002_pets.sql was applied to this database but the file 0002_pets.sql differs. Landed migrations must never be edited; add a new one instead.',
    );
    expect(tables()).toEqual(['people', 'pets', 'schema_migrations']);
    expect(recorded()).toHaveLength(2);
  });

  it('refuses when an applied migration was deleted from the end', () => {
    migrate(db, dir, now);
    fs.unlinkSync(path.join(dir, '0002_pets.sql'));
    const err = driftError(() => migrate(db, dir, now));
    expect(err.message).toContain('The database has migrations that are not on disk: 0002_pets.sql');
  });

  it('refuses when an applied migration was deleted from the middle', () => {
    write('0003_toys.sql', 'CREATE TABLE toys (id INTEGER PRIMARY KEY);');
    migrate(db, dir, now);
    fs.unlinkSync(path.join(dir, '0002_pets.sql'));
    expect(driftError(() => migrate(db, dir, now)).message).toBe('Migration 0003_toys.sql is out of sequence: expected number 0002');
    // Renumbering the rest to close the gap is refused too.
    fs.renameSync(path.join(dir, '0003_toys.sql'), path.join(dir, '0002_toys.sql'));
    expect(driftError(() => migrate(db, dir, now)).message).toContain('not on disk: 0003_toys.sql');
    expect(recorded()).toHaveLength(3);
    expect(tables()).toEqual(['people', 'pets', 'schema_migrations', 'toys']);
  });

  it('rolls a failing migration back completely and does not record it', () => {
    migrate(db, dir, now);
    write('0003_broken.sql', 'CREATE TABLE toys (id INTEGER PRIMARY KEY);\nCREATE INDEX toys_x ON toys (no_such_column);');
    expect(() => migrate(db, dir, now)).toThrow(/no_such_column/);
    expect(tables()).toEqual(['people', 'pets', 'schema_migrations']);
    expect(recorded().map((r) => r.name)).toEqual(['0001_people.sql', '0002_pets.sql']);
    // Fixed before it ever landed, it then applies.
    write('0003_broken.sql', 'CREATE TABLE toys (id INTEGER PRIMARY KEY);');
    expect(migrate(db, dir, now)).toEqual(['0003_broken.sql']);
  });
});

describe('readMigrationFiles', () => {
  it('ignores files that are not .sql', () => {
    write('README.md', 'notes');
    expect(readMigrationFiles(dir).map((f) => f.name)).toEqual(['0001_people.sql', '0002_pets.sql']);
  });

  it.each(['1_short.sql', '0003-dashes.sql', '0003_Upper.sql', '0003_.sql'])('refuses a badly named file %s', (name) => {
    write(name, 'SELECT 1;');
    expect(driftError(() => readMigrationFiles(dir)).message).toMatch(/is not named NNNN_name\.sql|out of sequence/);
  });

  it('refuses a gap in the numbering, naming the number expected', () => {
    write('0004_skipped.sql', 'SELECT 1;');
    expect(driftError(() => readMigrationFiles(dir)).message).toBe('Migration 0004_skipped.sql is out of sequence: expected number 0003');
  });

  it('refuses two files with the same number', () => {
    write('0002_again.sql', 'SELECT 1;');
    expect(driftError(() => readMigrationFiles(dir)).message).toContain('out of sequence');
  });

  it('a refused folder leaves the database untouched', () => {
    write('0004_skipped.sql', 'SELECT 1;');
    expect(() => migrate(db, dir, now)).toThrow(MigrationDriftError);
    expect(tables()).toEqual(['schema_migrations']);
    expect(recorded()).toEqual([]);
  });
});

describe('the real schema', () => {
  beforeEach(() => {
    migrate(db, defaultMigrationsDir(), now);
  });

  function columns(table: string): string[] {
    return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  }

  it('records every file in migrations/', () => {
    const files = fs.readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
    expect(files[0]).toBe('0001_init.sql');
    expect(recorded().map((r) => r.name)).toEqual(files);
    expect(migrate(db, defaultMigrationsDir(), now)).toEqual([]);
  });

  it('has the tables and columns the mission needs', () => {
    expect(tables()).toEqual(
      expect.arrayContaining(['crises', 'role_assignments', 'timeline_events', 'reminders', 'follow_up_actions', 'processed_requests', 'schema_migrations']),
    );
    expect(columns('crises')).toEqual(expect.arrayContaining(['id', 'channel_id', 'title', 'severity', 'status', 'declared_by', 'declared_at', 'resolved_at']));
    expect(columns('role_assignments')).toEqual(expect.arrayContaining(['crisis_id', 'role', 'user_id', 'assigned_at', 'relieved_at']));
    expect(columns('timeline_events')).toEqual(expect.arrayContaining(['crisis_id', 'kind', 'occurred_at', 'text', 'source_key']));
    expect(columns('reminders')).toEqual(expect.arrayContaining(['crisis_id', 'cadence_minutes', 'next_due_at', 'enabled']));
    expect(columns('follow_up_actions')).toEqual(expect.arrayContaining(['crisis_id', 'text', 'owner_id', 'done_at']));
    expect(columns('processed_requests')).toEqual(expect.arrayContaining(['request_key', 'processed_at']));
  });

  it('indexes reminders by next_due_at', () => {
    const indexes = db.prepare("SELECT name FROM pragma_index_list('reminders')").all() as { name: string }[];
    const dueIndex = indexes.find((i) => (db.prepare(`SELECT name FROM pragma_index_info('${i.name}')`).all() as { name: string }[]).some((c) => c.name === 'next_due_at'));
    expect(dueIndex).toBeDefined();
  });

  it('has WAL and foreign keys on after openDatabase', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    expect(() =>
      db.prepare("INSERT INTO role_assignments (crisis_id, role, user_id, assigned_by, assigned_at) VALUES (999, 'lead', 'U1', 'U1', '2024-05-14T10:00:00Z')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
