/**
 * Issue 11, promises: each published statement promises the next. Ten minutes before it is due the
 * spokesperson is reminded in the channel; a newer statement published in time keeps it (no
 * broken-promise DM, ever); when the time passes with none, the channel is told (issue 16),
 * mentioning the spokesperson who owed it, the lead gets exactly one DM and the timeline one
 * `promise_broken` row. Restarts in between change neither; after a downtime there
 * is one catch-up (the broken promise, not a stale reminder); a failed DM is retried, not doubled;
 * resolving stops it all. The scheduler's only tick here is the catch-up at each start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, startHarness, type Harness } from '../helpers/harness';
import { card, crisisCommand, crisisWith, promiseAlerts, statement, textOf } from './statement-helpers';

const START = '2026-03-05T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(START), scheduler: true, env: { REMINDER_TICK: '0 0 1 1 *' } });
  crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

const channelAlerts = (): string[] => promiseAlerts(h.emu.messages(crisis.channelId));
const leadDms = (): string[] => promiseAlerts(h.emu.dmsTo(ALICE));
const promiseRows = (kind: string): number => h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === kind).length;

/** S<n> drafted as text promising the next in 30 minutes, approved by legal, published by the spokesperson. */
async function publishNew(text: string): Promise<string> {
  const drafted = await crisisCommand(h, BOB, crisis.channelId, `statement next 30m ${text}`);
  const n = /^S(\d+) drafted/.exec(drafted.text)?.[1];
  if (!n) throw new Error(`not drafted: ${drafted.text}`);
  await crisisCommand(h, CAROL, crisis.channelId, `approve S${n}`);
  return (await crisisCommand(h, BOB, crisis.channelId, `publish S${n} status page`)).text;
}

it('a kept promise: the spokesperson is reminded once, a newer statement in time keeps it, and no broken-promise DM ever comes, across restarts', async () => {
  h.clock.set(at(5));
  expect(await publishNew('We are investigating failed checkouts.')).toContain('It promises the next statement by 09:35 UTC (in 30 min)');
  await h.restartBot();

  h.clock.set(at(25));
  expect((await h.bot.services.alerts.tick()).sent).toBeGreaterThanOrEqual(1);
  expect(channelAlerts()).toEqual([
    `:alarm_clock: <@${BOB}>: S1 promised customers the next statement by 09:35 UTC, in 10 min. Draft it (\`/crisis statement &lt;text&gt;\`, or from a template), get it approved and publish it: even "no news yet, next update by …" keeps the promise.`,
  ]);
  expect(promiseRows('promise_reminder')).toBe(1);
  // A restart (and its catch-up tick) sends nothing again.
  await h.restartBot();
  await h.bot.services.alerts.tick();
  expect(channelAlerts()).toHaveLength(1);

  h.clock.set(at(30));
  const second = await publishNew('A fix is being deployed.');
  expect(second).toContain('S2 marked published (status page). That keeps the promise of S1.');
  expect(statement(h, crisis, 1)).toMatchObject({ promiseState: 'kept', keptBy: 2, promiseSettledAt: at(30) });
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.subject.endsWith(':S1')).map((a) => [a.kind, a.state])).toEqual([
    ['promise_reminder', 'sent'],
    ['promise_broken', 'cancelled'],
    ['promise_broken_dm', 'cancelled'],
  ]);
  expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'promise_kept').map((e) => e.data)).toEqual([{ statement: 1, due_at: at(35), kept_by: 2 }]);

  // Past S1's due time, through a restart: nothing about S1.
  await h.stopBot();
  h.clock.set(at(40));
  await h.restartBot();
  await h.bot.services.alerts.tick();
  expect(leadDms()).toEqual([]);
  expect(promiseRows('promise_broken')).toBe(0);

  // Resolving stops S2's promise too.
  h.clock.set(at(45));
  await crisisCommand(h, ALICE, crisis.channelId, 'resolve Checkout restored');
  h.clock.set(at(120));
  await h.restartBot();
  await h.bot.services.alerts.tick();
  expect(leadDms()).toEqual([]);
  expect(channelAlerts()).toHaveLength(1);
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.subject.endsWith(':S2')).map((a) => a.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  expect(statement(h, crisis, 2).promiseState).toBe('ended');
});

