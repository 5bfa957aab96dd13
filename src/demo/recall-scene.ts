/**
 * The demo's second crisis: a product recall run by its playbook, over two days, with its clock
 * running as a real one does (runClockTo: every scheduler tick as the minutes pass). Declared by
 * type, it gets the recall's severity, its typed checklists and the 24-hour regulator clock; legal
 * restarts the clock from when quality knew and marks it met after it reminded the channel; the
 * spokesperson publishes three statements legal approved, each keeping the last one's promise;
 * updates go out on time, except twice, when the reminders (and an escalation) do their work. The
 * debrief shows all of it: due times met and missed, reminders, statements, the clock, the chart
 * of contacts, and the change the team proposes to its plan.
 */
import type { Bot } from '../bot';
import type { ManualClock } from '../clock';
import type { SlackDriver, SlackEmulator } from '../emulator';
import { ACTIONS, INPUTS } from '../slack/ids';
import { runClockTo } from './clock-runner';
import { renderBlocks } from './render-text';
import type { Transcript } from './transcript';

export interface SceneContext {
  bot: Bot;
  emu: SlackEmulator;
  driver: SlackDriver;
  clock: ManualClock;
  t: Transcript;
  out(line: string): void;
  step(title: string): void;
  say(user: string, channelId: string, text: string): Promise<void>;
}

const DAVE = 'U0DAVE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const ERIN = 'U0ERIN';
const GENERAL = 'C0GENERAL';

