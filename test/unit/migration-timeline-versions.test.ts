/**
 * The timeline versions migration on a database that already holds corrections made before it (each
 * an `entry_corrected` row with the change's before and after, the entry overwritten): each
 * corrected entry gets its versions back, the original first, with who and when; a correction row
 * too damaged to read is left out rather than stopping start-up. Found by its name, not its number.
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-migration-versions-'));
  db = openDatabase(path.join(tmp, 'crisis.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Applies every migration before the versions one. */
function migrateUpToVersions(): void {
  const files = fs.readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
  const mine = files.find((f) => f.endsWith('_timeline_versions.sql'));
  if (!mine) throw new Error('no timeline versions migration');
  const before = path.join(tmp, 'migrations');
  fs.mkdirSync(before);
  for (const file of files.filter((f) => f < mine)) fs.copyFileSync(path.join(defaultMigrationsDir(), file), path.join(before, file));
  migrate(db, before);
}

it('rebuilds each corrected entry\'s versions from the correction rows, the original first', () => {
  migrateUpToVersions();
  db.prepare(`INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at)
    VALUES ('T1', 'C1', 'crisis-1', 'Old', 'other', 'sev2', 'investigating', 'U1', '2026-01-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z')`).run();
  const insert = db.prepare(`INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json, hidden)
    VALUES (1, ?, ?, ?, ?, ?, ?, ?)`);
  // A note corrected twice (text, then hidden) and one never corrected; the row holds the latest.
  const note = Number(insert.run('note', '2026-01-01T09:05:00.000Z', '2026-01-01T09:05:00.000Z', 'U1', 'Second wording', '{}', 1).lastInsertRowid);
  insert.run('note', '2026-01-01T09:06:00.000Z', '2026-01-01T09:06:00.000Z', 'U2', 'Untouched', '{}', 0);
  const v = (text: string, hidden: boolean) => ({ text, occurred_at: '2026-01-01T09:05:00.000Z', hidden });
  insert.run('entry_corrected', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', 'U3', `Entry #${note} corrected`, JSON.stringify({ entry_id: note, before: v('First wording', false), after: v('Second wording', false) }), 0);
  insert.run('entry_corrected', '2026-01-01T11:00:00.000Z', '2026-01-01T11:00:00.000Z', 'U4', `Entry #${note} hidden`, JSON.stringify({ entry_id: note, before: v('Second wording', false), after: v('Second wording', true) }), 0);
  // Damaged rows: not JSON, and JSON without the before.
  insert.run('entry_corrected', '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00.000Z', 'U4', 'x', '{"entry_id":', 0);
  insert.run('entry_corrected', '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00.000Z', 'U4', 'x', JSON.stringify({ entry_id: note }), 0);

  const applied = migrate(db);
  expect(applied.some((f) => f.endsWith('_timeline_versions.sql'))).toBe(true);
  const store = createStore(db);
  expect(store.timelineVersions.ofCrisis(1)).toEqual([
    { crisisId: 1, entryId: note, version: 1, text: 'First wording', occurredAt: '2026-01-01T09:05:00.000Z', hidden: false, authorId: 'U1', writtenAt: '2026-01-01T09:05:00.000Z' },
    { crisisId: 1, entryId: note, version: 2, text: 'Second wording', occurredAt: '2026-01-01T09:05:00.000Z', hidden: false, authorId: 'U3', writtenAt: '2026-01-01T10:00:00.000Z' },
    { crisisId: 1, entryId: note, version: 3, text: 'Second wording', occurredAt: '2026-01-01T09:05:00.000Z', hidden: true, authorId: 'U4', writtenAt: '2026-01-01T11:00:00.000Z' },
  ]);
  // The rebuilt history is the one later corrections continue.
  expect(() => db.prepare('UPDATE timeline_events SET hidden = 0 WHERE id = ?').run(note)).toThrow(/changes only by a new version/);
});
