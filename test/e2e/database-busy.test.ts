/**
 * Another program holds the database's write lock (a backup tool, someone in the `sqlite3` shell):
 * the bot is not frozen. Commands, a form and a button are answered "the database is busy; nothing
 * changed" within Slack's 3 seconds, /healthz answers at once (readers are not blocked), the log
 * names the real cause, nothing is half-written, and once the lock is gone the same commands work.
 * An event, which nobody waits on, is tried again and recorded once the lock is gone. A database
 * that fails outright is said as such too, not as "something went wrong".
 */
import Database from 'better-sqlite3';
import { createLogger } from '../../src/logger';
import { ALICE, BOB, GENERAL, startHarness, type Harness, sqliteOf } from '../helpers/harness';
import { ackText, crisisCommand, declareQuick, rowCounts } from './helpers/declare-helpers';
import { events } from './timeline-fixtures';

const BUSY = 'The database is busy; nothing changed. Please try again in a moment.';

let h: Harness;
let holder: Database.Database | undefined;
const lines: string[] = [];

beforeEach(async () => {
  lines.length = 0;
  h = await startHarness({ logger: createLogger('info', [], (line) => lines.push(line)) });
});
afterEach(async () => {
  release();
  await h.close();
});

/** A second connection takes the write lock and keeps it until release(). */
function lock(): void {
  holder = new Database(h.dbFile);
  holder.exec('BEGIN IMMEDIATE');
}

function release(): void {
  if (!holder) return;
  holder.exec('ROLLBACK');
  holder.close();
  holder = undefined;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

function processedKeys(): number {
  return (h.bot.db.prepare('SELECT COUNT(*) AS n FROM processed_requests').get() as { n: number }).n;
}

test('a note and a declare get "busy" within 3 s, /healthz answers within 1 s, nothing is half-written, and the log names the cause', async () => {
  const { crisis } = await declareQuick(h, 'sev2 Checkout payments failing');
  await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
  const counts = rowCounts(h);
  const keys = processedKeys();
  const calls = h.emu.calls().length;
  lock();

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

  release();
  // Nothing was written, not even the requests' keys, and Slack was not asked to make a channel.
  expect(rowCounts(h)).toEqual(counts);
  expect(processedKeys()).toBe(keys);
  expect(h.emu.calls().slice(calls).map((c) => c.method)).not.toContain('conversations.create');
  const said = lines.join('\n');
  expect(said).toContain('SQLITE_BUSY');
  expect(said).not.toContain('Slack could not be reached');

  // The lock gone, the same note is taken.
  expect(ackText(await crisisCommand(h, ALICE, crisis.channelId, 'note Supplier called back'))).not.toContain(BUSY);
  await h.emu.waitFor(() => events(h, crisis.id, 'note').length === 1);
});

test('a form submitted while the database is busy stays open with the busy message; a button is told too', async () => {
  await crisisCommand(h, ALICE, GENERAL, 'declare');
  const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'declare_modal'));
  const { crisis } = await declareQuick(h, 'sev3 Returns portal slow');
  await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
  const counts = rowCounts(h);
  lock();

  const submitted = await timed(() => h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Modal crisis while busy' } }));
  expect(submitted.ms).toBeLessThan(3000);
  expect(submitted.value.json).toMatchObject({ response_action: 'errors' });
  expect(Object.values((submitted.value.json as { errors: Record<string, string> }).errors)).toEqual([BUSY]);

  const responses = h.emu.responses().length;
  const clicked = await h.driver.clickButton({ userId: ALICE, actionId: 'card_assign_roles', channelId: crisis.channelId, messageTs: crisis.cardTs ?? '' });
  expect(clicked.status).toBe(200);
  const told = await h.emu.waitFor(() => h.emu.responses().slice(responses).find((r) => JSON.stringify(r.body).includes('The database is busy')));
  expect(told.body).toMatchObject({ response_type: 'ephemeral' });

  release();
  expect(rowCounts(h)).toEqual(counts);
  // Submitted again once the lock is gone, the same form declares.
  await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Modal crisis while busy' } });
  await h.emu.waitFor(() => h.bot.store.crises.listOpen().some((c) => c.title === 'Modal crisis while busy'));
});

test('a pin made while the database is busy is recorded once the lock is gone', async () => {
  const { crisis } = await declareQuick(h, 'sev2 Courier strike');
  const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text: 'Courier confirms strike until Friday' });
  await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
  lock();
  await h.driver.pinAdded({ userId: ALICE, channelId: crisis.channelId, ts });
  // Events are acked before they are handled; once the bot counts it in flight, its first write has
  // run (at once, on entry) and found the lock: it now waits to try again.
  await h.emu.waitFor(() => h.bot.activity().requests > 0, 5000, 'the pin event in flight');
  expect(events(h, crisis.id, 'message_captured')).toHaveLength(0);
  release();
  const [entry] = await h.emu.waitFor(() => {
    const found = events(h, crisis.id, 'message_captured');
    return found.length > 0 && found;
  }, 15_000);
  expect(entry).toMatchObject({ text: 'Courier confirms strike until Friday' });
});

test('a database that fails a write (here: made read-only) gets "failed; nothing changed", and the log names the code', async () => {
  const { crisis } = await declareQuick(h, 'sev2 Payment provider down');
  await h.emu.waitFor(() => h.bot.slack.inFlight.size === 0);
  const counts = rowCounts(h);
  sqliteOf(h.bot.db).pragma('query_only = ON');
  try {
    const note = await crisisCommand(h, ALICE, crisis.channelId, 'note Provider status page is red');
    expect(ackText(note)).toContain('The database failed; nothing changed.');
    expect(rowCounts(h)).toEqual(counts);
    expect(lines.join('\n')).toContain('the database failed (SQLITE_READONLY)');
  } finally {
    sqliteOf(h.bot.db).pragma('query_only = OFF');
  }
  expect(ackText(await crisisCommand(h, ALICE, crisis.channelId, 'note Provider status page is red'))).not.toContain('The database failed');
});
