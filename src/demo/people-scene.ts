/**
 * The demo's last scene: the people. After a drill, a shipping crisis runs past CRISIS_SHIFT_HOURS,
 * so its people are offered a break (and the lead told); the spokesperson hands over with a note,
 * which opens the new holder's checklist DM; a private breach is declared; a responder opens their
 * App Home; and the lead asks for the report across the crises of the demo.
 */
import { drillScene, privateCrisisScene } from './practice-private-scenes';
import { renderBlocks } from './render-text';
import type { SceneContext } from './recall-scene';

const CAROL = 'U0CAROL';
const ERIN = 'U0ERIN';
const DAVE = 'U0DAVE';
const GENERAL = 'C0GENERAL';

/** Plays the scene; returns the report file (Markdown) the lead got in their DM. */
export async function peopleScene(ctx: SceneContext): Promise<string> {
  const { bot, emu, driver, clock, t, out, step, say } = ctx;
  await drillScene(ctx);

  step('09:00 — Parcels are stuck at a hub. Carol declares a shipping crisis; Bob speaks for the company, Erin takes support and a follow-up action.');
  clock.set('2026-12-02T09:00:00Z');
  await say(CAROL, GENERAL, 'declare shipping: Parcels stuck at the Leipzig hub');
  const crisis = bot.store.crises.listOpen().find((c) => c.type === 'shipping');
  if (!crisis) throw new Error('the shipping crisis was not declared');
  const channel = crisis.channelId;
  clock.advanceMinutes(2);
  await say(CAROL, channel, 'assign <@U0BOB> spokesperson');
  await say(CAROL, channel, 'assign <@U0ERIN> support');
  await say(CAROL, channel, 'action Refund the shipping fee on every late order <@U0ERIN>');

  step('12:50 — Carol posts an update before the four-hour cadence runs out.');
  clock.set('2026-12-02T12:50:00Z');
  await say(CAROL, channel, 'update The carrier says the hub reopens at 15:00; stuck parcels move tonight.');

  step('13:05 — Four hours in (CRISIS_SHIFT_HOURS, default 4): Carol, Bob and Erin are each offered a break, once, and the lead is told in the channel.');
  clock.set('2026-12-02T13:05:00Z');
  await bot.services.alerts.tick();
  await t.settle();
  t.flush();

  step('13:10 — Bob hands over to Dave with a note: Dave\'s checklist DM starts with it and with what Bob left open.');
  clock.advanceMinutes(5);
  await say('U0BOB', channel, 'handover <@U0DAVE> spokesperson The customer email is drafted but not sent: the 4-hour clock is missed, so send it first. The carrier\'s contact is Jana (ops desk); the hub reopens at 15:00.');
  const daveDm = emu.dmsTo(DAVE).at(-1);
  if (daveDm) {
    out('');
    out('  Dave\'s checklist DM, as he sees it:');
    out(renderBlocks(daveDm.blocks, daveDm.text, t.names));
  }

  await privateCrisisScene(ctx);

  step('13:15 — Erin opens the bot\'s Home tab: her role with its checklist, what she owes, and the open crises (the breach only as "private crisis").');
  clock.set('2026-12-02T13:15:00Z');
  await driver.appHomeOpened(ERIN);
  await t.settle();
  const home = emu.homeView(ERIN);
  out('');
  out('════════════════ Erin\'s App Home ════════════════');
  out(home ? renderBlocks(home.payload.blocks, '', t.names) : '(the Home tab was not published)');

  step('13:20 — Carol asks for the report across crises: a summary for her, the file and its chart in her DM. The drill is left out; the breach is counted without its title.');
  clock.advanceMinutes(5);
  await say(CAROL, GENERAL, 'report 30d');
  await t.settle();
  t.flush();
  const file = [...emu.state.files.values()].filter((f) => f.completed && f.filename.startsWith('crisis-report-') && f.filename.endsWith('.md')).at(-1);
  return file?.content?.toString('utf8') ?? '(no report file was uploaded)';
}
