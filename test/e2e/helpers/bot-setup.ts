/**
 * For start-up and runtime tests that need what the shared harness does not pass through (auth.test
 * backoff, request timeouts, Socket Mode, an emulator that is down at start): the emulator and the
 * real bot, started separately, with the harness's tokens and seeded workspace.
 */
import { startBot, type Bot, type BotOptions } from '../../../src/bot';
import { loadConfig, type Config } from '../../../src/config';
import { SlackDriver, SlackEmulator, type SlackEmulatorOptions } from '../../../src/emulator';
import { silentLogger } from '../../../src/logger';
import { ANNOUNCE, BOT_TOKEN, SIGNING_SECRET, tempDbFile } from '../../helpers/harness';

export async function startEmulator(options: Partial<SlackEmulatorOptions> = {}): Promise<SlackEmulator> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, ...options });
  await emu.start();
  return emu;
}

export function testConfig(emu: SlackEmulator, env: Record<string, string> = {}): Config {
  return loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    DATABASE_PATH: tempDbFile(),
    SLACK_API_URL: env.SLACK_API_URL ?? emu.apiUrl,
    CRISIS_ANNOUNCE_CHANNEL: ANNOUNCE,
    LOG_LEVEL: 'error',
    ...env,
  });
}

export async function startTestBot(emu: SlackEmulator, options: Omit<BotOptions, 'config'> & { env?: Record<string, string> } = {}): Promise<{ bot: Bot; driver: SlackDriver }> {
  const { env, ...rest } = options;
  const bot = await startBot({ config: testConfig(emu, env), logger: silentLogger, scheduler: false, maxRateLimitWaitSeconds: 3, ...rest });
  const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  emu.setEventsUrl(botUrl);
  return { bot, driver: new SlackDriver(emu, { botUrl, signingSecret: SIGNING_SECRET }) };
}
