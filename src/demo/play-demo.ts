/**
 * The demo's play: a whole crisis, end to end, against the bundled Slack emulator, with no workspace
 * and no tokens (`npm run demo`, src/demo/run-demo.ts, is its command line). The real bot runs on a
 * SQLite database, temporary unless the caller names one; the clock is moved by hand so an hour of
 * crisis plays in seconds. Writes what people would have seen to `out`, the debriefs and the report,
 * and the files the bot uploaded (debriefs, charts, report) to `outDir`. A caller may pass its own
 * emulator and clock, to look at what the demo left after it (test/e2e/migrate-demo.test.ts moves
 * the demo's database to PostgreSQL and compares the debriefs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type Bot } from '../bot';
import { ManualClock } from '../clock';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { SlackDriver, SlackEmulator } from '../emulator';
import { ACTIONS, INPUTS, SHORTCUTS } from '../slack/ids';
import { recallScene, type SceneContext } from './recall-scene';
import { holdingStatement, reviewedApology, reviewedUpdateStatement } from './statements-scene';
import { writeDemoFiles } from './demo-output';
import { peopleScene } from './people-scene';
import { Transcript } from './transcript';

export const DEMO_TOKEN = 'xoxb-demo-not-a-real-token';
export const DEMO_SIGNING_SECRET = 'demo-signing-secret';
const TOKEN = DEMO_TOKEN;
const SECRET = DEMO_SIGNING_SECRET;
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';
const ERIN = 'U0ERIN';
const GENERAL = 'C0GENERAL';

/** The demo's first moment: Alice declares at 09:14. */
export const DEMO_START = '2026-11-26T09:14:00Z';

export interface DemoOptions {
  /** Where the files the bot uploaded are written. */
  outDir: string;
  /** Each line of what people saw. */
  out: (line: string) => void;
  /** The SQLite file the bot keeps (left after the demo); unset: a temporary one, removed at the end. */
  databasePath?: string;
  /** An emulator and clock of the caller's (made with DEMO_TOKEN, DEMO_SIGNING_SECRET, at DEMO_START), left running. */
  emulator?: { emu: SlackEmulator; clock: ManualClock };
}

/** The bot's environment in the demo: the emulator's Slack, the announcement channel, UTC. */
export function demoEnv(emu: SlackEmulator, databasePath: string): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    PORT: '0',
    DATABASE_PATH: databasePath,
    SLACK_API_URL: emu.apiUrl,
    CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE',
    CRISIS_TIMEZONE: 'UTC',
    LOG_LEVEL: 'error',
  };
}

