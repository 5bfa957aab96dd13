/**
 * Issue 4, reminders, with a ManualClock and ticks called by hand: the default and a custom
 * cadence, an update restarting the clock, snooze (which does not make a late update on time),
 * escalation with the lead's DM, off, resolution, one reminder after a downtime, a bot killed
 * while sending a reminder, overlapping ticks, and the card's next-due line.
 */
import { ManualClock } from '../../src/clock';
import { CrisisError } from '../../src/core/errors';
import { REMINDER_LEASE_MINUTES } from '../../src/features/updates/reminder-service';
import type { Crisis } from '../../src/core/crisis';
import { formatTime } from '../../src/slack/views/format';
import { ALICE, BOB, CAROL, DAVE, ERIN, startHarness, type Harness } from '../helpers/harness';
import { buttonIds, cardNextDue, crisisCommand, declare, events, reminders, textOf, tick, updates } from './updates-helpers';

const START = '2026-11-26T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(START) });
  crisis = await declare(h);
});

afterEach(async () => {
  await h.close();
});

/** Moves the clock to `minutes` after the declaration and ticks once. */
async function tickAt(minutes: number): Promise<Awaited<ReturnType<typeof tick>>> {
  h.clock.set(at(minutes));
  return tick(h);
}

describe('reminders on the cadence', () => {
  it('reminds at the sev2 default, mentioning lead, spokesperson and info gatherers, once', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${CAROL}> info`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${DAVE}|dave> info-gatherer`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${ERIN}> legal`);

    expect((await tickAt(59)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);

    expect(await tickAt(60)).toMatchObject({ due: 1, sent: 1, escalated: 0, failed: 0, stopped: 0 });
    const [reminder] = reminders(h, crisis.channelId);
    const shown = textOf(reminder!);
    for (const person of [ALICE, BOB, CAROL, DAVE]) expect(shown).toContain(`<@${person}>`);
    expect(shown).not.toContain(`<@${ERIN}>`);
    expect(shown).toContain('an update is due (last one 1 h ago)');
    expect(shown).toContain('SEV2 updates are due every 1 h.');
    expect(buttonIds(reminder!)).toEqual(['reminder_post_update', 'reminder_snooze_15', 'reminder_snooze_30']);
    expect(reminder!.text).toBe('Update due: last one 1 h ago');

    expect(events(h, crisis.id, 'reminder_sent')).toEqual([
      expect.objectContaining({ occurredAt: at(60), actorId: null, data: { overdue: false, minutes_since_update: 60 } }),
    ]);
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ nextDueAt: at(120), remindersSinceUpdate: 1, lastRemindedAt: at(60) });
    // The card says the update is overdue and when the next reminder comes.
    expect(cardNextDue(h, crisis)).toBe(`:warning: overdue since ${formatTime(at(60), 'UTC')}; reminding again ${formatTime(at(120), 'UTC')} (every 1 h)`);

    h.clock.set(at(65));
    expect((await crisisCommand(h, BOB, crisis.channelId, 'remind')).text).toBe(
      'Updates are due every 1 h (the sev2 default). An update is overdue: none for 1 h 5 min. The next reminder comes in 55 min.',
    );

    // Later ticks inside the cadence send nothing more.
    expect((await tickAt(65)).sent).toBe(0);
    expect((await tickAt(119)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(1);
  });

  it('reminds at a custom cadence', async () => {
    h.clock.set(at(2));
    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 15m');
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(15));
    expect((await tickAt(14)).sent).toBe(0);
    expect((await tickAt(15)).sent).toBe(1);
    expect(textOf(reminders(h, crisis.channelId)[0]!)).toContain('last one 15 min ago');
    expect((await tickAt(29)).sent).toBe(0);
    expect((await tickAt(30)).sent).toBe(1);
    expect(reminders(h, crisis.channelId)).toHaveLength(2);
  });

  it('a severity change moves the reminder to the new default', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'severity sev3');
    expect((await tickAt(60)).sent).toBe(0);
    expect((await tickAt(239)).sent).toBe(0);
    expect((await tickAt(240)).sent).toBe(1);
  });

  it('an update restarts the clock: no reminder within the cadence after it', async () => {
    h.clock.set(at(50));
    await crisisCommand(h, BOB, crisis.channelId, 'update Still investigating with the PSP');
    expect((await tickAt(60)).sent).toBe(0);
    expect((await tickAt(109)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);
    expect((await tickAt(110)).sent).toBe(1);
    expect(textOf(reminders(h, crisis.channelId)[0]!)).toContain('last one 1 h ago');
  });
});

describe('snooze', () => {
  it('pushes the next reminder back 15 or 30 minutes, records it and takes the buttons off', async () => {
    await tickAt(60);
    const [first] = reminders(h, crisis.channelId);
    h.clock.set(at(62));
    await h.driver.clickButton({ userId: BOB, channelId: crisis.channelId, messageTs: first!.ts, actionId: 'reminder_snooze_15' });
    await h.emu.waitFor(() => events(h, crisis.id, 'reminder_snoozed').length === 1);
    expect(events(h, crisis.id, 'reminder_snoozed')[0]).toMatchObject({ actorId: BOB, occurredAt: at(62), data: { minutes: 15 } });
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ nextDueAt: at(77), remindersSinceUpdate: 0 });
    const edited = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => m.ts === first!.ts && m.edited));
    expect(buttonIds(edited)).toEqual([]);
    expect(textOf(edited)).toContain(`Snoozed for 15 min by <@${BOB}>; next reminder ${formatTime(at(77), 'UTC')}.`);
    expect(textOf(edited)).toContain(`<@${ALICE}>: an update is due`);
    await h.emu.waitFor(() => cardNextDue(h, crisis) === `${formatTime(at(77), 'UTC')} (every 1 h)`);

    expect((await tickAt(76)).sent).toBe(0);
    // The reminder after a snooze is a plain one again, not an escalation.
    expect(await tickAt(77)).toMatchObject({ sent: 1, escalated: 0 });

    const [, second] = reminders(h, crisis.channelId);
    await h.driver.clickButton({ userId: CAROL, channelId: crisis.channelId, messageTs: second!.ts, actionId: 'reminder_snooze_30' });
    await h.emu.waitFor(() => events(h, crisis.id, 'reminder_snoozed').length === 2);
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(107));
    expect((await tickAt(106)).sent).toBe(0);
    expect((await tickAt(107)).sent).toBe(1);
  });

  it('does not make a late update on time: due when the reminder went out, late in the debrief', async () => {
    await tickAt(60);
    const [reminder] = reminders(h, crisis.channelId);
    h.clock.set(at(62));
    await h.driver.clickButton({ userId: BOB, channelId: crisis.channelId, messageTs: reminder!.ts, actionId: 'reminder_snooze_15' });
    await h.emu.waitFor(() => events(h, crisis.id, 'reminder_snoozed').length === 1);
    h.clock.set(at(67));
    await crisisCommand(h, BOB, crisis.channelId, 'update Still on it');
    expect(events(h, crisis.id, 'update_posted').map((e) => e.data)).toEqual([expect.objectContaining({ due_at: at(60), next_update_at: at(127) })]);
    expect(h.bot.services.resolve.report(h.bot.store.crises.get(crisis.id)).metrics).toMatchObject({ dueTimesMet: 0, dueTimes: 1, missedUpdates: 1 });
    // The update answered the reminder: the next one is a plain reminder a cadence later.
    expect((await tickAt(126)).sent).toBe(0);
    expect(await tickAt(127)).toMatchObject({ sent: 1, escalated: 0 });
  });

  it('accepts only the offered lengths and returns when the next reminder comes', async () => {
    await tickAt(60);
    const before = h.bot.store.reminders.get(crisis.id);
    for (const minutes of [0, 20, -15, 15.5]) {
      const refused = h.bot.services.updates.snooze(crisis, BOB, minutes);
      await expect(refused).rejects.toBeInstanceOf(CrisisError);
      await expect(refused).rejects.toMatchObject({ code: 'bad_input', message: 'Snooze for 15 or 30 minutes.' });
    }
    expect(h.bot.store.reminders.get(crisis.id)).toEqual(before);
    expect(events(h, crisis.id, 'reminder_snoozed')).toHaveLength(0);

    h.clock.set(at(61));
    expect(await h.bot.services.updates.snooze(crisis, BOB, 30)).toMatchObject({ nextDueAt: at(91) });
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(91));
  });

  it('on a reminder already answered by an update, changes nothing and says why', async () => {
    await tickAt(60);
    const [reminder] = reminders(h, crisis.channelId);
    h.clock.set(at(61));
    await crisisCommand(h, BOB, crisis.channelId, 'update Fix deployed, watching');
    const before = h.bot.store.reminders.get(crisis.id);
    expect(before?.nextDueAt).toBe(at(121));

    await h.driver.clickButton({ userId: CAROL, channelId: crisis.channelId, messageTs: reminder!.ts, actionId: 'reminder_snooze_15' });
    const reply = await h.emu.waitFor(() => h.emu.responses().find((r) => String(r.body.text ?? '').includes('nothing to snooze')));
    expect(reply.context.userId).toBe(CAROL);
    expect(h.bot.store.reminders.get(crisis.id)).toEqual(before);
    expect(events(h, crisis.id, 'reminder_snoozed')).toHaveLength(0);
  });
});

describe('escalation', () => {
  it('a reminder ignored for a further full cadence escalates: overdue, the lead DM\'d, the missed update recorded', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
    await tickAt(60);
    expect(h.emu.dmsTo(ALICE).filter((m) => m.text.includes('no update'))).toHaveLength(0);

    expect(await tickAt(120)).toMatchObject({ sent: 1, escalated: 1 });
    const [, overdue] = reminders(h, crisis.channelId);
    const shown = textOf(overdue!);
    expect(shown).toContain('*Update overdue.*');
    expect(shown).toContain('no update for 2 h');
    expect(shown).toContain(`<@${ALICE}>`);
    expect(shown).toContain(`<@${BOB}>`);
    expect(buttonIds(overdue!)).toContain('reminder_post_update');

    const dms = h.emu.dmsTo(ALICE).filter((m) => m.text.includes('has had no update for 2 h'));
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toContain(`<#${crisis.channelId}>`);
    expect(h.emu.dmsTo(BOB).filter((m) => m.text.includes('no update'))).toHaveLength(0);

    expect(events(h, crisis.id, 'reminder_sent').map((e) => e.data)).toEqual([
      { overdue: false, minutes_since_update: 60 },
      { overdue: true, minutes_since_update: 120 },
    ]);
    // The missed update was due when the first reminder went out, not at the escalation.
    expect(events(h, crisis.id, 'update_missed')).toEqual([expect.objectContaining({ occurredAt: at(120), data: { due_at: at(60) } })]);

    // An update ends the escalation: the next reminder is a plain one a full cadence later.
    h.clock.set(at(130));
    await crisisCommand(h, ALICE, crisis.channelId, 'update Back on it');
    expect((await tickAt(189)).sent).toBe(0);
    expect(await tickAt(190)).toMatchObject({ sent: 1, escalated: 0 });
  });
});

