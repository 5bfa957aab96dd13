/**
 * Several replicas on one PostgreSQL database (issue 21): two real bot processes (the built entry
 * point, as `npm start` runs it) start together on a fresh database, against the emulator, each
 * ticking every second. They migrate once. Commands go to either. Their clocks are one clock the
 * test moves (fixtures/shared-clock.js). One is SIGKILLed in the middle of the crisis; every update
 * reminder, promise alert and deadline alert that falls due before, during and after is sent
 * exactly once, whichever replica's tick found it, and nothing due is left unsent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { SlackDriver, SlackEmulator, type EmulatedMessage } from '../../src/emulator';
import { readMigrationFiles } from '../../src/store/migrations';
import { migrationsDirFor } from '../../src/store/sql/migrate';
import { ALICE, BOB, BOT_TOKEN, CAROL, GENERAL, SIGNING_SECRET } from '../helpers/harness';
import { describeOnPostgres, freshDatabase, type TestDatabase } from '../helpers/postgres';
import { removeTempDir, tempDir } from '../helpers/temp-files';
import { spawnBotProcess, type BotProcess } from './helpers/entry-point';

const CLOCK_PRELOAD = path.join(__dirname, 'fixtures', 'shared-clock.js');
const START = Date.parse('2026-03-05T09:00:00Z');
const MIN = 60_000;

jest.setTimeout(180_000);

/** Polls an asynchronous condition (a database read) until it holds, for at most 15 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function hasBlock(m: EmulatedMessage, blockId: string): boolean {
  return (m.blocks ?? []).some((b) => (b as { block_id?: unknown }).block_id === blockId);
}

describeOnPostgres('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let dir: string;
  let clockFile: string;
  let now = START;
  let emu: SlackEmulator;
  let replicas: BotProcess[] = [];
  let sql: Client;

  const setClock = (ms: number): void => {
    now = ms;
    // Written whole and renamed, so a replica never reads half a time.
    fs.writeFileSync(`${clockFile}.next`, new Date(ms).toISOString());
    fs.renameSync(`${clockFile}.next`, clockFile);
  };

  beforeAll(async () => {
    database = await freshDatabase('replicas');
    dir = tempDir('crisis-replicas-');
    clockFile = path.join(dir, 'clock');
    setClock(START);
    emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, now: () => new Date(now) });
    await emu.start();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const r of replicas) {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill('SIGKILL');
        await r.exit;
      }
    }
    await sql?.end();
    await emu?.stop();
    await database?.drop();
    if (dir) removeTempDir(dir);
  });

  const start = (): BotProcess =>
    spawnBotProcess(emu, path.join(dir, 'unused.db'), {
      env: { DATABASE_URL: database.url, REMINDER_TICK: '* * * * * *', CRISIS_TEST_CLOCK_FILE: clockFile },
      preload: [CLOCK_PRELOAD],
    });

  const count = async (query: string, params: unknown[] = []): Promise<number> => Number((await sql.query<{ n: string }>(query, params)).rows[0]?.n ?? 0);

  it('migrate once, share the work, and send every reminder and alert exactly once though one is killed mid-crisis', async () => {
    // Both start at once, on an empty database.
    replicas = [start(), start()];
    const [a, b] = replicas as [BotProcess, BotProcess];
    const ports = await Promise.all([a.started(), b.started()]);
    const driverOf = (port: number): SlackDriver => new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
    const [toA, toB] = ports.map(driverOf) as [SlackDriver, SlackDriver];
    emu.setEventsUrl(`http://127.0.0.1:${ports[0]}/slack/events`);

    // Migrated once: every file recorded once, and only one replica applied any.
    expect(await count('SELECT COUNT(*) AS n FROM schema_migrations')).toBe(readMigrationFiles(migrationsDirFor('postgres')).length);
    const applied = replicas.map((r) => r.stderr().includes('"message":"migrations applied"'));
    expect(applied.filter(Boolean)).toHaveLength(1);

    // Commands go to either replica.
    // The reply that says `answer` (in the ack, or sent after it to the response URL).
    const command = async (driver: SlackDriver, userId: string, channelId: string, text: string, answer: RegExp): Promise<string> => {
      const before = emu.responses().length;
      const ack = await driver.slashCommand({ userId, channelId, text });
      expect(ack.status).toBe(200);
      const json = (ack.json ?? {}) as { text?: unknown };
      if (typeof json.text === 'string' && answer.test(json.text)) return json.text;
      const reply = await emu.waitFor(() => emu.responses().slice(before).find((r) => answer.test(String(r.body.text ?? ''))), 15_000);
      return String(reply.body.text ?? '');
    };
    await command(toA, ALICE, GENERAL, 'declare sev1 Checkout payments failing', /Declar/);
    const channel = await emu.waitFor(() => emu.channelByName(String(emu.calls('conversations.create')[0]?.args.name)), 15_000);
    await emu.waitFor(() => emu.pins(channel.id).length === 1, 15_000);
    const crisisId = Number((await sql.query<{ id: string }>('SELECT id FROM crises')).rows[0]?.id);
    await command(toB, ALICE, channel.id, `assign <@${BOB}> spokesperson`, /spokesperson/i);
    await command(toA, ALICE, channel.id, `assign <@${CAROL}> legal`, /legal/i);
    await command(toB, ALICE, channel.id, 'deadline add Call the insurer in 2h', /Clock `d1` added/);
    const drafted = await command(toA, BOB, channel.id, 'statement next 30m We are investigating failed checkouts.', /drafted/);
    const n = /S(\d+) drafted/.exec(drafted)?.[1];
    if (n === undefined) throw new Error(`not drafted: ${drafted}`);
    expect(n).toBeDefined();
    await command(toB, CAROL, channel.id, `approve S${n}`, /approved/i);
    expect(await command(toA, BOB, channel.id, `publish S${n} status page`, /published/)).toContain('promises the next statement');

    // Slack retries an event to whichever replica the load balancer picks: handled once.
    const ts = await toA.userPostsMessage({ userId: CAROL, channelId: channel.id, text: 'Card processor returns 502 for every EU card', sendEvent: false });
    const first = await toA.reactionAdded({ userId: CAROL, channelId: channel.id, ts, reaction: 'pushpin' });
    expect(first.status).toBe(200);
    await until(async () => (await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE kind = 'message_captured'`)) === 1);
    const historyReads = emu.calls('conversations.history').length;
    const retried = await toB.sendEvent({ type: 'reaction_added', user: CAROL, reaction: 'pushpin', item: { type: 'message', channel: channel.id, ts }, event_ts: ts }, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect(retried.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(emu.calls('conversations.history').length).toBe(historyReads);
    expect(await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE kind = 'message_captured'`)).toBe(1);

    const sent = () => ({
      reminders: emu.messages(channel.id).filter((m) => hasBlock(m, 'reminder_body')).length,
      promiseAlerts: emu.messages(channel.id).filter((m) => hasBlock(m, 'promise_alert')).length,
      promiseDms: emu.dmsTo(ALICE).filter((m) => hasBlock(m, 'promise_alert')).length,
      deadlineAlerts: emu.messages(channel.id).filter((m) => hasBlock(m, 'deadline_alert')).length,
    });
    // What the record says was sent: one row per reminder or alert, each sent once.
    const recorded = async () => ({
      reminders: await count(`SELECT COUNT(*) AS n FROM timeline_events WHERE crisis_id = $1 AND kind = 'reminder_sent'`, [crisisId]),
      promiseAlerts: await count(`SELECT COUNT(*) AS n FROM scheduled_alerts WHERE crisis_id = $1 AND kind IN ('promise_reminder', 'promise_broken') AND state = 'sent'`, [crisisId]),
      promiseDms: await count(`SELECT COUNT(*) AS n FROM scheduled_alerts WHERE crisis_id = $1 AND kind = 'promise_broken_dm' AND state = 'sent'`, [crisisId]),
      deadlineAlerts: await count(`SELECT COUNT(*) AS n FROM scheduled_alerts WHERE crisis_id = $1 AND kind IN ('deadline_reminder', 'deadline_missed') AND state = 'sent'`, [crisisId]),
    });
    // Moves the shared clock, waits until what fell due was sent, then lets both replicas tick a few
    // more times: nothing more may come.
    const moveTo = async (minutes: number, ready: (s: ReturnType<typeof sent>) => boolean): Promise<ReturnType<typeof sent>> => {
      setClock(START + minutes * MIN);
      await emu.waitFor(() => ready(sent()), 20_000).catch(async (err: unknown) => {
        throw new Error(`at +${minutes} min: sent ${JSON.stringify(sent())}, recorded ${JSON.stringify(await recorded())}; ${String(err)}\n${replicas.map((r) => r.stderr().split('\n').filter((l) => /"level":"(warn|error)"/.test(l)).slice(-5).join('\n')).join('\n---\n')}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const now2 = sent();
      expect(now2).toEqual(await recorded());
      return now2;
    };

    // 09:21: the promise's reminder (10 minutes before 09:30).
    const promised = await moveTo(21, (s) => s.promiseAlerts === 1);
    expect(promised).toEqual({ reminders: 0, promiseAlerts: 1, promiseDms: 0, deadlineAlerts: 0 });

    // One replica dies in the middle of the crisis.
    a.child.kill('SIGKILL');
    await a.exit;
    emu.setEventsUrl(`http://127.0.0.1:${ports[1]}/slack/events`);

    // 09:31: the update reminder (sev1, every 30 minutes) and the broken promise (channel and the lead's DM).
    const second = await moveTo(31, (s) => s.reminders === 1 && s.promiseAlerts === 2 && s.promiseDms === 1);
    expect(second).toEqual({ reminders: 1, promiseAlerts: 2, promiseDms: 1, deadlineAlerts: 0 });
    // The survivor still answers.
    expect(await command(toB, ALICE, channel.id, 'note The payment provider confirms the outage', /./)).not.toContain('went wrong');

    // 10:01: the deadline's first reminder (an hour before 11:00) and another update reminder.
    await moveTo(61, (s) => s.deadlineAlerts === 1 && s.reminders >= 2);
    // 10:46: its second (15 minutes before); 11:01: missed. Each once, whoever ticked.
    await moveTo(106, (s) => s.deadlineAlerts === 2);
    const last = await moveTo(121, (s) => s.deadlineAlerts === 3);
    expect(last.deadlineAlerts).toBe(3);
    expect(last.promiseAlerts).toBe(2);
    expect(last.promiseDms).toBe(1);

    // Nothing due is left unsent, and nothing was sent twice.
    const at = new Date(START + 121 * MIN).toISOString();
    expect(await count(`SELECT COUNT(*) AS n FROM scheduled_alerts WHERE state = 'pending' AND due_at <= $1`, [at])).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM reminders WHERE enabled = 1 AND next_due_at <= $1`, [at])).toBe(0);
    // One reminder per due time that passed, each at the tick that found it: 09:30, then every 30
    // minutes after the last (10:00, 10:30; the next is 11:16).
    const remindedAt = (await sql.query<{ at: string }>(`SELECT occurred_at AS at FROM timeline_events WHERE crisis_id = $1 AND kind = 'reminder_sent' ORDER BY id`, [crisisId])).rows.map((r) => r.at);
    expect(remindedAt.map((t) => t.slice(11, 16))).toEqual(['09:31', '10:01', '10:46']);
    expect(last.reminders).toBe(3);
    expect(b.child.exitCode).toBeNull();
  });
});
