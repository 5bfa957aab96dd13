/**
 * The SQLite client's transaction lock, within the process. better-sqlite3 has one connection, and
 * an asynchronous transaction leaves it open across awaits: without this, another request's query
 * would run inside it (and be rolled back with it, or see its half-made change). A transaction holds
 * the lock from BEGIN to COMMIT; everything else queues behind it, first come first served.
 *
 * A wait is bounded: past `waitMs` the caller gets DatabaseBusyError, as it would from another
 * process's write lock, so a person hears "busy, nothing changed" within the 3 s of an ack instead
 * of waiting behind a transaction that hangs.
 */
import { DatabaseBusyError } from './errors';

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

export class TransactionQueue {
  private held = false;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly waitMs: number) {}

  get busy(): boolean {
    return this.held;
  }

  /** Resolves once the lock is this caller's; call release() exactly once after. */
  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at !== -1) this.waiting.splice(at, 1);
          reject(
            new DatabaseBusyError('sqlite', `database is busy: another transaction of this process held it for over ${this.waitMs} ms`, 'QUEUE_TIMEOUT', undefined),
          );
        }, this.waitMs),
      };
      this.waiting.push(waiter);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.held = false;
  }
}
