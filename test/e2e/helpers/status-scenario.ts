/**
 * A status page made the way a team makes it, through Slack with the real bot: a resolved crisis
 * ("Delayed deliveries", two statements on 5 Dec), an open private one ("Payment problems", three
 * statements on 7 Dec, one with markup and a line break), and what must never show: a private
 * crisis with nothing published to the page, a drill that published, and a statement published
 * elsewhere only. Times in Europe/Paris, as in test/helpers/status-page-fixture.ts.
 */
import type { Crisis } from '../../../src/core/crisis';
import { ALICE, BOB, CAROL, GENERAL, type Harness } from '../../helpers/harness';
import { TRICKY_TEXT } from '../../helpers/status-page-fixture';
import { crisisCommand } from '../statement-helpers';

export const SCENARIO_ENV = { CRISIS_TIMEZONE: 'Europe/Paris', CRISIS_STATUS_PAGE_TITLE: 'Acme service status' };
export const SCENARIO_START = '2026-12-05T08:30:00.000Z';

/** Internal words of the scenario: titles, a supplier, a channel; none may reach the page. */
export const INTERNAL_WORDS = ['Leipzig', 'Acme PSP', 'certificate', 'Practice', 'Secret recall', 'press only', 'crisis-2026', 'drill-2026'];

async function command(h: Harness, user: string, channel: string, text: string): Promise<string> {
  return (await crisisCommand(h, user, channel, text)).text;
}

async function crisisNamed(h: Harness, text: string, publicName?: string): Promise<Crisis> {
  const before = new Set([...h.bot.store.crises.listOpen()].map((c) => c.id));
  await command(h, ALICE, GENERAL, text);
  const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen().find((c) => !before.has(c.id)));
  await h.settled();
  await command(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
  await command(h, ALICE, crisis.channelId, `assign <@${CAROL}> legal`);
  if (publicName) await command(h, ALICE, crisis.channelId, `public-name ${publicName}`);
  return crisis;
}

/** Drafts, approves and publishes S<n> at `at` (ISO) to `where`. */
async function say(h: Harness, crisis: Crisis, n: number, text: string, at: string, where: string): Promise<void> {
  h.clock.set(new Date(Date.parse(at) - 60_000));
  await command(h, BOB, crisis.channelId, `statement ${text}`);
  const approved = await command(h, CAROL, crisis.channelId, `approve S${n}`);
  if (!approved.includes(`S${n} approved`)) throw new Error(`approve S${n}: ${approved}`);
  h.clock.set(new Date(at));
  const published = await command(h, BOB, crisis.channelId, `publish S${n} ${where}`);
  if (!published.includes(`S${n} marked published`)) throw new Error(`publish S${n}: ${published}`);
  await h.settled();
}

export async function buildStatusScenario(h: Harness): Promise<void> {
  h.clock.set(new Date(SCENARIO_START));
  const shipping = await crisisNamed(h, 'declare shipping: Leipzig hub strike', 'Delayed deliveries');
  await say(h, shipping, 1, 'Some parcels are delayed by a day.', '2026-12-05T09:00:00.000Z', 'status-page');
  await say(h, shipping, 2, 'All delayed parcels have now been delivered.', '2026-12-05T16:00:00.000Z', 'status-page');
  await command(h, ALICE, shipping.channelId, 'resolve Strike over, backlog cleared');
  await h.settled();

  h.clock.set(new Date('2026-12-07T08:30:00.000Z'));
  const payments = await crisisNamed(h, 'declare private outage: Acme PSP certificate expired', 'Payment problems');
  await say(h, payments, 1, 'We are looking into failed card payments.', '2026-12-07T09:05:00.000Z', 'status-page');
  await say(h, payments, 2, TRICKY_TEXT, '2026-12-07T09:50:00.000Z', 'status-page');
  await command(h, ALICE, payments.channelId, 'status identified');
  await say(h, payments, 3, 'A fix is being rolled out; payments are recovering.', '2026-12-07T10:40:00.000Z', 'status-page, press only');

  // Never on the page: a private crisis that published nothing there, a drill, a statement published elsewhere.
  const secret = await crisisNamed(h, 'declare private recall: Secret recall of the K2 kettle');
  await say(h, secret, 1, 'Recorded for the press only.', '2026-12-07T10:45:00.000Z', 'press release');
  const drill = await crisisNamed(h, 'drill outage: Practice checkout outage');
  await say(h, drill, 1, 'Practice statement.', '2026-12-07T10:46:00.000Z', 'status-page');
  h.clock.set(new Date('2026-12-07T10:50:00.000Z'));
}
