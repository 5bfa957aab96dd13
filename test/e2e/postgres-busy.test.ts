/**
 * On PostgreSQL, another program (a migration someone runs by hand, a report query taking locks,
 * another replica's long transaction) holds locks the bot needs: commands are answered "the database
 * is busy; nothing changed" within Slack's 3 seconds, the replica is not frozen for long (a statement
 * waits at most the lock timeout), reads go on, nothing is half-written, and once the locks are gone
 * the same command works. As test/e2e/database-busy.test.ts is for SQLite's write lock.
 */
import { Client } from 'pg';
import { createLogger } from '../../src/logger';
import { ALICE, BOB, GENERAL, startHarness, useEngine, type Harness } from '../helpers/harness';
import { describeOnPostgres } from '../helpers/postgres';
import { ackText, crisisCommand, declareQuick, rowCounts } from './helpers/declare-helpers';
import { events } from './timeline-fixtures';

const BUSY = 'The database is busy; nothing changed. Please try again in a moment.';
const TABLES = ['crises', 'role_assignments', 'checklist_items', 'timeline_events', 'reminders', 'processed_requests', 'declare_attempts'];

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

describeOnPostgres('the database busy on PostgreSQL', () => {
  let h: Harness;
  let holder: Client | undefined;
  const lines: string[] = [];

  beforeAll(() => useEngine('postgres'));
  beforeEach(async () => {
    lines.length = 0;
    h = await startHarness({ logger: createLogger('info', [], (line) => lines.push(line)) });
  });
  afterEach(async () => {
    await release();
    await h.close();
  });

  /** Another connection locks the tables against writes (reads go on) until release(). */
  async function lock(): Promise<void> {
    holder = new Client({ connectionString: h.bot.config.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${TABLES.join(', ')} IN EXCLUSIVE MODE`);
  }

  async function release(): Promise<void> {
    if (!holder) return;
    await holder.query('ROLLBACK');
    await holder.end();
    holder = undefined;
  }

  it('a note and a declare get "busy" within 3 s, /healthz and list answer, nothing is half-written, and the log names the cause', async () => {
    expect(h.bot.engine).toBe('postgres');
    const { crisis } = await declareQuick(h, 'sev2 Checkout payments failing');
    await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
    const counts = rowCounts(h);
    const calls = h.emu.calls().length;
    await lock();

    const note = await timed(() => crisisCommand(h, ALICE, crisis.channelId, 'note Supplier called back'));
    expect(note.value.status).toBe(200);
    expect(ackText(note.value)).toContain(BUSY);
    expect(note.ms).toBeLessThan(3000);

    const declared = await timed(() => crisisCommand(h, BOB, GENERAL, 'declare sev1 Warehouse flooded'));
    expect(ackText(declared.value)).toContain(BUSY);
    expect(declared.ms).toBeLessThan(3000);

    const health = await timed(() => fetch(`http://127.0.0.1:${h.bot.port}/healthz`));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    // Reads go on: list answers from the database as it was.
    expect(ackText(await crisisCommand(h, ALICE, GENERAL, 'list'))).toContain('Checkout payments failing');

    await release();
    // Nothing was written, and Slack was not asked to make a channel.
    expect(rowCounts(h)).toEqual(counts);
    expect(h.emu.calls().slice(calls).map((c) => c.method)).not.toContain('conversations.create');
    const said = lines.join('\n');
    // PostgreSQL's own code for a lock not had within lock_timeout.
    expect(said).toContain('55P03');

    // The locks gone, the same note is taken.
    expect(ackText(await crisisCommand(h, ALICE, crisis.channelId, 'note Supplier called back'))).not.toContain(BUSY);
    await h.emu.waitFor(() => events(h, crisis.id, 'note').length === 1);
  });
});
