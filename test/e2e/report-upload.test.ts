/**
 * The debrief's report file goes up with a plain POST to the URL files.getUploadURLExternal gives.
 * When that POST hangs or its connection is cut, the debrief fails within the request timeout and
 * says so in words a person understands; nothing is posted to the channel, and a retry works.
 */
import type { Bot } from '../../src/bot';
import type { SlackDriver, SlackEmulator } from '../../src/emulator';
import { ALICE, GENERAL, settled } from '../helpers/harness';
import { startEmulator, startTestBot } from './helpers/bot-setup';
import { readable } from './helpers/declare-helpers';

let emu: SlackEmulator;
let bot: Bot;
let driver: SlackDriver;

beforeEach(async () => {
  emu = await startEmulator();
  ({ bot, driver } = await startTestBot(emu, { requestTimeoutMs: 1_000 }));
});
afterEach(async () => {
  await bot.stop();
  await emu.stop();
});

async function command(channelId: string, text: string): Promise<string> {
  const before = emu.responses().length;
  const ack = await driver.slashCommand({ userId: ALICE, channelId, text });
  expect(ack.status).toBe(200);
  const reply = await emu.waitFor(() => emu.responses().slice(before)[0], 8_000);
  return readable(reply.body);
}

test.each([
  ['hangs', 'hang'],
  ['has its connection cut', 'drop'],
] as const)('when the report upload %s, the debrief says Slack could not be reached and posts nothing', async (_what, fault) => {
  await command(GENERAL, 'declare sev2 Upload trouble');
  const crisis = await emu.waitFor(() => bot.store.crises.listOpen()[0]);
  await settled(emu, bot);
  const posted = emu.messages(crisis.channelId).length;

  emu.failUploads(fault);
  const started = Date.now();
  const said = await command(crisis.channelId, 'debrief');
  expect(said).toContain('The debrief could not be posted: Slack could not be reached. Please try again.');
  // A hung upload is given up after the request timeout (1 s here), not waited on forever.
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(emu.messages(crisis.channelId)).toHaveLength(posted);
  expect(emu.calls('files.completeUploadExternal')).toHaveLength(0);
  expect(bot.store.timeline.list(crisis.id).some((e) => e.kind === 'debrief_posted')).toBe(false);

  // Once the upload goes through again, the same command works.
  expect(await command(crisis.channelId, 'debrief')).not.toContain('could not');
  const file = await emu.waitFor(() => emu.files().find((f) => f.filename.endsWith('.md') && f.content.includes('Upload trouble')));
  expect(file.content).toContain('Upload trouble');
  expect(bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'debrief_posted')).toHaveLength(1);
});
