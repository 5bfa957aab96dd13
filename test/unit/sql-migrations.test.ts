/**
 * Migrations per engine through the SQL client (issue 21): PostgreSQL has a translation of every
 * SQLite migration under the same name, both engines end with the same tables, columns and indexes,
 * two replicas starting together on one fresh PostgreSQL database migrate once, drift is refused,
 * the 0007 triggers refuse on both engines what they refuse on SQLite, and /readyz's readiness
 * reads "migrating" while another replica holds the migration lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDatabase, SqlEngine } from '../../src/store/sql/client';
import { ConstraintViolationError } from '../../src/store/sql/errors';
import { MIGRATION_LOCK, migrateSql, migrationsDirFor, readiness } from '../../src/store/sql/migrate';
import { PostgresDatabase } from '../../src/store/sql/postgres-client';
import { defaultMigrationsDir, MigrationDriftError, readMigrationFiles } from '../../src/store/migrations';
import { describeOnPostgres, freePort, sqlEngines } from '../helpers/postgres';
import { openTestSql, type TestSql } from '../helpers/sql-databases';
import { tempDir } from '../helpers/temp-files';

const sqliteFiles = (): string[] => fs.readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();

it('has a PostgreSQL translation of every SQLite migration, under the same name (add one beside each new migration)', () => {
  const postgres = fs.readdirSync(migrationsDirFor('postgres')).filter((f) => f.endsWith('.sql')).sort();
  expect(postgres).toEqual(sqliteFiles());
  // Each is read and numbered as the runner reads it.
  expect(readMigrationFiles(migrationsDirFor('postgres')).map((f) => f.name)).toEqual(sqliteFiles());
});

interface Column {
  table_name: string;
  column_name: string;
}

async function columns(db: SqlDatabase): Promise<string[]> {
  const rows =
    db.engine === 'sqlite'
      ? await db.all<Column>("SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'")
      : await db.all<Column>("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'");
  return rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
}

/** Named indexes (not those an engine makes for a primary key or a UNIQUE column). */
async function indexes(db: SqlDatabase): Promise<string[]> {
  const rows =
    db.engine === 'sqlite'
      ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")
      : await db.all<{ name: string }>("SELECT indexname AS name FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)");
  return rows.map((r) => r.name).sort();
}

async function triggers(db: SqlDatabase): Promise<string[]> {
  const rows =
    db.engine === 'sqlite'
      ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'")
      : await db.all<{ name: string }>("SELECT DISTINCT trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = 'public'");
  return rows.map((r) => r.name).sort();
}

