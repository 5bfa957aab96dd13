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
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly expression: string,
    private readonly reminders: ReminderTicker,
    private readonly logger: Logger,
    private readonly onTick: () => void = () => {},
  ) {}

  start(): void {
    this.task = cron.schedule(
      this.expression,
      async () => {
        const run = this.runOnce();
        this.running = run;
        await run;
      },
      { noOverlap: true, name: 'crisis-reminders' },
    );
  }

  /** One tick now; used at start-up so what fell due during downtime is reminded at once. */
  async runOnce(): Promise<void> {
    try {
      const result = await this.reminders.tick();
      if (result.due > 0 || result.nudged > 0) this.logger.info('reminder tick', { ...result });
      this.onTick();
    } catch (err) {
      this.logger.error('reminder tick failed', { error: err });
    }
  }

  async stop(): Promise<void> {
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = undefined;
    }
    await this.running;
  }
}
