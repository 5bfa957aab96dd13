/**
 * Issue 4, the real scheduler: node-cron ticking every second (REMINDER_TICK), the ManualClock
 * deciding what is due. A `remind every 1m` reminder arrives on its own, and the schedule, kept in
 * SQLite, survives a restart of the bot on the same database file.
 */
import { ManualClock } from '../../src/clock';
import { ALICE, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declare, events, reminders, textOf } from './updates-helpers';

const START = '2026-11-26T09:00:00.000Z';

let h: Harness;

afterEach(async () => {
  await h.close();
});

it('delivers a reminder from a real cron tick, and again after a restart on the same database', async () => {
  h = await startHarness({ clock: new ManualClock(START), scheduler: true, env: { REMINDER_TICK: '*/1 * * * * *' } });
  expect(h.bot.scheduler).toBeDefined();
  const crisis = await declare(h);
  expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind every 1m')).text).toBe('Updates are due every 1 min.');

  h.clock.advanceSeconds(61);
  const first = await h.emu.waitFor(() => reminders(h, crisis.channelId)[0], 3000);
  expect(textOf(first)).toContain('an update is due (last one 1 min ago)');
  await h.emu.waitFor(() => h.bot.store.reminders.get(crisis.id)?.nextDueAt === '2026-11-26T09:02:01.000Z', 3000);

  await h.restartBot();
  // The start-up tick finds nothing due yet: no flood, no duplicate.
  expect(reminders(h, crisis.channelId)).toHaveLength(1);
  expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind')).text).toContain('every 1 min (set by hand)');

  h.clock.advanceSeconds(60);
  const second = await h.emu.waitFor(() => reminders(h, crisis.channelId)[1], 3000);
  // The first went unanswered for a whole cadence, so this one escalates.
  expect(textOf(second)).toContain('*Update overdue.*');
  await h.emu.waitFor(() => h.emu.dmsTo(ALICE).some((m) => m.text.includes('has had no update for 2 min')), 3000);
  expect(events(h, crisis.id, 'reminder_sent').map((e) => e.occurredAt)).toEqual(['2026-11-26T09:01:01.000Z', '2026-11-26T09:02:01.000Z']);
  expect(events(h, crisis.id, 'update_missed')).toHaveLength(1);
});
