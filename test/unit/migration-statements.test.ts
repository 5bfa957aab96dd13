/**
 * migrations/0004_statements.sql on a database that already holds statements from the update form
 * (0001's table): each becomes a published statement S1, S2, … of its crisis, promising nothing;
 * the numbers are unique per crisis from then on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/store/database';
import { defaultMigrationsDir, migrate } from '../../src/store/migrations';
import { createStore } from '../../src/app/store';

let tmp: string;
let db: Db;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-migration-0004-'));
  db = openDatabase(path.join(tmp, 'crisis.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('turns the old statements into published ones, numbered per crisis, and keeps numbers unique', () => {
  const upTo3 = path.join(tmp, 'migrations');
  fs.mkdirSync(upTo3);
  for (const file of fs.readdirSync(defaultMigrationsDir()).filter((f) => f < '0004')) fs.copyFileSync(path.join(defaultMigrationsDir(), file), path.join(upTo3, file));
  migrate(db, upTo3);
  const crisis = db.prepare(`INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at)
    VALUES ('T1', ?, ?, 'Old', 'other', 'sev2', 'investigating', 'U1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
  crisis.run('C1', 'crisis-1');
  crisis.run('C2', 'crisis-2');
  const statement = db.prepare('INSERT INTO statements (crisis_id, text, author_id, created_at) VALUES (?, ?, ?, ?)');
  statement.run(1, 'First', 'U1', '2026-01-01T01:00:00.000Z');
  statement.run(2, 'Other crisis', 'U2', '2026-01-01T01:30:00.000Z');
  statement.run(1, 'Second', 'U3', '2026-01-01T02:00:00.000Z');

  // Later migrations follow it; this test is about 0004.
  expect(migrate(db)[0]).toBe('0004_statements.sql');
  const store = createStore(db);
  expect(store.statements.list(1).map((s) => [s.number, s.text, s.state, s.publishedAt, s.publishedBy, s.publishedTo, s.promiseState, s.approvedAs])).toEqual([
    [1, 'First', 'published', '2026-01-01T01:00:00.000Z', 'U1', 'the crisis channel, with an update', 'none', null],
    [2, 'Second', 'published', '2026-01-01T02:00:00.000Z', 'U3', 'the crisis channel, with an update', 'none', null],
  ]);
  expect(store.statements.list(2).map((s) => s.number)).toEqual([1]);
  // The next draft is S3 of crisis 1; a second S1 cannot be stored.
  const next = store.statements.insert(1, { text: 'New', audience: 'customers', templateId: null, preApproved: false, nextMinutes: null, statedDueAt: null, statedDueText: null, authorId: 'U1', createdAt: '2026-01-02T00:00:00.000Z' });
  expect(next).toMatchObject({ number: 3, state: 'draft', promiseState: 'none' });
  expect(() => db.prepare(`INSERT INTO statements (crisis_id, number, text, author_id, created_at) VALUES (1, 1, 'dup', 'U1', 'x')`).run()).toThrow(/UNIQUE/);
  expect(() => db.prepare(`UPDATE statements SET state = 'lost' WHERE id = 1`).run()).toThrow(/CHECK/);
});
