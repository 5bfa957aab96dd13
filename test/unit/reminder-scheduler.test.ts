/**
 * The scheduler ticks every ticker on the same tick (update reminders, then scheduled alerts), runs
 * one catch-up tick at start, logs what happened, and keeps going when one ticker fails.
 */
import Database from 'better-sqlite3';
import { createLogger } from '../../src/logger';
import { ReminderScheduler, type Ticker } from '../../src/scheduler/reminder-scheduler';

function recorder(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', [], (line) => lines.push(line)) };
}

describe('ReminderScheduler', () => {
  it('the catch-up tick runs every ticker once, in order, then the housekeeping', async () => {
    const order: string[] = [];
    const ticker = (name: string, result: object): Ticker => ({
      tick: async () => {
        order.push(name);
        return result;
      },
    });
    const { lines, logger } = recorder();
    // A cron expression that will not fire during the test: only the catch-up tick runs.
    const scheduler = new ReminderScheduler('0 0 1 1 *', { reminders: ticker('reminders', { due: 0, sent: 0 }), alerts: ticker('alerts', { due: 2, sent: 1 }) }, logger, () => order.push('prune'));
    await scheduler.start({ catchUp: true });
    await scheduler.stop();
    expect(order).toEqual(['reminders', 'alerts', 'prune']);
    // Only a ticker that did something is logged.
    expect(lines.map((l) => JSON.parse(l) as { message: string; sent?: number })).toEqual([expect.objectContaining({ message: 'alerts tick', due: 2, sent: 1 })]);
  });

  it('a failing ticker is logged and the next one still runs', async () => {
    const ran: string[] = [];
    const { lines, logger } = recorder();
    const scheduler = new ReminderScheduler(
      '0 0 1 1 *',
      {
        reminders: { tick: () => Promise.reject(new Error('database is locked')) },
        alerts: { tick: async () => (ran.push('alerts'), { sent: 0 }) },
      },
      logger,
    );
    await scheduler.start({ catchUp: true });
    await scheduler.stop();
    expect(ran).toEqual(['alerts']);
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['reminders tick failed']);
  });

  it('a busy database skips the tick: no ticker runs, and the warning names the lock', async () => {
    const ran: string[] = [];
    const { lines, logger } = recorder();
    const scheduler = new ReminderScheduler('0 0 1 1 *', { reminders: { tick: async () => (ran.push('reminders'), { sent: 0 }) } }, logger, () => ran.push('prune'), () => false);
    await scheduler.start({ catchUp: true });
    await scheduler.stop();
    expect(ran).toEqual([]);
    expect(lines.map((l) => JSON.parse(l) as { level: string; message: string })).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/database is busy.*SQLITE_BUSY.*tick skipped, the next tick tries again/) }),
    ]);
  });

  it('a ticker that finds the database busy ends the tick there; the next tick runs them all again', async () => {
    const ran: string[] = [];
    const { lines, logger } = recorder();
    let busy = true;
    const scheduler = new ReminderScheduler(
      '0 0 1 1 *',
      {
        reminders: {
          tick: async () => {
            ran.push('reminders');
            if (busy) throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
            return { sent: 0 };
          },
        },
        alerts: { tick: async () => (ran.push('alerts'), { sent: 0 }) },
      },
      logger,
      () => ran.push('prune'),
    );
    await scheduler.start({ catchUp: true });
    await scheduler.stop();
    expect(ran).toEqual(['reminders']);
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn']);
    busy = false;
    // Stopped, a start runs its catch-up tick and schedules nothing more: the next tick, by hand.
    await scheduler.start({ catchUp: true });
    expect(ran).toEqual(['reminders', 'reminders', 'alerts', 'prune']);
  });
});
