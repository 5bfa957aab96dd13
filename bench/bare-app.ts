/**
 * The yardstick for ack latency: a Bolt app with the crisis bot's receiver configuration (HTTP
 * receiver on /slack/events, signature checks, processBeforeResponse off) whose only listener acks
 * `/crisis` with nothing. Run as its own process by bench/run.ts; prints `READY <port>`.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

async function main(): Promise<void> {
  const receiver = new HTTPReceiver({
    signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
  });
  // botId and botUserId given, as the bot gives them after its own auth.test: no call at start.
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN ?? '',
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? 'http://127.0.0.1:9/api/' },
  });
  app.command('/crisis', async ({ ack }) => {
    await ack();
  });
  // Optionally as many more listeners as the bot registers, none matching: Bolt offers every
  // request to every listener, so this shows what the listener count alone costs.
  for (let i = 0; i < Number(process.env.BARE_EXTRA_LISTENERS ?? 0); i += 1) {
    app.action(`bench_unused_${i}`, async ({ ack }) => {
      await ack();
    });
  }
  await app.start(Number(process.env.PORT ?? 0));
  process.stdout.write(`READY ${process.env.PORT ?? ''}\n`);
}

void main();
