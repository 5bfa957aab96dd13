/**
 * node-cron ticks at REMINDER_TICK asking each ticker what is due: update reminders, then
 * scheduled alerts (deadline clocks, …), one after the other on the same tick. noOverlap keeps a
 * slow tick (many crises, rate limits) from starting another; each service's claim makes it safe
 * anyway. A ticker that fails is logged and does not keep the others from running.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';

/** Anything the scheduler ticks; its result (counts) is logged when any count is above zero. */
export interface Ticker {
  tick(): Promise<object>;
}

export class ReminderScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly tickers: ReadonlyArray<readonly [string, Ticker]>;

  constructor(
    private readonly expression: string,
    tickers: Readonly<Record<string, Ticker>>,
    private readonly logger: Logger,
    private readonly onTick: () => void = () => {},
  ) {
    this.tickers = Object.entries(tickers);
  }

  /**
   * Starts the cron ticks. With `catchUp`, one tick runs first, so what fell due while the bot was
   * down is reminded now (once, not once per missed interval); `stop()` waits for it like any other.
   */
  async start(options: { catchUp?: boolean } = {}): Promise<void> {
    if (options.catchUp) await this.tickOnce();
    if (this.stopped) return;
    this.task = cron.schedule(this.expression, () => this.tickOnce(), { noOverlap: true, name: 'crisis-reminders' });
  }

  /** Runs a tick unless one is already running (the catch-up tick, or a slow one), which it joins. */
  private tickOnce(): Promise<void> {
    if (this.running) return this.running;
    const run = this.runOnce().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** One tick of every ticker, each failure logged: a failed ticker must not stop the others or the next tick. */
  private async runOnce(): Promise<void> {
    for (const [name, ticker] of this.tickers) {
      try {
        const result = await ticker.tick();
        if (Object.values(result).some((v) => typeof v === 'number' && v > 0)) this.logger.info(`${name} tick`, { ...result });
      } catch (err) {
        this.logger.error(`${name} tick failed`, { error: err });
      }
    }
    try {
      this.onTick();
    } catch (err) {
      this.logger.error('after-tick housekeeping failed', { error: err });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = undefined;
    }
    await this.running;
  }
}
