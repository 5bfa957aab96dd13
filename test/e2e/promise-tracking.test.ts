/**
 * Issue 16, every promise the bot writes, it tracks, end to end through the emulator:
 * - after the resolution, a template that says when the next update comes is refused, by command
 *   and in the form, saying why; one that promises nothing may still be drafted;
 * - a time stated in an update's text ("next update by 09:55", "in 20 min") is the update clock's
 *   next due time: the reply says so, the channel shows one deadline, the reminder comes then and
 *   not at the cadence; a stated time the clock cannot take is refused and nothing is posted;
 * - a 5-minute promise is reminded halfway (2.5 minutes), and when broken the channel is told,
 *   mentioning the spokesperson who owed it, besides the lead's DM and the timeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, crisisWith, nextTold, openModal, promiseAlerts, statement, statementRows, textOf } from './statement-helpers';
import { cardNextDue, reminders, tick, updates } from './updates-helpers';

const START = '2026-03-05T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let h: Harness;
let crisis: Crisis;
beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(START) });
  // sev1: updates every 30 minutes.
  crisis = await crisisWith(h, 'declare sev1 outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

describe('after the resolution', () => {
  it('a template holding {next_update} is refused with why, by command and in the form; one without may be drafted', async () => {
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Checkout restored');
    const before = statementRows(h);
    const refusal =
      'This crisis is resolved, so no statement promises customers a next update, and the template `outage-holding` says when the next comes (`{next_update}`). Write the text by hand: `/crisis statement &lt;text&gt;`, or the statement form with "No template". Nothing changed.';
    expect((await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-holding')).text).toBe(refusal);
    expect(statementRows(h)).toEqual(before);

    await h.driver.slashCommand({ userId: BOB, channelId: crisis.channelId, text: 'statement' });
    const pick = await openModal(h, BOB, 'statement_pick_modal');
    const submitted = await h.driver.submitView({ userId: BOB, viewId: pick.id, values: { statement_template: 'outage-holding' } });
    expect(submitted.json).toMatchObject({ response_action: 'errors', errors: { statement_template: refusal } });
    expect(h.emu.view(pick.id)?.open).toBe(true);
    expect(statementRows(h)).toEqual(before);

    // The apology promises nothing: drafted, and it promises no next statement.
    expect((await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-apology')).text).toContain('S1 drafted');
    expect(statement(h, crisis, 1)).toMatchObject({ templateId: 'outage-apology', statedDueAt: null });
  });
});

describe('a time stated in an update', () => {
  it('is the next due time: the reply says so, the channel shows that one deadline, and the reminder comes then, not at the cadence', async () => {
    h.clock.set(at(10));
    const reply = await crisisCommand(h, BOB, crisis.channelId, 'update Rolling back the deploy. Next update by 09:55.');
    expect(reply.text).toBe('Update posted. Next update due by 09:55 UTC (in 45 min), as your update says; the reminder comes then.');
    const posted = updates(h, crisis.channelId).at(-1);
    if (!posted) throw new Error('no update posted');
    expect(textOf(posted)).toContain('Next update by 5 Mar 09:55 UTC');
    expect(textOf(posted)).not.toContain('09:40');
    expect(h.bot.store.reminders.get(crisis.id)).toMatchObject({ lastUpdateAt: at(10), nextDueAt: at(55) });
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'update_posted').at(-1)?.data).toMatchObject({ next_update_at: at(55) });
    await h.emu.waitFor(() => (cardNextDue(h, crisis).startsWith('5 Mar 09:55 UTC') ? true : undefined));

    // At the cadence (09:40) nothing; at the stated time, the reminder.
    h.clock.set(at(40));
    expect((await tick(h)).sent).toBe(0);
    h.clock.set(at(54));
    expect((await tick(h)).sent).toBe(0);
    expect(reminders(h, crisis.channelId)).toHaveLength(0);
    h.clock.set(at(55));
    expect((await tick(h)).sent).toBe(1);
    expect(reminders(h, crisis.channelId)).toHaveLength(1);
  });

  it('a relative time counts too; a time the clock cannot take is refused and nothing is posted', async () => {
    h.clock.set(at(10));
    expect((await crisisCommand(h, BOB, crisis.channelId, "update We'll update you again in 2 hours.")).text).toBe(
      'Update posted. Next update due by 11:10 UTC (in 2 h), as your update says; the reminder comes then.',
    );
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(130));

    const posted = updates(h, crisis.channelId).length;
    const rows = statementRows(h);
    expect((await crisisCommand(h, BOB, crisis.channelId, 'update Still rolling back; next update in 30 hours')).text).toBe(
      'Your update says the next one comes “in 30 hours”, but that is 1 day 6 h away, more than 24 hours. The update clock runs from 1 minute to 24 hours ahead: say a time within that, or leave it out and the next update is due at the cadence. Nothing was posted.',
    );
    expect((await crisisCommand(h, BOB, crisis.channelId, 'update Next update by 09:05')).text).toContain('but 09:05 has passed (it is 09:10 UTC now).');
    expect(updates(h, crisis.channelId)).toHaveLength(posted);
    expect(statementRows(h)).toEqual(rows);
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(130));
  });

  it('in the update form, the text wins over "next update in" and the person is told; a bad time keeps the form open', async () => {
    h.clock.set(at(10));
    await h.driver.slashCommand({ userId: BOB, channelId: crisis.channelId, text: 'update' });
    const form = await openModal(h, BOB, 'update_modal');
    const bad = await h.driver.submitView({ userId: BOB, viewId: form.id, values: { update: 'Backup live. Next update at 09:09.', next_update: '60' } });
    expect(bad.json).toMatchObject({ response_action: 'errors', errors: { update: expect.stringContaining('09:09 has passed') } });
    expect(h.emu.view(form.id)?.open).toBe(true);
    expect(updates(h, crisis.channelId)).toHaveLength(0);

    const told = await nextTold(h, BOB, () => h.driver.submitView({ userId: BOB, viewId: form.id, values: { update: 'Backup live; next update in 20 min', next_update: '60' } }));
    expect(told).toContain('Update posted. Next update due by 09:30 UTC (in 20 min), as your update says; the reminder comes then.');
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(at(30));
    const posted = updates(h, crisis.channelId).at(-1);
    if (!posted) throw new Error('no update posted');
    expect(textOf(posted)).toContain('Next update by 5 Mar 09:30 UTC');
  });
});

describe('a promise shorter than the ten minutes\' warning', () => {
  it('a 5-minute promise is reminded at 2.5 minutes; broken, the channel is told mentioning the spokesperson, and the lead by DM', async () => {
    await crisisCommand(h, BOB, crisis.channelId, 'statement next 5m We are rolling back the deploy.');
    await crisisCommand(h, CAROL, crisis.channelId, 'approve S1');
    expect((await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status page')).text).toBe(
      "S1 marked published (status page). It promises the next statement by 09:05 UTC (in 5 min); it is shorter than the 10 minutes' warning, so you will be reminded halfway, at 09:02 UTC.",
    );
    expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.kind.startsWith('promise')).map((a) => [a.kind, a.dueAt])).toEqual([
      ['promise_reminder', '2026-03-05T09:02:30.000Z'],
      ['promise_broken', at(5)],
      ['promise_broken_dm', at(5)],
    ]);
    const channel = (): string[] => promiseAlerts(h.emu.messages(crisis.channelId));

    h.clock.set('2026-03-05T09:02:29.000Z');
    await h.bot.services.alerts.tick();
    expect(channel()).toEqual([]);
    h.clock.set('2026-03-05T09:02:30.000Z');
    await h.bot.services.alerts.tick();
    expect(channel()).toEqual([
      `:alarm_clock: <@${BOB}>: S1 promised customers the next statement by 09:05 UTC, in 3 min. Draft it (\`/crisis statement &lt;text&gt;\`, or from a template), get it approved and publish it: even "no news yet, next update by …" keeps the promise.`,
    ]);

    h.clock.set(at(5));
    await h.bot.services.alerts.tick();
    expect(channel().slice(1)).toEqual([
      `:rotating_light: <@${BOB}>: a promise to customers was broken. S1 (published to status page by <@${BOB}>) promised the next statement by 09:05 UTC, and none was published. Get one out now, and say in it when the next comes. The lead (<@${ALICE}>) has been told.`,
    ]);
    expect(promiseAlerts(h.emu.dmsTo(ALICE))).toHaveLength(1);
    expect(statement(h, crisis, 1).promiseState).toBe('broken');
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'promise_broken')).toHaveLength(1);
    // Another tick, and a restart: nothing again.
    await h.restartBot();
    await h.bot.services.alerts.tick();
    expect(channel()).toHaveLength(2);
    expect(promiseAlerts(h.emu.dmsTo(ALICE))).toHaveLength(1);
  });

  it('with no spokesperson, the lead owes it and is mentioned; with no lead either, the channel says so', async () => {
    const bare = await crisisWith(h, 'declare sev1 outage: Search down', { [CAROL]: 'legal' });
    await crisisCommand(h, ALICE, bare.channelId, 'statement next 2m Search is down.');
    await crisisCommand(h, CAROL, bare.channelId, 'approve S1');
    await crisisCommand(h, ALICE, bare.channelId, 'publish S1');
    await crisisCommand(h, ALICE, bare.channelId, `unassign <@${ALICE}> lead`);
    h.clock.set(at(2));
    await h.bot.services.alerts.tick();
    expect(promiseAlerts(h.emu.messages(bare.channelId)).at(-1)).toContain('There is no lead to tell: assign one with `/crisis assign @person lead`.');
    expect(promiseAlerts(h.emu.messages(bare.channelId)).at(-1)).toContain('Team (no spokesperson or lead: assign one): a promise to customers was broken.');
  });
});
