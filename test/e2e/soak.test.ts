/**
 * Soak: 200 crises reminding every minute, through three restarts of the bot on the same database,
 * with the scheduler's own ticks (every second) racing the test's ticks. Time is a ManualClock, so
 * the expected reminders follow from the clock moves alone: one per crisis per move that makes it
 * due, one (not one per missed minute) for a downtime. Counted per channel in the emulator, and
 * against the timeline: none lost, none doubled.
 */
import Database from 'better-sqlite3';
import { seedCrises } from '../../bench/seed';
import { ManualClock } from '../../src/clock';
import { ALICE, BOB, BOT, CAROL, DAVE, ERIN, FRANK, startHarness, type Harness } from '../helpers/harness';

const CRISES = 200;
const LEADS = [ALICE, BOB, CAROL, DAVE, ERIN, FRANK];

describe('soak: 200 crises at a 1-minute cadence through three restarts', () => {
  let h: Harness;
  let channels: string[] = [];
  let crisisIds: number[] = [];

  beforeAll(async () => {
    const clock = new ManualClock('2026-11-26T09:00:00Z');
    h = await startHarness({ clock, scheduler: true, env: { REMINDER_TICK: '* * * * * *' } });
    const made = Array.from({ length: CRISES }, (_, i) =>
      h.emu.state.addChannel({ name: `crisis-20261126-soak-${i + 1}`, creator: ALICE, members: [BOT, ...LEADS] }),
    );
    channels = made.map((c) => c.id);
    crisisIds = seedCrises(h.bot.store, {
      count: CRISES,
      at: clock.now().toISOString(),
      cadenceMinutes: 1,
      channelFor: (i) => ({ id: made[i]?.id ?? '', name: made[i]?.name ?? '' }),
      leadFor: (i) => LEADS[i % LEADS.length] ?? ALICE,
    });
  });

  afterAll(async () => {
    await h.close();
  });

  const remindersIn = (channelId: string): number =>
    h.emu.messages(channelId).filter((m) => m.user === BOT && /^Update (due|overdue)/.test(m.text)).length;

  /** Every channel got exactly `expected` reminders, and the timeline recorded exactly those. */
  function expectEveryChannel(expected: number): void {
    const counts = new Map<number, number>();
    channels.forEach((id) => counts.set(remindersIn(id), (counts.get(remindersIn(id)) ?? 0) + 1));
    expect(Object.fromEntries(counts)).toEqual({ [expected]: CRISES });
    // The bot is stopped here, so its file is read directly.
    const db = new Database(h.dbFile, { readonly: true });
    try {
      const rows = db.prepare(`SELECT crisis_id AS id, COUNT(*) AS n FROM timeline_events WHERE kind = 'reminder_sent' GROUP BY crisis_id`).all() as Array<{ id: number; n: number }>;
      const recorded = new Map<number, number>();
      for (const id of crisisIds) {
        const n = rows.find((r) => r.id === id)?.n ?? 0;
        recorded.set(n, (recorded.get(n) ?? 0) + 1);
      }
      expect(Object.fromEntries(recorded)).toEqual({ [expected]: CRISES });
    } finally {
      db.close();
    }
  }

  /** One minute on, then a tick (the scheduler may beat it to the work), then a tick again at the same time. */
  async function minutes(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      h.clock.advanceMinutes(1);
      await h.bot.services.reminders.tick();
      await h.bot.services.reminders.tick();
    }
  }

  it('sends every due reminder exactly once', async () => {
    let expected = 0;
    // Nothing is due before the first minute has passed.
    await h.bot.services.reminders.tick();
    await h.bot.stop();
    expectEveryChannel(0);

    await h.restartBot(); // restart 1, no time passed while down: nothing new is due
    await minutes(3);
    expected += 3;
    await h.stopBot();
    expectEveryChannel(expected);

    h.clock.advanceMinutes(5); // down for five minutes: one reminder at start-up, not five
    await h.restartBot(); // restart 2
    expected += 1;
    await minutes(2);
    expected += 2;
    await h.stopBot();
    expectEveryChannel(expected);

    h.clock.advanceSeconds(30); // down for half a minute: nothing falls due
    await h.restartBot(); // restart 3
    await minutes(2);
    expected += 2;
    h.clock.advanceSeconds(59);
    await h.bot.services.reminders.tick();
    await h.stopBot();
    expectEveryChannel(expected);
    expect(expected).toBe(8);

    await h.restartBot();
    // Some 1,600 reminders through four starts: seconds alone, longer beside the rest of the suite.
  }, 120_000);
});