/** Plays the recall and returns its debrief file (Markdown). */
export async function recallScene(ctx: SceneContext): Promise<string> {
  const { bot, emu, driver, clock, t, out, step, say } = ctx;
  const run = (iso: string): Promise<void> => runClockTo(ctx, iso);

  step('Next day, 08:40 — A kettle model overheats. Dave declares a recall by its type: the recall playbook gives sev1 (an update due every 30 minutes), typed checklists and a 24-hour clock to report to the product-safety regulator. From here the clock runs minute by minute, and the bot\'s reminders and alerts go out as they fall due.');
  clock.set('2026-11-27T08:40:00Z');
  await say(DAVE, GENERAL, 'declare recall: Kettle K2 overheating');
  const crisis = bot.store.crises.listOpen().find((c) => c.type === 'recall');
  if (!crisis) throw new Error('the recall was not declared');
  const channel = crisis.channelId;
  const card = emu.messages(channel).find((m) => m.ts === crisis.cardTs);
  out('');
  out('  The pinned crisis card (type and next deadline from the playbook):');
  if (card) out(renderBlocks(card.blocks, card.text, t.names));

  step('08:42 — Erin takes support, Bob legal and Carol speaks for the company: each gets the recall checklist of their role.');
  await run('2026-11-27T08:42:00Z');
  await say(DAVE, channel, 'assign <@U0ERIN> support');
  await say(DAVE, channel, 'assign <@U0BOB> legal');
  await say(DAVE, channel, 'assign <@U0CAROL> spokesperson');

  step('08:45 — Quality knew at 07:55: Bob restarts the regulator clock from then.');
  await run('2026-11-27T08:45:00Z');
  await say(BOB, channel, 'deadline start regulator 07:55');
  await say(BOB, channel, 'deadlines');

  step('08:50 — Carol drafts the safety notice, S1, promising how to return it within two hours; Bob (legal) approves it and Carol publishes it on the recall page.');
  await run('2026-11-27T08:50:00Z');
  await say(CAROL, channel, 'statement next 2h Safety notice: Kettle K2, batches 4411-4420, can overheat. If you have one, please stop using it and unplug it now. We will publish how to return it for a full refund within two hours.');
  await run('2026-11-27T08:55:00Z');
  await say(BOB, channel, 'approve S1');
  await run('2026-11-27T08:56:00Z');
  await say(CAROL, channel, 'publish S1 recall page');

  step('09:05 — Erin records the contacts she sees in the help desk; Dave posts the first update before it is due (09:10).');
  await run('2026-11-27T09:05:00Z');
  await say(ERIN, channel, 'volume 35 zendesk');
  await run('2026-11-27T09:08:00Z');
  await say(DAVE, channel, 'update Stop-sale sent to every retailer and warehouse; batches 4411-4420 affected.');

  step('09:38 — Nobody posts the next update: the reminder goes out when it is due, and at 10:08 the escalation to the lead. Contacts keep rising.');
  await run('2026-11-27T09:35:00Z');
  await say(ERIN, channel, 'volume 120 zendesk');
  await run('2026-11-27T10:05:00Z');
  await say(ERIN, channel, 'volume 260 zendesk');
  await run('2026-11-27T10:12:00Z');

  step('10:12 — Dave answers late. Carol publishes S2, how to return the kettle, approved by Bob, keeping S1\'s promise; Dave posts an update and, with returns under way, sets updates every 4 hours.');
  await say(DAVE, channel, 'update Returns page ready; prepaid labels for every affected order go out by email this morning.');
  await run('2026-11-27T10:30:00Z');
  await say(CAROL, channel, 'statement next 24h How to return your Kettle K2: check the batch number under the base (4411 to 4420), then use the prepaid label we email you. You get a full refund when we receive it.');
  await run('2026-11-27T10:35:00Z');
  await say(BOB, channel, 'approve S2');
  await say(ERIN, channel, 'volume 310 zendesk');
  await run('2026-11-27T10:40:00Z');
  await say(CAROL, channel, 'publish S2 recall page and email to buyers');
  await run('2026-11-27T10:41:00Z');
  await say(DAVE, channel, 'update Labels sent to 4,812 buyers; the returns desk is staffed into the evening.');
  await say(DAVE, channel, 'remind every 4h');

  step('14:30 and 18:25 — Updates on time; contacts fall. At 12:40, four hours in, the responders were offered a break (CRISIS_SHIFT_HOURS).');
  await run('2026-11-27T14:00:00Z');
  await say(ERIN, channel, 'volume 190 zendesk');
  await run('2026-11-27T14:30:00Z');
  await say(DAVE, channel, 'update 1,240 returns booked; no new overheating reports since late morning.');
  await run('2026-11-27T18:00:00Z');
  await say(ERIN, channel, 'volume 120 zendesk');
  await run('2026-11-27T18:25:00Z');
  await say(DAVE, channel, 'update 2,930 returns booked; retailers confirm the stop-sale.');

  step('19:55 — Twelve hours before the report is due, the clock reminds the channel, mentioning the lead and legal.');
  await run('2026-11-27T19:55:00Z');

  step('20:30 — Bob has filed the report with the regulator and marks the clock met; Dave updates and sets updates every 12 hours for the night.');
  await run('2026-11-27T20:30:00Z');
  await say(BOB, channel, 'deadline done regulator');
  await run('2026-11-27T20:35:00Z');
  await say(DAVE, channel, 'update Regulator report filed (CPSC). The returns desk is closed overnight.');
  await say(DAVE, channel, 'remind every 12h');

  step('Next morning — an update on time, and S3 (returns are running), published before S2\'s promise runs out.');
  await run('2026-11-28T08:30:00Z');
  await say(DAVE, channel, 'update Returns desk open; 3,904 returns booked overnight.');
  await say(ERIN, channel, 'volume 60 zendesk');
  await run('2026-11-28T10:15:00Z');
  await say(CAROL, channel, 'statement next 24h Returns are running: 3,900 of you have booked yours. If you still have a Kettle K2 from batches 4411-4420, please stop using it and book a return on our recall page.');
  await say(BOB, channel, 'approve S3');
  await run('2026-11-28T10:30:00Z');
  await say(CAROL, channel, 'publish S3 recall page');
  await run('2026-11-28T20:10:00Z');
  await say(DAVE, channel, 'update 4,400 returns booked; contacts back to normal.');
  await say(ERIN, channel, 'volume 25 zendesk');

  step('Day three, 08:10 — The overnight update is missed: the reminder goes out. Dave posts at 09:00, then resolves; the team proposes a change to its plan.');
  await run('2026-11-29T09:00:00Z');
  await say(ERIN, channel, 'volume 10 zendesk');
  await say(DAVE, channel, 'update Returns run on their own; no new reports.');
  await run('2026-11-29T10:00:00Z');
  await say(DAVE, channel, 'resolve Batches 4411-4420 recalled; regulator report filed at 20:30 on day one');
  const resolved = emu.messages(channel).filter((m) => m.text.startsWith('Resolved')).at(-1);
  if (resolved) {
    await driver.clickButton({ userId: DAVE, actionId: ACTIONS.resolvedAddLessons, channelId: channel, messageTs: resolved.ts });
    await t.settle();
    const view = emu.views().filter((v) => v.user === DAVE && v.open).at(-1);
    if (view) {
      await driver.submitView({
        userId: DAVE,
        viewId: view.id,
        values: {
          [INPUTS.wentWell.block]: 'The batch list was ready within an hour; support checked batch numbers from the first call.',
          [INPUTS.planChanges.block]: 'recall.yaml: add "ask for the purchase date" to the support checklist; many kettles had no readable batch label.',
        },
      });
    }
    await t.settle();
    t.flush();
  }
  clock.advanceMinutes(5);
  await say(DAVE, channel, 'debrief');
  return emu.files().filter((f) => f.filename.endsWith('.md')).at(-1)?.content ?? '(no report file was uploaded)';
}
