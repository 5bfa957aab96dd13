/**
 * Running the demo's clock as a real crisis lives it: time moves a minute at a time and, at each
 * minute, every scheduler ticker (update reminders, deadline clocks, promises, shift breaks) asks
 * what fell due, as node-cron makes the running bot do. So reminders, escalations and missed
 * updates happen when they would, not only where the script remembers to call for them.
 */
import type { SceneContext } from './recall-scene';

const STEP_MS = 60_000;

/** Moves the clock to `iso`, ticking every minute on the way; prints what the ticks sent. */
export async function runClockTo(ctx: Pick<SceneContext, 'bot' | 'clock' | 't'>, iso: string): Promise<void> {
  const end = Date.parse(iso);
  const tickers = Object.values(ctx.bot.services.tickers);
  while (ctx.clock.now().getTime() < end) {
    ctx.clock.set(new Date(Math.min(end, ctx.clock.now().getTime() + STEP_MS)));
    let busy = false;
    for (const ticker of tickers) {
      const result = await ticker.tick();
      if (Object.values(result).some((v) => typeof v === 'number' && v > 0)) busy = true;
    }
    // Only a tick that sent something has anything to show (waiting for quiet costs time; the tick itself awaited its Slack calls).
    if (busy) {
      await ctx.t.settle(60);
      ctx.t.flush();
    }
  }
}