it('a broken promise: after a downtime one catch-up, the channel is told (mentioning the spokesperson who owed it) and the lead gets exactly one DM, the timeline one row, the card says overdue; restarts and a failed DM double nothing', async () => {
  h.clock.set(at(5));
  await publishNew('We are investigating failed checkouts.');

  // Down from 09:05 to 09:40: the reminder (09:25) and the due time (09:35) both passed.
  await h.stopBot();
  h.clock.set(at(40));
  h.emu.failNext('chat.postMessage', 'fatal_error', 1, (args) => JSON.stringify(args).includes('A promise to customers was broken in'));
  await h.restartBot();
  // The start-up tick: the channel was told and the promise recorded broken; the lead's DM failed,
  // and its alert is still pending.
  const broken = `:rotating_light: <@${BOB}>: a promise to customers was broken. S1 (published to status page by <@${BOB}>) promised the next statement by 09:35 UTC, and none was published. Get one out now, and say in it when the next comes. The lead (<@${ALICE}>) has been told.`;
  expect(channelAlerts()).toEqual([broken]);
  expect(leadDms()).toEqual([]);
  expect(statement(h, crisis, 1)).toMatchObject({ promiseState: 'broken', promiseSettledAt: at(40) });
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.subject === 'promise-dm:S1').map((a) => [a.kind, a.state])).toEqual([['promise_broken_dm', 'pending']]);

  await h.bot.services.alerts.tick();
  expect(leadDms()).toEqual([
    `:rotating_light: A promise to customers was broken in <#${crisis.channelId}> (*Checkout down*): S1 (published to status page) promised the next statement by 09:35 UTC, and none was published. As lead, please see that one goes out now and says when the next comes.`,
  ]);
  // One catch-up: the stale reminder was skipped, never posted; the channel was told once.
  expect(channelAlerts()).toEqual([broken]);
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.subject.endsWith(':S1')).map((a) => [a.kind, a.state])).toEqual([
    ['promise_reminder', 'skipped'],
    ['promise_broken', 'sent'],
    ['promise_broken_dm', 'sent'],
  ]);
  expect(promiseRows('promise_broken')).toBe(1);
  await h.emu.waitFor(() => textOf(card(h, crisis)).includes(':x: *Overdue:* the next statement was promised by 5 Mar 09:35 UTC'));

  await h.restartBot();
  h.clock.set(at(50));
  await h.bot.services.alerts.tick();
  await h.restartBot();
  expect(leadDms()).toHaveLength(1);
  expect(channelAlerts()).toHaveLength(1);
  expect(promiseRows('promise_broken')).toBe(1);

  // A statement after the due time does not keep the broken promise.
  expect(await publishNew('Checkout works again for most customers.')).not.toContain('keeps the promise');
  expect(statement(h, crisis, 1).promiseState).toBe('broken');
  expect(statement(h, crisis, 2).promiseState).toBe('pending');
});

it('a published statement promises the cadence when it names no time; resolving ends promises (a reopening does not revive them) and one published once resolved promises nothing', async () => {
  h.clock.set(at(5));
  await crisisCommand(h, BOB, crisis.channelId, 'statement We are on it.');
  await crisisCommand(h, CAROL, crisis.channelId, 'approve S1');
  // sev2: every 60 minutes.
  expect((await crisisCommand(h, BOB, crisis.channelId, 'publish S1')).text).toContain('S1 marked published (Customers). It promises the next statement by 10:05 UTC (in 1 h)');
  await crisisCommand(h, ALICE, crisis.channelId, 'resolve Fixed');
  await crisisCommand(h, BOB, crisis.channelId, 'statement We are sorry for the trouble this morning.');
  await crisisCommand(h, CAROL, crisis.channelId, 'approve S2');
  const apology = await crisisCommand(h, BOB, crisis.channelId, 'publish S2 email');
  // Resolving ended S1's promise (not yet due): nothing to keep, and it is not revived by a reopening.
  expect(apology.text).toBe('S2 marked published (email). The crisis is resolved, so it promises no next statement.');
  expect(statement(h, crisis, 1)).toMatchObject({ promiseState: 'ended', keptBy: null });
  await crisisCommand(h, ALICE, crisis.channelId, 'reopen');
  await h.emu.waitFor(() => textOf(card(h, crisis)).includes('Latest: *S2* to email'));
  expect(textOf(card(h, crisis))).not.toContain('promised by');
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.kind.startsWith('promise')).map((a) => a.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  expect(statement(h, crisis, 2)).toMatchObject({ promiseState: 'none', promiseDueAt: null });
  expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.subject === 'promise:S2')).toEqual([]);
});