describe('stopping', () => {
  it('`remind off` stops reminders; `remind every` starts them again', async () => {
    h.clock.set(at(10));
    await crisisCommand(h, ALICE, crisis.channelId, 'remind off');
    expect((await tickAt(60)).due).toBe(0);
    expect((await tickAt(600)).due).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);

    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 30m');
    // The last update was 10 hours ago, so one reminder is due now, then every 30 minutes.
    expect((await tickAt(600)).sent).toBe(1);
    expect((await tickAt(629)).sent).toBe(0);
    expect((await tickAt(630)).sent).toBe(1);
  });

  it('`/crisis resolve` stops reminders at once, even an overdue one', async () => {
    await tickAt(60);
    h.clock.set(at(61));
    const reply = await crisisCommand(h, ALICE, crisis.channelId, 'resolve Certificate renewed; payments flowing');
    expect(reply.text).toContain('Resolved');
    for (const minutes of [120, 180, 24 * 60]) expect((await tickAt(minutes)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(1);
    expect(events(h, crisis.id, 'reminder_sent')).toHaveLength(1);
  });

  it('resolving through the service stops a reminder that is due right now', async () => {
    h.clock.set(at(60));
    await h.bot.services.resolve.resolve(crisis, ALICE, 'False alarm');
    expect((await tick(h)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);
  });
});

describe('restarts and overlapping ticks', () => {
  it('sends ONE reminder after a downtime of many intervals, then goes on with the schedule', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 15m');
    await h.stopBot();
    h.clock.set(at(10 * 60 + 7)); // down for 10 hours: 40 intervals missed
    await h.restartBot();

    expect(await tick(h)).toMatchObject({ due: 1, sent: 1 });
    expect(await tick(h)).toMatchObject({ due: 0, sent: 0 });
    expect(reminders(h, crisis.channelId)).toHaveLength(1);
    expect(textOf(reminders(h, crisis.channelId)[0]!)).toContain('last one 10 h 7 min ago');
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(10 * 60 + 22));

    expect((await tickAt(10 * 60 + 21)).sent).toBe(0);
    expect((await tickAt(10 * 60 + 22)).sent).toBe(1);
    expect(events(h, crisis.id, 'reminder_sent')).toHaveLength(2);
    // The restarted bot still answers commands on the same database.
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'remind')).text).toContain('every 15 min (set by hand)');
  });

  it('a bot killed while sending a reminder: sent once by the next bot after the lease, not as an escalation', async () => {
    const hung = h.emu.hangNext('chat.postMessage', (args) => args.channel === crisis.channelId);
    h.clock.set(at(60));
    // Never awaited: this bot is gone before Slack answers (its late end, at close, is ignored).
    void h.bot.services.reminders.tick().catch(() => undefined);
    await hung.arrived;
    await h.stopBot();
    h.clock.set(at(61));
    await h.restartBot();

    expect(await tick(h)).toMatchObject({ due: 0, sent: 0 });
    h.clock.set(at(60 + REMINDER_LEASE_MINUTES));
    expect(await tick(h)).toMatchObject({ due: 1, sent: 1, escalated: 0 });
    expect(await tick(h)).toMatchObject({ due: 0, sent: 0 });
    expect(textOf(reminders(h, crisis.channelId)[0]!)).toContain('an update is due');
    expect(events(h, crisis.id, 'reminder_sent').map((e) => e.data)).toEqual([{ overdue: false, minutes_since_update: 62 }]);
    expect(events(h, crisis.id, 'update_missed')).toHaveLength(0);
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ nextDueAt: at(122), remindersSinceUpdate: 1, lastRemindedAt: at(62) });
  });

  it('two overlapping ticks never send the same reminder twice', async () => {
    // More due crises than the tick sends at once, so the second tick reads some of them as due
    // while they still wait in the first tick's queue.
    const all = [crisis];
    for (let i = 2; i <= 7; i += 1) all.push(await declare(h, `declare sev2 Outage ${i}`));
    h.clock.set(at(60));
    const [a, b] = await Promise.all([tick(h), tick(h)]);
    expect(b.due).toBeGreaterThan(0);
    expect(a.sent + b.sent).toBe(all.length);
    for (const c of all) {
      expect(reminders(h, c.channelId)).toHaveLength(1);
      expect(events(h, c.id, 'reminder_sent')).toHaveLength(1);
    }
  });
});

