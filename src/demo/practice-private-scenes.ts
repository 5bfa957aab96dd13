/**
 * Two short scenes of the demo's last week: a drill, which runs like a real crisis but is marked
 * DRILL everywhere and left out of the report; and a data breach, whose playbook makes it private,
 * so outside its channel (the announcement, `/crisis list`, other people's App Home) it is only
 * "private crisis" with its severity and lead.
 */
import type { SceneContext } from './recall-scene';

const ALICE = 'U0ALICE';
const DAVE = 'U0DAVE';
const ERIN = 'U0ERIN';
const GENERAL = 'C0GENERAL';

export async function drillScene(ctx: SceneContext): Promise<void> {
  const { bot, clock, step, say } = ctx;
  step('Next week, 08:30 — Before the day starts, Alice rehearses the outage playbook with a drill: the channel, the card, the announcement and every message say DRILL.');
  clock.set('2026-12-02T08:30:00Z');
  await say(ALICE, GENERAL, 'drill sev2 outage: Search returns no results');
  const drill = bot.store.crises.listOpen().find((c) => c.isDrill);
  if (!drill) throw new Error('the drill did not start');
  clock.advanceMinutes(20);
  await say(ALICE, drill.channelId, 'resolve Drill over: the runbook worked; the status-page login was missing');
}

export async function privateCrisisScene(ctx: SceneContext): Promise<void> {
  const { bot, clock, step, say } = ctx;
  step('13:12 — Dave declares a data breach. Its playbook makes it private: a private channel, and everywhere else only "private crisis". Erin lists the open crises.');
  clock.set('2026-12-02T13:12:00Z');
  await say(DAVE, GENERAL, 'declare breach: Supplier exposed customer email addresses');
  if (!bot.store.crises.listOpen().some((c) => c.isPrivate)) throw new Error('the breach was not declared');
  await say(ERIN, GENERAL, 'list');
}
