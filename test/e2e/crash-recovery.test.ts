/**
 * Killing the bot (SIGKILL, no shutdown) in the middle of declare, assign and resolve: the bot runs
 * as its own process, the emulator holds one Web API call so the bot is inside the step, the process
 * is killed there, and the bot is started again on the same database. It must start, pass SQLite's
 * integrity and foreign-key checks, hold no half-made crisis, and carry on working. A declare cut
 * short is repaired at start-up: its channel archived when no crisis was stored (so no orphan is
 * left beside a re-declare's `-2`), or, when one was, its card pinned, the crisis announced and the
 * declarer told by DM. (The held call is let through once the process is dead, as Slack may finish
 * a request whose caller died: the worst case.)
 */
import type { Db } from '../../src/store/database';
import { SlackDriver, SlackEmulator, type HeldCall } from '../../src/emulator';
import { ALICE, ANNOUNCE, BOB, BOT_TOKEN, GENERAL, SIGNING_SECRET, startHarness, tempDbFile, sqliteOf } from '../helpers/harness';
import { spawnBotProcess } from './helpers/entry-point';
import { reply } from './fixtures/crisis-steps';

/** The scheduler ticks once a year: nothing but the test's own steps happens in the process. */
const ONCE_A_YEAR = '0 0 1 1 *';

interface BotProcess {
  driver: SlackDriver;
  port: number;
  stderr(): string;
  kill(): Promise<void>;
}

/** The real entry point, built, as `npm start` runs it (its own process, to be SIGKILLed mid-step). */
async function spawnBot(emu: SlackEmulator, dbFile: string, apiUrl = emu.apiUrl): Promise<BotProcess> {
  const bot = spawnBotProcess({ apiUrl }, dbFile, { env: { REMINDER_TICK: ONCE_A_YEAR } });
  // Never leave a stray process behind a test that failed to start it.
  const notReady = setTimeout(() => bot.child.kill('SIGKILL'), 45_000);
  const port = await bot.started().finally(() => clearTimeout(notReady));
  return {
    port,
    stderr: bot.stderr,
    driver: new SlackDriver(emu, { botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET }),
    kill: async () => {
      bot.child.kill('SIGKILL');
      await bot.exit;
    },
  };
}