export async function playDemo(options: DemoOptions): Promise<void> {
  const { outDir, out } = options;
  const step = (title: string): void => {
    out('');
    out(`▶ ${title}`);
  };
  const clock = options.emulator?.clock ?? new ManualClock(DEMO_START);
  const emu = options.emulator?.emu ?? new SlackEmulator({ botToken: TOKEN, signingSecret: SECRET, now: () => clock.now() });
  if (!options.emulator) await emu.start();
  const dir = options.databasePath ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-demo-'));
  const config = loadConfig(demoEnv(emu, options.databasePath ?? path.join(dir ?? '', 'crisis.db')));
  let bot: Bot | undefined;
  try {
    bot = await startBot({ config, clock, logger: createLogger('error'), scheduler: false });
    emu.setEventsUrl(`http://127.0.0.1:${bot.port}/slack/events`);
    const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SECRET });
    const t = new Transcript(emu, out, false);
    const running = bot;

    out('Crisis bot demo: a local Slack emulator and the real bot, no workspace needed.');
    out('People: @alice (declares), @bob, @carol, @dave, @erin.');

    const say = async (user: string, channelId: string, text: string): Promise<void> => {
      out(`  @${t.names.user(user)} types: /crisis ${text}`);
      const ack = await driver.slashCommand({ userId: user, channelId, text });
      t.ack(user, ack.body);
      await t.settle();
      t.flush();
    };

    const scene: SceneContext = { bot: running, emu, driver, clock, t, out, step, say };

    step('09:14 — Checkout payments start failing. Alice declares a crisis.');
    await say(ALICE, GENERAL, 'declare sev1 Checkout payments failing');
    const crisis = running.store.crises.listOpen(1)[0];
    if (!crisis) throw new Error('the crisis was not declared');
    const channel = crisis.channelId;
    out('');
    out('  The pinned crisis card:');
    t.flush();
    const card = emu.messages(channel).find((m) => m.ts === crisis.cardTs);
    if (card) out((await import('./render-text')).renderBlocks(card.blocks, card.text, t.names));

    step('09:16 — Alice fills the roles.');
    clock.advanceMinutes(2);
    await say(ALICE, channel, 'assign <@U0BOB> spokesperson');
    await say(ALICE, channel, 'assign <@U0CAROL|carol> info');
    await say(ALICE, channel, 'assign <@U0DAVE> legal');
    await say(ALICE, channel, 'assign <@U0ERIN> support-rep');

    step('09:18 — Bob ticks the first item of his checklist (in his DM).');
    clock.advanceMinutes(2);
    const bobDm = emu.dmsTo(BOB).at(-1);
    if (bobDm) {
      const assignment = running.store.roles.active(crisis.id).find((a) => a.userId === BOB && a.role === 'spokesperson');
      await driver.checkbox({ userId: BOB, channelId: bobDm.channel, messageTs: bobDm.ts, actionId: ACTIONS.checklistToggle, selectedValues: [`${assignment?.id ?? 0}:0`] });
      await t.settle();
      t.flush();
    }

    await holdingStatement(scene, channel);

    step('09:21 — Carol posts a fact; Dave marks it with :pushpin: so it goes into the timeline.');
    clock.set('2026-11-26T09:21:00Z');
    const factTs = await driver.userPostsMessage({ userId: CAROL, channelId: channel, text: 'Card payments failing since 09:12 UTC; about 40% of checkouts affected. PayFast status page confirms an incident.' });
    out('  #channel — @carol: Card payments failing since 09:12 UTC; about 40% of checkouts affected…');
    clock.advanceMinutes(1);
    await driver.reactionAdded({ userId: DAVE, channelId: channel, ts: factTs, reaction: 'pushpin' });
    await t.settle();
    t.flush();

    step('09:22 — Alice records the customer impact on the card; Erin records the complaint volume she sees in the help desk (a help desk can also post it to POST /hooks/volume).');
    await say(ALICE, channel, 'impact About 40% of card payments fail at checkout; failed orders are not charged');
    await say(ERIN, channel, 'volume 180 zendesk');

    step('09:24 — Bob posts the first update.');
    clock.advanceMinutes(2);
    await say(BOB, channel, 'update Payment provider PayFast has an outage. We are switching card payments to our backup provider. Next update by 09:55.');

    step('09:55 — Half an hour passes with no update: the reminder tick finds the crisis due.');
    clock.set('2026-11-26T09:55:00Z');
    await running.services.reminders.tick();
    await t.settle();
    t.flush();

    step('09:57 — Bob answers the reminder with the update form, including a customer statement (drafted for legal, not published yet).');
    clock.advanceMinutes(2);
    const reminder = emu.messages(channel).filter((m) => m.text.startsWith('Update due')).at(-1);
    if (reminder) {
      await driver.clickButton({ userId: BOB, actionId: ACTIONS.reminderPostUpdate, channelId: channel, messageTs: reminder.ts });
      await t.settle();
      t.flush();
      const view = emu.views().filter((v) => v.user === BOB && v.open).at(-1);
      if (view) {
        await driver.submitView({
          userId: BOB,
          viewId: view.id,
          values: {
            [INPUTS.status.block]: 'identified',
            [INPUTS.update.block]: 'Backup provider live for 70% of traffic; remaining traffic moving over.',
            [INPUTS.statement.block]: 'Some card payments failed this morning. Your card was not charged for failed orders. We will update you again within the hour.',
            [INPUTS.nextUpdate.block]: '60',
          },
        });
        await t.settle();
        t.flush();
      }
    }
    await reviewedUpdateStatement(scene, channel);

    step('10:05 — A note, a follow-up action, and the message shortcut.');
    clock.set('2026-11-26T10:05:00Z');
    await say(CAROL, channel, 'note Support queue at 3x normal; macros updated with the statement');
    await say(ALICE, channel, 'action Add automatic failover between payment providers <@U0CAROL>');
    const erinTs = await driver.userPostsMessage({ userId: ERIN, channelId: channel, text: 'Top customer question: "Was I charged twice?" Answer: no, failed orders were never charged.' });
    await driver.messageShortcut({ userId: ERIN, channelId: channel, messageTs: erinTs, callbackId: SHORTCUTS.addToTimeline });
    await t.settle();
    t.flush();

    step('10:08 — The customer side: the FAQ starts from the playbook answer; Erin proposes another (F2), Dave (legal) approves it, Alice records the remedy.');
    clock.set('2026-11-26T10:08:00Z');
    await say(ERIN, channel, 'volume 420 zendesk');
    await say(ERIN, channel, 'faq add Was I charged twice? | No: failed orders were never charged. If you see two charges, one is a pending authorisation that disappears within 3 days.');
    await say(DAVE, channel, 'approve F2');
    await say(ALICE, channel, 'remedy A 10 EUR voucher for every customer whose order failed');

    step('10:20 — All traffic is on the backup provider.');
    clock.set('2026-11-26T10:20:00Z');
    await say(BOB, channel, 'status monitoring');
    await say(ERIN, channel, 'volume 90 zendesk');

    step('10:40 — Alice resolves the crisis.');
    clock.set('2026-11-26T10:40:00Z');
    await say(ALICE, channel, 'resolve Card payments restored via the backup provider; PayFast confirmed their fix at 10:31. No double charges.');

    await reviewedApology(scene, channel);

    step('10:45 — The team adds lessons from the button in the channel.');
    clock.set('2026-11-26T10:45:00Z');
    const resolvedMsg = emu.messages(channel).filter((m) => m.text.startsWith('Resolved')).at(-1);
    if (resolvedMsg) {
      await driver.clickButton({ userId: ALICE, actionId: ACTIONS.resolvedAddLessons, channelId: channel, messageTs: resolvedMsg.ts });
      await t.settle();
      const view = emu.views().filter((v) => v.user === ALICE && v.open).at(-1);
      if (view) {
        await driver.submitView({
          userId: ALICE,
          viewId: view.id,
          values: {
            [INPUTS.wentWell.block]: 'Roles filled within 2 minutes; one voice to customers.',
            [INPUTS.wentBadly.block]: 'The second update came only after a reminder.',
            [INPUTS.rootCauses.block]: 'Single payment provider with no automatic failover.',
          },
        });
      }
      await t.settle();
      t.flush();
    }

    step('10:50 — Alice runs the debrief.');
    clock.set('2026-11-26T10:50:00Z');
    await say(ALICE, channel, 'debrief');
    const file = emu.files().find((f) => f.filename.endsWith('-debrief.md'));
    const chart = emu.files().find((f) => f.filename.endsWith('-volume.png'));
    const png = chart ? emu.fileBytes(chart.id) : undefined;
    out('');
    out(png ? `  (also uploaded: ${chart?.filename}, a ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} PNG chart of complaint volume)` : '  (no chart was uploaded)');
    out('');
    out('════════════════ The uploaded after-action report (Markdown) ════════════════');
    out(file?.content ?? '(no report file was uploaded)');

    const recall = await recallScene(scene);
    out('');
    out('════════════════ From the recall\'s after-action report: its updates, statements, clock and lessons ════════════════');
    out(sectionsOf(recall, ['## Customer communications', '## Complaint volume', '## Response metrics', '## Deadlines', "## What didn't go well", '## Proposed changes to our plan']));

    const report = await peopleScene({ bot: running, emu, driver, clock, t, out, step, say });
    out('');
    out('════════════════ Carol\'s report across crises (the Markdown file in her DM) ════════════════');
    out(report);

    const written = writeDemoFiles(emu, outDir);
    out('');
    out(`════════════════ The demo's files: ${outDir} ════════════════`);
    for (const f of written) out(`  ${f.name} (${f.bytes.toLocaleString('en')} bytes)`);
    out('');
    out(`The debriefs (Markdown), their charts (PNG) and the report are in ${outDir}`);
  } finally {
    await bot?.stop();
    if (!options.emulator) await emu.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The named `## ` sections of a Markdown report, each up to the next heading. */
function sectionsOf(markdown: string, headings: readonly string[]): string {
  const parts = markdown.split(/\n(?=## )/);
  return parts.filter((part) => headings.some((h) => part.startsWith(h))).join('\n');
}
