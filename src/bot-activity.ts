/**
 * What the bot has under way, and waiting until it has nothing: requests being handled with their
 * follow-ups (the webhook's card and notice, the start-up repair), Web API calls, the crisis cards'
 * throttled repaints, App Home tabs gathered or waiting for room in their budget, a scheduler tick.
 * A stop waits only for the requests (bot.stop drops what is merely waiting); the end-to-end tests
 * wait for all of it before they assert that something happened once, or not at all, instead of
 * sleeping and hoping it was long enough.
 */

export interface BotActivity {
  /** Slack requests and webhook deliveries being handled, their follow-ups, the start-up repair. */
  requests: number;
  /** Web API calls sent and not yet answered, or waiting out a rate limit. */
  slackCalls: number;
  /** Crisis cards with a repaint going out or a trailing one waiting for its time. */
  cardRepaints: number;
  /** App Home tabs gathered for publishing, waiting for room in the budget, or going out. */
  homeTabs: number;
  /** A scheduler tick (reminders, alerts, repairs) is running. */
  schedulerTick: boolean;
  /** Publishing deliveries being sent, or their tick running (after a publish it starts at once). */
  deliveries: number;
}

export function isIdle(activity: BotActivity): boolean {
  return activity.requests === 0 && activity.slackCalls === 0 && activity.cardRepaints === 0 && activity.homeTabs === 0 && !activity.schedulerTick && activity.deliveries === 0;
}

const POLL_MS = 5;

/**
 * Resolves once `read()` has found nothing under way twice in a row, a turn of the event loop apart
 * (work a finishing callback starts is registered by then); rejects after `timeoutMs` naming what
 * is still under way.
 */
export async function waitUntilIdle(read: () => BotActivity, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (isIdle(read())) {
      await new Promise((resolve) => setImmediate(resolve));
      if (isIdle(read())) return;
    }
    if (Date.now() > deadline) throw new Error(`the bot still has work under way after ${timeoutMs} ms: ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