describe.each(sqlEngines())('the migrations on %s', (engine: SqlEngine) => {
  let sql: TestSql;
  let db: SqlDatabase;

  beforeAll(async () => {
    sql = await openTestSql(engine);
    db = sql.db;
  });
  afterAll(async () => {
    await sql.close();
  });

  it('apply every file once, in order, recorded with its checksum; a second run applies nothing', async () => {
    const applied = await migrateSql(db, { now: () => new Date('2026-12-01T10:00:00.000Z') });
    expect(applied).toEqual(sqliteFiles());
    expect(await migrateSql(db)).toEqual([]);
    const recorded = await db.all<{ version: number; name: string; checksum: string; applied_at: string }>('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version');
    const files = readMigrationFiles(migrationsDirFor(engine));
    expect(recorded).toEqual(files.map((f) => ({ version: f.version, name: f.name, checksum: f.checksum, applied_at: '2026-12-01T10:00:00.000Z' })));
    expect(await readiness(db, files)).toEqual({ ready: true });
  });

  it('refuse an edited migration, and tell readiness so', async () => {
    const dir = tempDir('crisis-sql-migrations-');
    for (const file of fs.readdirSync(migrationsDirFor(engine)).filter((f) => f.endsWith('.sql'))) fs.copyFileSync(path.join(migrationsDirFor(engine), file), path.join(dir, file));
    fs.appendFileSync(path.join(dir, sqliteFiles()[2] ?? ''), '\n-- edited after it landed\n');
    await expect(migrateSql(db, { dir })).rejects.toBeInstanceOf(MigrationDriftError);
    expect(await readiness(db, readMigrationFiles(dir))).toMatchObject({ ready: false, reason: 'migrations_pending', problem: expect.stringContaining(sqliteFiles()[2] ?? '') });
  });

  it('keep timeline versions: a version is never changed or deleted, an entry changes only to a version already written', async () => {
    const at = '2026-12-01T10:00:00.000Z';
    const crisis = await db.get<{ id: number }>(
      `INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at)
       VALUES ('T1', ?, 'crisis-1', 'Recall', 'recall', 'sev2', 'investigating', 'U1', ?, ?) RETURNING id`,
      [`C-${engine}`, at, at],
    );
    const entry = await db.get<{ id: number }>(
      `INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, actor_id, text) VALUES (?, 'note', ?, ?, 'U1', 'First') RETURNING id`,
      [crisis?.id ?? 0, at, at],
    );
    const entryId = entry?.id ?? 0;
    const addVersion = (version: number, text: string) =>
      db.run('INSERT INTO timeline_entry_versions (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)', [crisis?.id ?? 0, entryId, version, text, at, 'U1', at]);

    const refused = (work: Promise<unknown>) => work.then(() => 'accepted', (e: unknown) => (e instanceof ConstraintViolationError ? e.kind : String(e)));
    // No version yet: the entry cannot change.
    expect(await refused(db.run("UPDATE timeline_events SET text = 'Second' WHERE id = ?", [entryId]))).toBe('trigger');
    await addVersion(1, 'First');
    await addVersion(2, 'Second');
    // To the latest version: allowed. To anything else: refused.
    expect(await refused(db.run("UPDATE timeline_events SET text = 'Second' WHERE id = ?", [entryId]))).toBe('accepted');
    expect(await refused(db.run("UPDATE timeline_events SET text = 'Third' WHERE id = ?", [entryId]))).toBe('trigger');
    // Other columns change freely.
    expect(await refused(db.run("UPDATE timeline_events SET permalink = 'https://x' WHERE id = ?", [entryId]))).toBe('accepted');
    expect(await refused(db.run("UPDATE timeline_entry_versions SET text = 'Rewritten' WHERE entry_id = ?", [entryId]))).toBe('trigger');
    expect(await refused(db.run('DELETE FROM timeline_entry_versions WHERE entry_id = ?', [entryId]))).toBe('trigger');
    expect(await db.all('SELECT version, text FROM timeline_entry_versions WHERE entry_id = ? ORDER BY version', [entryId])).toEqual([
      { version: 1, text: 'First' },
      { version: 2, text: 'Second' },
    ]);
  });
});

