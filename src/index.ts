/**
 * `npm start`: configuration from the environment (and .env), then the bot; SIGTERM and SIGINT
 * stop taking work, let what is in flight finish, and close the database.
 */
import path from 'node:path';
import { ConfigError, loadConfig, readDotEnv } from './config';
import { MigrationDriftError } from './store/migrations';

async function main(): Promise<void> {
  readDotEnv(path.resolve(process.cwd(), '.env'));
  const config = loadConfig(process.env);
  // Loaded only once the configuration is valid, so a bad deployment is told at once.
  const { startBot } = await import('./bot');
  const bot = await startBot({ config });
  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`${signal} received: finishing in-flight work…\n`);
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`shutdown failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationDriftError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`The crisis bot could not start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.exit(1);
});