describe('timeline', () => {
  it('records every update, status and severity change, reminder, snooze, escalation and missed update', async () => {
    h.clock.set(at(5));
    await crisisCommand(h, ALICE, crisis.channelId, 'status identified');
    await crisisCommand(h, ALICE, crisis.channelId, 'severity sev1');
    await tickAt(30);
    const [reminder] = reminders(h, crisis.channelId);
    await h.driver.clickButton({ userId: ALICE, channelId: crisis.channelId, messageTs: reminder!.ts, actionId: 'reminder_snooze_15' });
    await h.emu.waitFor(() => events(h, crisis.id, 'reminder_snoozed').length === 1);
    await tickAt(45);
    await tickAt(75);
    h.clock.set(at(80));
    await crisisCommand(h, ALICE, crisis.channelId, 'update Mitigated');
    expect(updates(h, crisis.channelId)).toHaveLength(1);

    const kinds = events(h, crisis.id)
      .map((e) => e.kind)
      .filter((k) => k !== 'declared' && k !== 'role_assigned' && k !== 'role_nudge');
    expect(kinds).toEqual([
      'status_changed',
      'severity_changed',
      'cadence_changed',
      'reminder_sent',
      'reminder_snoozed',
      'reminder_sent',
      'reminder_sent',
      'update_missed',
      'update_posted',
    ]);
    expect(events(h, crisis.id, 'reminder_sent').map((e) => e.data.overdue)).toEqual([false, false, true]);
  });
});
