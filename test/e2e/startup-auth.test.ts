/**
 * Start-up against Slack's auth.test: a token Slack refuses stops start-up with words an operator
 * can act on (and never the token); a Slack that cannot be reached does not: the bot starts, acks
 * without asking Slack anything, and learns its own user id once Slack answers.
 */
import type { Bot } from '../../src/bot';
import { SlackDriver, type SlackEmulator } from '../../src/emulator';
import { SlackAuthError } from '../../src/slack/bot-identity';
import { ALICE, BOT, BOT_TOKEN, GENERAL, settled, SIGNING_SECRET, tempDbFile } from '../helpers/harness';
import { startEmulator, startTestBot } from './helpers/bot-setup';
import { spawnEntryPoint } from './helpers/entry-point';
import { AckOrderProbe, ackText } from './helpers/declare-helpers';


let emu: SlackEmulator;
let bot: Bot | undefined;
beforeEach(async () => {
  emu = await startEmulator();
  bot = undefined;
});
afterEach(async () => {
  await bot?.stop();
  await emu.stop();
});

describe('a bot token Slack refuses', () => {
  test.each(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive'])('auth.test answering %s stops start-up with a clear message', async (code) => {
    emu.failNext('auth.test', code);
    const err = await startTestBot(emu).then(
      () => new Error('started'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(SlackAuthError);
    expect(err.message).toContain(`Slack refused SLACK_BOT_TOKEN (${code})`);
    expect(err.message).toContain('The bot did not start.');
    expect(err.message).not.toContain(BOT_TOKEN);
    // It asked once and gave up: no retry loop against a token that cannot work (nothing is left
    // scheduled to ask again: test/unit/bot-identity.test.ts).
    await emu.idle();
    expect(emu.calls().map((c) => c.method)).toEqual(['auth.test']);
  });

  test('`npm start` with the .env.example placeholder token exits 1, says why, and never prints the token', async () => {
    const token = 'xoxb-your-bot-token';
    const child = spawnEntryPoint({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      DATABASE_PATH: tempDbFile(),
      SLACK_API_URL: emu.apiUrl,
      LOG_LEVEL: 'info',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(output).toContain("Copy the Bot User OAuth Token (xoxb-…) from the app's \"OAuth & Permissions\" page.");
    expect(output).not.toContain('your-bot-token');
    expect(output).not.toContain('crisis bot started');
    expect(emu.calls('auth.test')).toHaveLength(1);
  }, 20_000);
});

describe('Slack unreachable at start-up', () => {
  test('the bot starts, acks without calling auth.test, and learns its user id once Slack answers', async () => {
    // Slack is down: nothing listens where SLACK_API_URL points.
    const port = Number(new URL(emu.baseUrl).port);
    const apiUrl = emu.apiUrl;
    await emu.stop();
    ({ bot } = await startTestBot(emu, { env: { SLACK_API_URL: apiUrl }, authRetry: { firstDelayMs: 50, maxDelayMs: 100 } }));
    expect(bot.slack.botUserId).toBeUndefined();
    expect(bot.services.deps.settings.botUserId).toBeUndefined();

    // Slack comes back, but the first auth.test to reach it is held: requests arrive meanwhile.
    const held = emu.hangNext('auth.test');
    await emu.start(port);
    await held.arrived;
    const probe = new AckOrderProbe(bot.port ?? 0, port);
    try {
      const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET });
      const ack = await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'help' });
      expect(ack.status).toBe(200);
      expect(ackText(ack)).toContain('/crisis declare');
      const list = await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'list' });
      expect(ackText(list)).toContain('No open crises');
      // No Web API call at all on the request path: Bolt's authorize used what the bot holds.
      expect(probe.apiCalls()).toEqual([]);
      expect(emu.calls('auth.test')).toHaveLength(0);
    } finally {
      probe.close();
    }

    held.release();
    await emu.waitFor(() => bot?.services.deps.settings.botUserId === BOT);
    expect(bot.slack.botUserId).toBe(BOT);
    expect(emu.calls('auth.test')).toEqual([expect.objectContaining({ ok: true })]);
  });

  test('once it knows its user id, the bot refuses to hold a role', async () => {
    emu.failNext('auth.test', 'fatal_error', 2);
    let driver: SlackDriver;
    ({ bot, driver } = await startTestBot(emu, { authRetry: { firstDelayMs: 20, maxDelayMs: 40 } }));
    expect(bot.services.deps.settings.botUserId).toBeUndefined();
    await emu.waitFor(() => bot?.services.deps.settings.botUserId === BOT);
    expect(emu.calls('auth.test').map((c) => c.error ?? 'ok')).toEqual(['fatal_error', 'fatal_error', 'ok']);

    await driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev2 Bot as lead' });
    const crisis = await emu.waitFor(() => bot?.store.crises.listOpen()[0]);
    await settled(emu, bot);
    const before = emu.responses().length;
    await driver.slashCommand({ userId: ALICE, channelId: crisis.channelId, text: `assign <@${BOT}> comms` });
    const reply = await emu.waitFor(() => emu.responses().slice(before)[0]);
    expect(JSON.stringify(reply.body)).toContain("I can't hold a role myself; pick a person.");
    expect(bot.store.roles.active(crisis.id).map((a) => a.userId)).toEqual([ALICE]);
  });
});