/** What a crashed database must still be: sound, and no crisis half-made. */
function expectConsistent(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const ids = (sql: string): unknown[] => db.prepare(sql).all();
  expect(ids(`SELECT id FROM crises c WHERE NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.crisis_id = c.id AND r.role = 'lead' AND r.relieved_at IS NULL)`)).toEqual([]);
  expect(ids('SELECT id FROM crises c WHERE NOT EXISTS (SELECT 1 FROM reminders r WHERE r.crisis_id = c.id)')).toEqual([]);
  expect(ids(`SELECT id FROM crises c WHERE NOT EXISTS (SELECT 1 FROM timeline_events t WHERE t.crisis_id = c.id AND t.kind = 'declared')`)).toEqual([]);
  expect(ids('SELECT id FROM crises WHERE card_ts IS NULL')).toEqual([]);
  expect(ids('SELECT id FROM role_assignments a WHERE NOT EXISTS (SELECT 1 FROM checklist_items i WHERE i.assignment_id = a.id)')).toEqual([]);
  expect(ids(`SELECT id FROM crises WHERE (status = 'resolved') <> (resolved_at IS NOT NULL)`)).toEqual([]);
  expect(ids(`SELECT c.id FROM crises c JOIN reminders r ON r.crisis_id = c.id WHERE c.status = 'resolved' AND r.enabled = 1`)).toEqual([]);
  // Each assignment and each relief was written with its timeline row, or not at all.
  const count = (sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
  expect(count(`SELECT COUNT(*) AS n FROM timeline_events WHERE kind = 'role_assigned'`)).toBe(count('SELECT COUNT(*) AS n FROM role_assignments'));
  expect(count(`SELECT COUNT(*) AS n FROM timeline_events WHERE kind = 'role_relieved'`)).toBe(count('SELECT COUNT(*) AS n FROM role_assignments WHERE relieved_at IS NOT NULL'));
}

async function sendAndWait(emu: SlackEmulator, driver: SlackDriver, userId: string, channelId: string, text: string): Promise<string> {
  const before = emu.responses().length;
  expect((await driver.slashCommand({ userId, channelId, text })).status).toBe(200);
  const posted = await emu.waitFor(() => emu.responses().slice(before)[0], 10_000);
  return String(posted.body.text);
}

interface Scenario {
  name: string;
  /** Work done before the fatal step (against the live process). */
  setup?(emu: SlackEmulator, driver: SlackDriver): Promise<void>;
  hold(emu: SlackEmulator): HeldCall;
  /** The step the process dies in (its ack is awaited). */
  step(emu: SlackEmulator, driver: SlackDriver): Promise<void>;
  /** What the restarted bot must find. */
  expectAfter(db: Db): void;
  /** What the start-up repair must have done in Slack (waited for). */
  repaired?(emu: SlackEmulator): boolean;
}

const crisisChannel = (emu: SlackEmulator): string => {
  const channel = [...emu.state.channels.values()].find((c) => /^crisis-\d{8}-/.test(c.name));
  if (!channel) throw new Error('no crisis channel');
  return channel.id;
};
const declareFirst = async (emu: SlackEmulator, driver: SlackDriver): Promise<void> => {
  expect(await sendAndWait(emu, driver, ALICE, GENERAL, 'declare sev1 Database failover')).toMatch(/^:rotating_light: Declared/);
};
const rows = (db: Db, sql: string): unknown[] => db.prepare(sql).all();

/** Crisis channels (not archived) that no stored crisis owns: what a crash used to leave behind. */
function orphans(emu: SlackEmulator, db: Db): string[] {
  const owned = new Set(rows(db, 'SELECT channel_id FROM crises').map((r) => (r as { channel_id: string }).channel_id));
  return [...emu.state.channels.values()].filter((c) => /^crisis-\d{8}-/.test(c.name) && !c.is_archived && !owned.has(c.id)).map((c) => c.name);
}
const dmText = (emu: SlackEmulator, userId: string): string => emu.dmsTo(userId).map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`).join('\n');
const announcements = (emu: SlackEmulator): number => emu.messages(ANNOUNCE).filter((m) => /crisis declared/.test(JSON.stringify(m.blocks))).length;
/** The crisis stored, finished: its card pinned, announced, the declarer told once. */
const finished = (emu: SlackEmulator): boolean => {
  const channel = [...emu.state.channels.values()].find((c) => /^crisis-\d{8}-database-failover$/.test(c.name));
  const told = emu.dmsTo(ALICE).filter((m) => m.text.startsWith('Your crisis "Database failover" is declared')).length;
  return channel !== undefined && emu.pins(channel.id).length === 1 && announcements(emu) >= 1 && told === 1;
};
/** No crisis stored: its channel archived, the declarer told nothing was declared. */
const undone = (emu: SlackEmulator): boolean =>
  emu.channelByName(`crisis-${CHANNEL_DAY()}-database-failover`)?.is_archived === true && /was not declared/.test(dmText(emu, ALICE)) && /was archived/.test(dmText(emu, ALICE));
const CHANNEL_DAY = (): string => new Date().toISOString().slice(0, 10).replace(/-/g, '');

const SCENARIOS: Scenario[] = [
  {
    name: 'declare, while inviting the lead into the new channel',
    hold: (emu) => emu.hangNext('conversations.invite'),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT id FROM crises')).toEqual([]),
    repaired: undone,
  },
  {
    name: 'declare, while setting the topic (right after conversations.create)',
    hold: (emu) => emu.hangNext('conversations.setTopic'),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT id FROM crises')).toEqual([]),
    repaired: undone,
  },
  {
    name: 'declare, while posting the card',
    hold: (emu) => emu.hangNext('chat.postMessage', (args) => args.channel !== ANNOUNCE),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT id FROM crises')).toEqual([]),
    repaired: undone,
  },
  {
    name: 'declare, while pinning the card (after the crisis was stored with its card)',
    hold: (emu) => emu.hangNext('pins.add'),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT title, card_ts IS NOT NULL AS has_card FROM crises')).toEqual([{ title: 'Database failover', has_card: 1 }]),
    // The announcement and the checklist went out beside the pin: Slack may have taken them just
    // before the kill, unrecorded, and the repair sends them again (at most one extra).
    repaired: (emu) => finished(emu) && announcements(emu) <= 2,
  },
  {
    name: 'declare, while announcing (after the crisis was stored)',
    hold: (emu) => emu.hangNext('chat.postMessage', (args) => args.channel === ANNOUNCE),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT title, status FROM crises')).toEqual([{ title: 'Database failover', status: 'investigating' }]),
    // Slack finished the dead process's announcement, which it never recorded: at most one extra.
    repaired: (emu) => finished(emu) && announcements(emu) <= 2,
  },
  {
    name: 'declare, while sending the lead their checklist (after the crisis was stored)',
    hold: (emu) => emu.hangNext('chat.postMessage', (args) => args.channel === ALICE),
    step: async (_emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Database failover' })),
    expectAfter: (db) => expect(rows(db, 'SELECT title FROM crises')).toEqual([{ title: 'Database failover' }]),
    repaired: (emu) => finished(emu) && announcements(emu) <= 2,
  },
  {
    name: 'assign, while inviting the new lead (after the handover was stored)',
    setup: declareFirst,
    hold: (emu) => emu.hangNext('conversations.invite'),
    step: async (emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: crisisChannel(emu), text: `assign <@${BOB}> lead` })),
    expectAfter: (db) =>
      expect(rows(db, `SELECT user_id, relieved_at IS NOT NULL AS relieved FROM role_assignments WHERE role = 'lead' ORDER BY id`)).toEqual([
        { user_id: ALICE, relieved: 1 },
        { user_id: BOB, relieved: 0 },
      ]),
  },
  {
    name: 'resolve, while posting the resolution (after it was stored)',
    setup: declareFirst,
    hold: (emu) => emu.hangNext('chat.postMessage', (args) => args.channel === crisisChannel(emu)),
    step: async (emu, driver) => void (await driver.slashCommand({ userId: ALICE, channelId: crisisChannel(emu), text: 'resolve failed back to the primary' })),
    expectAfter: (db) => expect(rows(db, 'SELECT status, resolution_summary FROM crises')).toEqual([{ status: 'resolved', resolution_summary: 'failed back to the primary' }]),
  },
];

describe('SIGKILL in the middle of a step', () => {
  for (const scenario of SCENARIOS) {
    // A process started, killed and started again takes a while on a loaded machine.
    it.concurrent(scenario.name, async () => {
      const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
      await emu.start();
      const dbFile = tempDbFile();
      const bot = await spawnBot(emu, dbFile);
      try {
        await scenario.setup?.(emu, bot.driver);
        const held = scenario.hold(emu);
        await scenario.step(emu, bot.driver);
        await Promise.race([held.arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('the held call never came')), 10_000).unref())]);
      } finally {
        await bot.kill();
      }
      emu.clearFaults();

      const h = await startHarness({ emulator: emu, dbFile });
      try {
        expectConsistent(sqliteOf(h.bot.db));
        scenario.expectAfter(sqliteOf(h.bot.db));
        if (scenario.repaired) {
          const repaired = scenario.repaired;
          await h.emu.waitFor(() => repaired(emu), 20_000);
          await h.emu.waitFor(() => rows(sqliteOf(h.bot.db), `SELECT id FROM declare_attempts WHERE state NOT IN ('finished', 'abandoned')`).length === 0, 10_000);
          expect(orphans(emu, sqliteOf(h.bot.db))).toEqual([]);
        }
        // The restarted bot works on the same data: it lists, and declares anew.
        const open = h.bot.store.crises.countOpen();
        const list = JSON.stringify((await h.driver.slashCommand({ userId: BOB, channelId: GENERAL, text: 'list' })).json);
        expect(list).toContain(open === 0 ? 'No open crises' : 'Database failover');
        expect(await reply(h, BOB, GENERAL, 'declare sev3 After the crash')).toMatch(/^:rotating_light: Declared/);
        // Declared again under the same title: a new channel, and no orphan beside it.
        expect(await reply(h, ALICE, GENERAL, 'declare sev1 Database failover')).toMatch(/^:rotating_light: Declared/);
        expect(orphans(emu, sqliteOf(h.bot.db))).toEqual([]);
        expectConsistent(sqliteOf(h.bot.db));
      } finally {
        await h.close();
      }
    }, 120_000);
  }

  it.concurrent('starts, without crashing or printing the token, when Slack cannot be reached', async () => {
    const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    await emu.start();
    const unreachable = emu.apiUrl;
    await emu.stop();
    const bot = await spawnBot(emu, tempDbFile(), unreachable);
    try {
      const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(health.status).toBe(200);
      expect(bot.stderr()).not.toContain(BOT_TOKEN);
    } finally {
      await bot.kill();
    }
  }, 60_000);
});
