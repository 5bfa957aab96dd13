/**
 * `npm run migrate-db -- --from <sqlite file> --to <postgres url>` (issue 21): a SQLite database
 * with rows in every table (made by the real migrations) is copied to a fresh PostgreSQL database:
 * every row of every table arrives as it was, ids kept and the next id after them, each table
 * checked by count and checksum; a target that already holds crises is refused and left alone, and
 * so is a source that is not at the latest migration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultMigrationsDir, migrate } from '../../src/store/migrations';
import { PostgresDatabase } from '../../src/store/sql/postgres-client';
import { main } from '../../src/tools/migrate-db';
import { builtFile } from '../helpers/built';
import { describeOnPostgres, freshDatabase, type TestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-files';

const ROOT = path.resolve(__dirname, '../..');
const AT = (minute: number): string => new Date(Date.UTC(2026, 11, 7, 9, minute)).toISOString();

/** Two or more rows in every table, with text that could trip a copy: quotes, ?, @name, emoji, newlines. */
function fillEveryTable(db: Database.Database): void {
  const run = (sql: string, ...params: unknown[]): number => Number(db.prepare(sql).run(...params).lastInsertRowid);
  const crisis = (n: number, extra: string): number =>
    run(`INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, customer_impact, declared_by, declared_at, updated_at, is_private, is_drill${extra ? ', resolved_at, resolution_summary' : ''})
      VALUES ('T1', ?, ?, ?, 'recall', 'sev1', ?, ?, 'U0ALICE', ?, ?, ?, 0${extra ? ', ?, ?' : ''})`,
      ...[`C0CRISIS${n}`, `crisis-${n}`, `Recall of "Model ${n}" — isn't it @odd? 🔥`, extra ? 'resolved' : 'investigating', 'Customers\ncannot order', AT(n), AT(n + 1), n % 2, ...(extra ? [AT(50), extra] : [])]);
  const c1 = crisis(1, '');
  const c2 = crisis(2, 'Fixed; refunds out');
  const lead = run("INSERT INTO role_assignments (crisis_id, role, user_id, assigned_by, assigned_at) VALUES (?, 'lead', 'U0ALICE', 'U0ALICE', ?)", c1, AT(1));
  const info = run("INSERT INTO role_assignments (crisis_id, role, user_id, assigned_by, assigned_at, relieved_at, relieved_by, dm_channel_id, dm_ts) VALUES (?, 'info', 'U0BOB', 'U0ALICE', ?, ?, 'U0ALICE', 'D1', '1.2')", c1, AT(2), AT(9));
  run("INSERT INTO checklist_items (assignment_id, item_index, item_text, done_at, done_by) VALUES (?, 0, 'Open the bridge', ?, 'U0ALICE'), (?, 1, 'Tell support', NULL, NULL)", lead, AT(3), lead);
  const note = run("INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json, source_key, permalink, hidden) VALUES (?, 'note', ?, ?, 'U0BOB', 'Error rate 40%', '{\"a\":1}', 'msg:1', 'https://x/p1', 0)", c1, AT(4), AT(4));
  run("INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, actor_id, text, data_json) VALUES (?, 'declared', ?, ?, NULL, 'Declared', '{\"severity\":\"sev1\"}')", c2, AT(2), AT(2));
  run("INSERT INTO timeline_entry_versions (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at) VALUES (?, ?, 1, 'Error rate 40%', ?, 0, 'U0BOB', ?)", c1, note, AT(4), AT(4));
  run("INSERT INTO timeline_entry_versions (crisis_id, entry_id, version, text, occurred_at, hidden, author_id, written_at) VALUES (?, ?, 2, 'Error rate 40%', ?, 0, 'U0ALICE', ?)", c1, note, AT(4), AT(6));
  run("INSERT INTO reminders (crisis_id, enabled, cadence_minutes, cadence_source, last_update_at, next_due_at, reminders_since_update, last_reminded_at) VALUES (?, 1, 30, 'default', ?, ?, 1, ?), (?, 0, 60, 'manual', ?, ?, 0, NULL)", c1, AT(1), AT(31), AT(31), c2, AT(2), AT(62));
  run("INSERT INTO follow_up_actions (crisis_id, text, owner_id, created_by, created_at, done_at, done_by) VALUES (?, 'Add a canary', 'U0BOB', 'U0ALICE', ?, NULL, NULL), (?, 'Refund all', NULL, 'U0ALICE', ?, ?, 'U0BOB')", c2, AT(51), c2, AT(52), AT(53));
  run("INSERT INTO lessons (crisis_id, went_well, went_badly, root_causes, submitted_by, submitted_at, plan_changes) VALUES (?, 'Fast', 'Slow comms', 'Config', 'U0ALICE', ?, 'Page earlier'), (?, '', '', '', 'U0BOB', ?, '')", c2, AT(54), c2, AT(55));
  const published = run(`INSERT INTO statements (crisis_id, text, author_id, created_at, number, state, audience, pre_approved, next_minutes, approved_by, approved_at, approved_as, published_by, published_at, published_to, promise_due_at, promise_state)
    VALUES (?, 'We are on it.', 'U0CAROL', ?, 1, 'published', 'customers', 0, 30, 'U0DAVE', ?, 'legal', 'U0CAROL', ?, 'status-page', ?, 'pending')`, c1, AT(5), AT(6), AT(7), AT(37));
  run("INSERT INTO statements (crisis_id, text, author_id, created_at, number, state, unseen_words) VALUES (?, 'Draft ''quoted''', 'U0CAROL', ?, 2, 'draft', '[{\"placeholder\":\"impact\",\"text\":\"x\"}]')", c1, AT(8));
  run("INSERT INTO processed_requests (request_key, processed_at) VALUES ('event:Ev1', ?), ('interaction:abc', ?)", AT(1), AT(2));
  const clock = run("INSERT INTO deadlines (crisis_id, clock_id, label, source, due_after_minutes, remind_before_json, started_at, due_at, generation, created_by, created_at) VALUES (?, 'authority', 'Tell the regulator', 'playbook', 4320, '[60,10]', ?, ?, 1, 'U0ALICE', ?)", c1, AT(1), '2026-12-10T09:01:00.000Z', AT(1));
  run("INSERT INTO deadlines (crisis_id, clock_id, label, source, due_after_minutes, started_at, due_at, done_at, done_by, created_by, created_at) VALUES (?, 'press', 'Press line', 'manual', 60, ?, ?, ?, 'U0BOB', 'U0ALICE', ?)", c1, AT(1), AT(61), AT(30), AT(1));
  run("INSERT INTO scheduled_alerts (crisis_id, kind, subject, alert_key, due_at, lease_until, state, data_json, created_at, settled_at) VALUES (?, 'deadline_reminder', 'deadline:authority', 'r:60', ?, NULL, 'pending', ?, ?, NULL), (?, 'deadline_missed', 'deadline:press', 'm', ?, ?, 'sent', '{}', ?, ?)",
    c1, '2026-12-10T08:01:00.000Z', JSON.stringify({ clock: clock }), AT(1), c1, AT(61), AT(62), AT(1), AT(61));
  run("INSERT INTO impact_versions (crisis_id, impact, changed_by, changed_at, via) VALUES (?, 'None yet', 'U0ALICE', ?, 'declared'), (?, 'Customers\ncannot order', 'U0BOB', ?, 'modal')", c1, AT(1), c1, AT(3));
  run("INSERT INTO volume_samples (crisis_id, count, source, sampled_at, recorded_at, recorded_by, external_id) VALUES (?, 120, 'zendesk', ?, ?, NULL, 'zd-1'), (?, 0, 'phone', ?, ?, 'U0ERIN', NULL)", c1, AT(4), AT(5), c1, AT(6), AT(6));
  run("INSERT INTO volume_rise_watch (crisis_id, source, rising, last_notice_at, notices) VALUES (?, 'zendesk', 1, ?, 2), (?, 'phone', 0, NULL, 0)", c1, AT(5), c1);
  run("INSERT INTO remedies (crisis_id, text, added_by, added_at) VALUES (?, 'Full refund', 'U0ALICE', ?), (?, '10% voucher', 'U0BOB', ?)", c1, AT(7), c1, AT(8));
  run("INSERT INTO faq_entries (crisis_id, number, question, answer, origin, state, proposed_by, proposed_at, approved_by, approved_at) VALUES (?, 1, 'Is it safe?', 'Stop using it.', 'playbook', 'approved', NULL, ?, NULL, ?), (?, 2, 'Refund?', 'Yes', 'proposed', 'proposed', 'U0ERIN', ?, NULL, NULL)", c1, AT(1), AT(1), c1, AT(9));
  run("INSERT INTO faq_messages (crisis_id, started_at, channel_id, ts, posted_at, updated_at) VALUES (?, ?, 'C0CRISIS1', '9.9', ?, ?), (?, ?, NULL, NULL, NULL, NULL)", c1, AT(1), AT(1), AT(9), c2, AT(2));
  run("INSERT INTO handovers (crisis_id, assignment_id, role, from_user_id, to_user_id, note, open_items_json, handed_over_by, handed_over_at) VALUES (?, ?, 'lead', NULL, 'U0ALICE', '', '[]', 'U0ALICE', ?), (?, ?, 'info', 'U0ALICE', 'U0BOB', 'Watch the queue', '[\"Tell support\"]', 'U0ALICE', ?)", c1, lead, AT(1), c1, info, AT(2));
  run("INSERT INTO declare_attempts (team_id, declared_by, title, is_private, is_drill, first_roles_json, state, channel_name, channel_id, crisis_id, declarer_told, repair_tries, started_at, updated_at) VALUES ('T1', 'U0ALICE', 'Recall', 0, 0, '{}', 'finished', 'crisis-1', 'C0CRISIS1', ?, 1, 0, ?, ?), ('T1', 'U0BOB', 'Cut short', 0, 0, '{\"info\":[\"U0BOB\"]}', 'channel_created', 'crisis-9', 'C0CRISIS9', NULL, 0, 2, ?, ?)", c1, AT(1), AT(1), AT(10), AT(11));
  // Help desks (0009): tickets, events, what a crisis counts by, counted tickets, key counts, warnings, periods.
  run("INSERT INTO helpdesk_tickets (desk, ticket_id, ticket_at, first_event_at, last_event_at, tags, keyword_hits, counted_keys, sentiment) VALUES ('zendesk', '101', ?, ?, ?, '[\"crisis-1\"]', '[\"battery\"]', '[\"tag:crisis-1\",\"kw:battery\"]', -2.5), ('intercom', 'conv \"7\"', ?, ?, ?, '[]', '[]', '[]', 0.75)", AT(3), AT(3), AT(5), AT(4), AT(4), AT(4));
  run("INSERT INTO helpdesk_events (desk, event_id, ticket_id, kind, occurred_at, received_at) VALUES ('zendesk', 'ev-1', '101', 'created', ?, ?), ('zendesk', 'ev-2', '101', 'updated', ?, ?)", AT(3), AT(3), AT(5), AT(5));
  run("INSERT INTO helpdesk_crisis_watch (crisis_id, tag, keywords, changed_by, changed_at) VALUES (?, 'crisis-1', '[\"battery\"]', 'U0ALICE', ?), (?, 'refunds', '[]', NULL, ?)", c1, AT(1), c2, AT(2));
  run("INSERT INTO helpdesk_crisis_tickets (crisis_id, desk, ticket_id, match, counted_at, sentiment) VALUES (?, 'zendesk', '101', 'tag', ?, -2.5), (?, 'intercom', 'conv \"7\"', 'keyword', ?, 0.75)", c1, AT(3), c1, AT(4));
  run('INSERT INTO helpdesk_key_counts (key, bucket_min, count) VALUES (?, ?, 3), (?, ?, 1)', 'tag:crisis-1', 29_611_980, 'kw:battery', 29_611_985);
  run("INSERT INTO helpdesk_early_warnings (key, warned_at, last_hour, median, type, channel_id, ts, crisis_id) VALUES ('kw:battery', ?, 42, 2.5, 'recall', 'C0WATCH', '5.5', ?), ('tag:refunds', ?, 25, 0, NULL, NULL, NULL, NULL)", AT(0), c1, AT(20));
  run("INSERT INTO helpdesk_periods_written (crisis_id, desk, match, last_end) VALUES (?, 'zendesk', 'tag', ?), (?, 'intercom', 'keyword', ?)", c1, AT(15), c1, AT(15));
  // Publishing (0010): public names, the status page, the outbox, the Statuspage incident, the Zendesk macro.
  run("INSERT INTO crisis_public_names (crisis_id, public_name, set_by, set_at) VALUES (?, 'Product recall', NULL, ?), (?, 'Recall of \"Model 1\"', 'U0CAROL', ?)", c1, AT(1), c1, AT(6));
  run("INSERT INTO status_page_entries (statement_id, crisis_id, body, published_at) VALUES (?, ?, 'We are on it.', ?)", published, c1, AT(7));
  run(`INSERT INTO publish_deliveries (crisis_id, statement_id, subject, target, idempotency_key, state, attempts, claims, next_attempt_at, lease_until, last_error, last_status, ref, created_at, settled_at, failure_told_at)
    VALUES (?, ?, ?, 'statuspage', 'idem-1', 'delivered', 1, 1, NULL, NULL, NULL, 201, 'inc-1', ?, ?, NULL), (?, ?, ?, 'webhook:ops', 'idem-2', 'failed', 5, 6, NULL, NULL, 'HTTP 500: "oops"', 500, NULL, ?, ?, ?)`,
    c1, published, `statement:${published}`, AT(7), AT(8), c1, published, `statement:${published}`, AT(7), AT(30), AT(31));
  run("INSERT INTO statuspage_incidents (crisis_id, incident_id, created_at, resolved_at) VALUES (?, 'inc-1', ?, NULL), (?, 'inc-2', ?, ?)", c1, AT(8), c2, AT(3), AT(50));
  run("INSERT INTO zendesk_macros (crisis_id, macro_id, created_at, deactivated_at) VALUES (?, '360001', ?, NULL), (?, '360002', ?, ?)", c1, AT(8), c2, AT(3), AT(50));
}

