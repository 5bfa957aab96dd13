/**
 * node-cron ticks at REMINDER_TICK asking each ticker what is due: update reminders, then
 * scheduled alerts (deadline clocks, …), one after the other on the same tick. noOverlap keeps a
 * slow tick (many crises, rate limits) from starting another; each service's claim makes it safe
 * anyway. A ticker that fails is logged and does not keep the others from running.
 *
 * A busy database (another process holds its write lock) skips the tick: one short try of the
 * lock first (`writable`), and a ticker that finds it busy midway ends the tick there. Nothing due
 * is lost: it is still due at the next tick, which tries again.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';
import { busyCause, isDatabaseBusy } from '../store/database';

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
    /** False while another connection holds the database's write lock (a short try, not a wait). */
    private readonly writable: () => boolean = () => true,
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

  /** A tick is running (bot.activity()). */
  get ticking(): boolean {
    return this.running !== undefined;
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
    if (!this.writable()) return this.busy('tick skipped', undefined);
    for (const [name, ticker] of this.tickers) {
      try {
        const result = await ticker.tick();
        if (Object.values(result).some((v) => typeof v === 'number' && v > 0)) this.logger.info(`${name} tick`, { ...result });
      } catch (err) {
        // Every further write would wait for the lock in vain.
        if (isDatabaseBusy(err)) return this.busy(`${name} tick stopped`, err);
        this.logger.error(`${name} tick failed`, { error: err });
      }
    }
    try {
      this.onTick();
    } catch (err) {
      if (isDatabaseBusy(err)) return this.busy('housekeeping skipped', err);
      this.logger.error('after-tick housekeeping failed', { error: err });
    }
  }

  private busy(what: string, err: unknown): void {
    // Without an error: the write lock was found taken before the tick (SQLite's check).
    this.logger.warn(`the database is busy: another connection holds a lock it needs (${busyCause(err)}); ${what}, the next tick tries again`);
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
