/**
 * migrations/0002_playbooks.sql on a database that already holds crises from before playbooks:
 * the old fixed types become the shipped playbook ids, every crisis is public and real, lessons
 * get an empty "plan changes", and the deadline and scheduled-alert tables are there.
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-migration-0002-'));
  db = openDatabase(path.join(tmp, 'crisis.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('maps the old crisis types to playbook ids and keeps every row', () => {
  const only0001 = path.join(tmp, 'migrations');
  fs.mkdirSync(only0001);
  fs.copyFileSync(path.join(defaultMigrationsDir(), '0001_init.sql'), path.join(only0001, '0001_init.sql'));
  migrate(db, only0001);
  const insert = db.prepare(`INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at)
    VALUES ('T1', ?, ?, ?, ?, 'sev2', 'investigating', 'U1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
  const old = ['service_outage', 'product_defect', 'security_breach', 'shipping_delay', 'pr_social', 'other', 'flood'];
  old.forEach((type, i) => insert.run(`C${i}`, `crisis-${i}`, `Crisis ${i}`, type));
  db.prepare(`INSERT INTO lessons (crisis_id, went_well, submitted_by, submitted_at) VALUES (1, 'Fast', 'U1', '2026-01-02T00:00:00Z')`).run();

  // Later migrations follow it; this test is about 0002.
  expect(migrate(db)[0]).toBe('0002_playbooks.sql');
  const store = createStore(db);
  expect(store.crises.listOpen().map((c) => [c.title, c.type, c.isPrivate, c.isDrill])).toEqual([
    ['Crisis 0', 'outage', false, false],
    ['Crisis 1', 'recall', false, false],
    ['Crisis 2', 'breach', false, false],
    ['Crisis 3', 'shipping', false, false],
    ['Crisis 4', 'pr', false, false],
    ['Crisis 5', 'other', false, false],
    // A type no shipped playbook had stays as it was (shown by its id).
    ['Crisis 6', 'flood', false, false],
  ]);
  expect(store.followUps.lessons(1)).toEqual([expect.objectContaining({ wentWell: 'Fast', planChanges: '' })]);
  expect(store.deadlines.list(1)).toEqual([]);
  expect(store.alerts.ofCrisis(1)).toEqual([]);
});