function sqliteTables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
}

/** A table's rows in a stable order, as JSON lines, for comparing both engines. */
function sortedRows(rows: unknown[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function npmMigrateDb(args: string[]): Promise<{ code: number | null; output: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn('npm', ['run', '--silent', 'migrate-db', '--', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describeOnPostgres('migrate-db', () => {
  let file: string;
  let target: TestDatabase;

  beforeAll(async () => {
    // `npm run migrate-db` runs the built JavaScript: built here first (when dist/ is stale, as when
    // this file runs alone), one test worker at a time, outside any test's time limit.
    builtFile('src/tools/migrate-db.ts');
    file = path.join(tempDir('crisis-migrate-db-'), 'crisis.db');
    const db = new Database(file);
    migrate(db);
    fillEveryTable(db);
    db.close();
    target = await freshDatabase('migrate');
  }, 180_000);
  afterAll(async () => {
    await target.drop();
  });

  it('copies every row of every table, keeps the ids, continues after them, and says each table matched', async () => {
    const source = new Database(file, { readonly: true });
    const tables = sqliteTables(source);
    // The fixture must keep up with the schema: a new table gets rows here too.
    for (const table of tables) expect({ table, rows: (source.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n > 0 }).toEqual({ table, rows: true });

    const { code, output } = await npmMigrateDb(['--from', file, '--to', target.url]);
    expect(output).toContain(`Copied ${tables.length} tables`);
    expect(code).toBe(0);
    for (const table of tables) expect(output).toMatch(new RegExp(`\\b${table}\\s+\\d+ rows?\\s+checksum [0-9a-f]{16}\\s+ok`));

    const pg = new PostgresDatabase({ url: target.url });
    try {
      for (const table of tables) {
        const before = sortedRows(source.prepare(`SELECT * FROM ${table}`).all());
        const after = sortedRows(await pg.all(`SELECT * FROM ${table}`));
        expect({ table, rows: after }).toEqual({ table, rows: before });
      }
      // The next crisis, role, timeline entry… gets the next id, not one already taken.
      const maxId = (source.prepare('SELECT MAX(id) AS id FROM crises').get() as { id: number }).id;
      const next = await pg.get<{ id: number }>(
        "INSERT INTO crises (team_id, channel_id, channel_name, title, crisis_type, severity, status, declared_by, declared_at, updated_at) VALUES ('T1', 'C0NEW', 'crisis-new', 'New', 'other', 'sev3', 'investigating', 'U0ALICE', ?, ?) RETURNING id",
        [AT(59), AT(59)],
      );
      expect(next?.id).toBe(maxId + 1);
      const nextEntry = await pg.get<{ id: number }>("INSERT INTO timeline_events (crisis_id, kind, occurred_at, recorded_at, text) VALUES (?, 'note', ?, ?, 'After the move') RETURNING id", [next?.id ?? 0, AT(59), AT(59)]);
      expect(nextEntry?.id).toBe((source.prepare('SELECT MAX(id) AS id FROM timeline_events').get() as { id: number }).id + 1);
      // The copy keeps the record's rules: a version is never changed.
      await expect(pg.run("UPDATE timeline_entry_versions SET text = 'x'")).rejects.toThrow('never changed');
    } finally {
      await pg.close();
      source.close();
    }
  });

  it('refuses a target that already holds crises, and changes nothing in it', async () => {
    const lines: string[] = [];
    const pg = new PostgresDatabase({ url: target.url });
    try {
      const before = await pg.get<{ n: number }>('SELECT COUNT(*) AS n FROM timeline_events');
      expect(await main(['--from', file, '--to', target.url], {}, (l) => lines.push(l))).toBe(1);
      expect(lines.join('\n')).toMatch(/Refused: The target already holds 3 crises/);
      expect(await pg.get('SELECT COUNT(*) AS n FROM timeline_events')).toEqual(before);
    } finally {
      await pg.close();
    }
  });

  it('refuses a source that is not at the latest migration, and an empty target stays empty', async () => {
    const dir = tempDir('crisis-migrate-old-');
    const older = path.join(dir, 'migrations');
    fs.mkdirSync(older);
    const files = fs.readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
    for (const f of files.slice(0, -1)) fs.copyFileSync(path.join(defaultMigrationsDir(), f), path.join(older, f));
    const oldFile = path.join(dir, 'old.db');
    const db = new Database(oldFile);
    migrate(db, older);
    db.close();
    const empty = await freshDatabase('migrate_empty');
    try {
      const lines: string[] = [];
      expect(await main(['--from', oldFile, '--to', empty.url], {}, (l) => lines.push(l))).toBe(1);
      expect(lines.join('\n')).toContain(`not at the latest migration (not applied: ${files[files.length - 1]})`);
      const pg = new PostgresDatabase({ url: empty.url });
      expect(await pg.get("SELECT to_regclass('public.crises') AS t")).toEqual({ t: null });
      await pg.close();
    } finally {
      await empty.drop();
    }
  });

  it('says how to call it when the target is missing or not PostgreSQL, and when the source is missing', async () => {
    const lines: string[] = [];
    expect(await main(['--from', file], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('No target given');
    expect(await main(['--from', file, '--to', 'mysql://x@db/crisis'], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('The target is not a PostgreSQL URL');
    expect(await main(['--from', path.join(path.dirname(file), 'nope.db'), '--to', target.url], {}, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain('There is no SQLite database at');
    expect(await main(['--bogus'], {}, (l) => lines.push(l))).toBe(2);
  });
});
