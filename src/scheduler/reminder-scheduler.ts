/**
 * node-cron ticks at REMINDER_TICK asking the reminder service what is due. noOverlap keeps a slow
 * tick (many crises, rate limits) from starting another; the service's claim makes it safe anyway.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';
import type { TickResult } from '../services/reminder-service';

export interface ReminderTicker {
  tick(): Promise<TickResult>;
}

export class ReminderScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly expression: string,
    private readonly reminders: ReminderTicker,
    private readonly logger: Logger,
    private readonly onTick: () => void = () => {},
  ) {}

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

  /** One tick, its failure logged: a failed tick must not stop the next. */
  private async runOnce(): Promise<void> {
    try {
      const result = await this.reminders.tick();
      if (result.due > 0 || result.nudged > 0) this.logger.info('reminder tick', { ...result });
      this.onTick();
    } catch (err) {
      this.logger.error('reminder tick failed', { error: err });
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