describeOnPostgres('PostgreSQL beside SQLite', () => {
  it('ends with the same tables, columns, indexes and triggers as SQLite', async () => {
    const [lite, pg] = await Promise.all([openTestSql('sqlite'), openTestSql('postgres')]);
    try {
      await Promise.all([migrateSql(lite.db), migrateSql(pg.db)]);
      expect(await columns(pg.db)).toEqual(await columns(lite.db));
      expect(await indexes(pg.db)).toEqual(await indexes(lite.db));
      expect(await triggers(pg.db)).toEqual(await triggers(lite.db));
    } finally {
      await Promise.all([lite.close(), pg.close()]);
    }
  });

  it('two replicas starting together on one fresh database migrate once, and both start', async () => {
    const sql = await openTestSql('postgres');
    const replica = sql.another();
    try {
      const [first, second] = await Promise.all([migrateSql(sql.db), migrateSql(replica)]);
      // One applied everything while the other waited on the lock, then found nothing to do.
      expect([first, second].sort((a, b) => a.length - b.length)).toEqual([[], sqliteFiles()]);
      expect(await sql.db.all('SELECT name, COUNT(*) AS n FROM schema_migrations GROUP BY name ORDER BY name')).toEqual(sqliteFiles().map((name) => ({ name, n: 1 })));
    } finally {
      await sql.close();
    }
  });

  it('readiness: "migrating" while another replica holds the migration lock, "unavailable" when the server cannot be reached', async () => {
    const sql = await openTestSql('postgres');
    const files = readMigrationFiles(migrationsDirFor('postgres'));
    try {
      expect(await readiness(sql.db, files)).toMatchObject({ ready: false, reason: 'database_unavailable' }); // no schema_migrations yet
      await migrateSql(sql.db);
      let release: () => void = () => undefined;
      let locked: () => void = () => undefined;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const migrating = sql.db.session(async (session) => {
        await session.get('SELECT pg_advisory_lock(?) AS locked', [MIGRATION_LOCK]);
        locked();
        await new Promise<void>((resolve) => (release = resolve));
        await session.get('SELECT pg_advisory_unlock(?) AS unlocked', [MIGRATION_LOCK]);
      });
      await isLocked;
      expect(await readiness(sql.db, files)).toMatchObject({ ready: false, reason: 'migrating' });
      release();
      await migrating;
      expect(await readiness(sql.db, files)).toEqual({ ready: true });
    } finally {
      await sql.close();
    }
    const nowhere = new PostgresDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/none`, connectionTimeoutMs: 1_000 });
    expect(await readiness(nowhere, files)).toMatchObject({ ready: false, reason: 'database_unavailable' });
    await nowhere.close();
  });

  it("0007's data migration rebuilds versions from earlier corrections, as SQLite's does", async () => {
    const sql = await openTestSql('postgres');
    try {
      const all = fs.readdirSync(migrationsDirFor('postgres')).filter((f) => f.endsWith('.sql')).sort();
      const versions = all.find((f) => f.endsWith('_timeline_versions.sql')) ?? '';
      const dir = tempDir('crisis-pg-migrations-');
      for (const file of all.filter((f) => f < versions)) fs.copyFileSync(path.join(migrationsDirFor('postgres'), file), path.join(dir, file));
      await migrateSql(sql.db, { dir });
      const db = sql.db;
      await db.run(`INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at)
        VALUES ('T1', 'C1', 'crisis-1', 'Old', 'other', 'sev2', 'investigating', 'U1', '2026-01-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z')`);
      const insert = `INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json, hidden) VALUES (1, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
      const note = (await db.get<{ id: number }>(insert, ['note', '2026-01-01T09:05:00.000Z', '2026-01-01T09:05:00.000Z', 'U1', 'Second wording', '{}', 1]))?.id ?? 0;
      const v = (text: string, hidden: boolean) => ({ text, occurred_at: '2026-01-01T09:05:00.000Z', hidden });
      await db.get(insert, ['entry_corrected', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', 'U3', 'c1', JSON.stringify({ entry_id: note, before: v('First wording', false), after: v('Second wording', false) }), 0]);
      await db.get(insert, ['entry_corrected', '2026-01-01T11:00:00.000Z', '2026-01-01T11:00:00.000Z', 'U4', 'c2', JSON.stringify({ entry_id: note, before: v('Second wording', false), after: v('Second wording', true) }), 0]);
      await db.get(insert, ['entry_corrected', '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00.000Z', 'U4', 'x', '{"entry_id":', 0]);
      await db.get(insert, ['entry_corrected', '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00.000Z', 'U4', 'x', JSON.stringify({ entry_id: note }), 0]);
      await migrateSql(db);
      expect(await db.all('SELECT entry_id, version, text, hidden, author_id, written_at FROM timeline_entry_versions ORDER BY version')).toEqual([
        { entry_id: note, version: 1, text: 'First wording', hidden: 0, author_id: 'U1', written_at: '2026-01-01T09:05:00.000Z' },
        { entry_id: note, version: 2, text: 'Second wording', hidden: 0, author_id: 'U3', written_at: '2026-01-01T10:00:00.000Z' },
        { entry_id: note, version: 3, text: 'Second wording', hidden: 1, author_id: 'U4', written_at: '2026-01-01T11:00:00.000Z' },
      ]);
    } finally {
      await sql.close();
    }
  });
});
