/**
 * The demo's second crisis: a product recall run by its playbook. Declared by type, it gets the
 * recall's severity, its typed checklists and the 24-hour regulator clock; legal restarts the
 * clock from when quality knew, the clock reminds the channel, legal marks it met, and the
 * debrief lists the clock and the change the team proposes to its plan.
 */
import type { Bot } from '../bot';
import type { ManualClock } from '../clock';
import type { SlackDriver, SlackEmulator } from '../emulator';
import { ACTIONS, INPUTS } from '../slack/ids';
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
const GENERAL = 'C0GENERAL';

/** Plays the recall and returns its debrief file (Markdown). */
export async function recallScene(ctx: SceneContext): Promise<string> {
  const { bot, emu, driver, clock, t, out, step, say } = ctx;

  step('Next day, 08:40 — A kettle model overheats. Dave declares a recall by its type: the recall playbook gives sev1, typed checklists and a 24-hour clock to report to the product-safety regulator.');
  clock.set('2026-11-27T08:40:00Z');
  await say(DAVE, GENERAL, 'declare recall: Kettle K2 overheating');
  const crisis = bot.store.crises.listOpen().find((c) => c.type === 'recall');
  if (!crisis) throw new Error('the recall was not declared');
  const channel = crisis.channelId;
  const card = emu.messages(channel).find((m) => m.ts === crisis.cardTs);
  out('');
  out('  The pinned crisis card (type and next deadline from the playbook):');
  if (card) out(renderBlocks(card.blocks, card.text, t.names));

  step('08:42 — Erin takes support and Bob legal: each gets the recall checklist of their role.');
  clock.advanceMinutes(2);
  await say(DAVE, channel, 'assign <@U0ERIN> support');
  await say(DAVE, channel, 'assign <@U0BOB> legal');

  step('08:45 — Quality knew at 07:55: Bob restarts the regulator clock from then.');
  clock.advanceMinutes(3);
  await say(BOB, channel, 'deadline start regulator 07:55');
  await say(BOB, channel, 'deadlines');

  step('19:55 — Twelve hours before the report is due, the clock reminds the channel, mentioning the lead and legal. Eleven hours in, the three responders are offered a break.');
  clock.set('2026-11-27T19:55:00Z');
  await bot.services.alerts.tick();
  await t.settle();
  t.flush();

  step('20:30 — Bob has filed the report with the regulator and marks the clock met.');
  clock.set('2026-11-27T20:30:00Z');
  await say(BOB, channel, 'deadline done regulator');

  step('Two days later — returns run on their own. Dave resolves; the team proposes a change to its plan.');
  clock.set('2026-11-29T10:00:00Z');
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
