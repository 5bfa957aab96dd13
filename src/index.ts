/**
 * `npm start`: configuration from the environment (and .env), then the bot; SIGTERM and SIGINT
 * stop taking work, let what is in flight finish, and close the database. The handlers are in
 * place before start-up begins, so a signal during it still ends in a clean stop. Errors nothing
 * caught follow src/process-policy.ts: a rejection is logged and the bot serves on; an exception
 * stops the bot and exits 1 for the supervisor to restart it.
 */
import path from 'node:path';
import { ConfigError, loadConfig, readDotEnv } from './config';
import { createLogger, type Logger } from './logger';
import { installProcessPolicy } from './process-policy';
import { PlaybookError } from './playbooks/load-playbooks';
import { SlackAuthError } from './slack/bot-identity';
import { DatabaseDamagedError } from './store/database-damaged';
import { MigrationDriftError } from './store/migrations';
import type { Bot } from './bot';

let starting: Promise<Bot> | undefined;
let running: Bot | undefined;
let logger: Logger | undefined;
let signalled = false;

function shutdown(signal: string): void {
  if (signalled) return;
  signalled = true;
  process.stderr.write(`${signal} received: finishing in-flight work…\n`);
  if (!starting) process.exit(0);
  // A bot still starting is stopped once it is up; one that fails to start exits through main().
  starting.then(
    (bot) =>
      bot.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`shutdown failed: ${String(err)}\n`);
          process.exit(1);
        },
      ),
    () => {},
  );
}

async function main(): Promise<void> {
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  installProcessPolicy(process, {
    logger: () => logger,
    stop: () => starting?.then((bot) => bot.stop()),
    inFlight: () => running?.slack.inFlight.size,
    exit: (code) => process.exit(code),
  });
  readDotEnv(path.resolve(process.cwd(), '.env'));
  const config = loadConfig(process.env);
  logger = createLogger(config.logLevel, [config.botToken, config.signingSecret ?? '', config.appToken ?? '']);
  // Loaded only once the configuration is valid, so a bad deployment is told at once.
  const { startBot } = await import('./bot');
  if (signalled) process.exit(0);
  starting = startBot({ config, logger });
  running = await starting;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PlaybookError || err instanceof MigrationDriftError || err instanceof DatabaseDamagedError || err instanceof SlackAuthError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`The crisis bot could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.exit(1);
});
