/**
 * The tick for scheduled alerts (deadline reminders and missed deadlines today; promise reminders
 * and shift breaks can join as new kinds). The guarantees are those of update reminders:
 * - due times live in SQLite, so a restart or a downtime loses nothing;
 * - an alert is claimed with a short lease (a compare-and-set), so overlapping ticks never send
 *   it twice, and it becomes `sent`, with its timeline row in the same transaction, only once
 *   Slack took it; a process killed mid-send leaves a lease that runs out, and it is sent again;
 * - alerts of one crisis and subject due together are sent once: after a downtime, one catch-up;
 * - resolving cancels what is pending, and an alert of a resolved crisis is never sent.
 * A kind is a handler registered in createServices; see AlertHandler.
 */
import { addMinutes } from './cadence';
import { isOpen } from './crisis';
import { collapseDue, type AlertBatch, type ScheduledAlert } from './scheduled-alert';
import type { Store } from './store';
import type { ServiceDeps } from './deps';
import { ExternalCallError, type CrisisSnapshot } from './ports';
import { CHANNEL_GONE, REMINDER_LEASE_MINUTES } from './sending';
import { refreshCard, snapshotById } from './snapshot';

/** How one kind of alert is sent and recorded. */
export interface AlertHandler {
  /**
   * Is the alert still worth sending (its clock not done, its statement not superseded)? Read
   * just before the claim; false settles it as skipped without a message.
   */
  stillWanted(alert: ScheduledAlert, store: Store): boolean;
  /**
   * The Slack side; throws ExternalCallError when Slack refused. Nothing is recorded yet. Resolves
   * false when it found nothing to send after all (the alert is then skipped).
   */
  deliver(alert: ScheduledAlert, snapshot: CrisisSnapshot, now: Date): Promise<boolean>;
  /** Its timeline row (and any state it changes), in the transaction that marks it sent. */
  recordSent(alert: ScheduledAlert, store: Store, at: string): void;
  /** True when sending it changes what the pinned card shows (the card is then repainted). */
  changesCard?: boolean;
}

export interface AlertTickResult {
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  stopped: number;
}

export interface AlertServiceOptions {
  concurrency?: number;
  batchSize?: number;
}

export class ScheduledAlertService {
  private readonly concurrency: number;
  private readonly batchSize: number;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly handlers: Readonly<Record<string, AlertHandler>>,
    options: AlertServiceOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.batchSize = options.batchSize ?? 500;
  }

  async tick(): Promise<AlertTickResult> {
    const now = this.deps.clock.now();
    const due = this.deps.store.alerts.due(now.toISOString(), this.batchSize);
    const result: AlertTickResult = { due: due.length, sent: 0, skipped: 0, failed: 0, stopped: 0 };
    const queue = collapseDue(due);
    const worker = async (): Promise<void> => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await this.sendOne(batch, now, result);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    return result;
  }

  private async sendOne({ send: alert, skip }: AlertBatch, now: Date, result: AlertTickResult): Promise<void> {
    const { store, logger } = this.deps;
    const at = now.toISOString();
    const skipAll = (): void => {
      store.alerts.settle([alert, ...skip].map((a) => a.id), 'skipped', at);
      result.skipped += 1 + skip.length;
    };
    const crisis = store.crises.find(alert.crisisId);
    if (!crisis || !isOpen(crisis)) {
      // Resolve cancels in its own transaction; this only catches rows a crash or an older version left.
      store.alerts.cancelCrisis(alert.crisisId, at);
      result.skipped += 1 + skip.length;
      return;
    }
    const handler = this.handlers[alert.kind];
    if (!handler) {
      logger.error('no handler for a scheduled alert; it is skipped', { crisisId: crisis.id, kind: alert.kind, key: alert.key });
      return skipAll();
    }
    if (!handler.stillWanted(alert, store)) return skipAll();
    // The lease runs on the clock as it is now, so a slow tick never hands out one already expired.
    const lease = addMinutes(this.deps.clock.now(), REMINDER_LEASE_MINUTES);
    if (!store.alerts.claim(alert.id, lease, at)) return;

    try {
      if (!(await handler.deliver(alert, snapshotById(this.deps, crisis.id), now))) {
        store.alerts.release(alert.id, lease);
        return skipAll();
      }
    } catch (err) {
      if (err instanceof ExternalCallError && CHANNEL_GONE.has(err.code)) {
        logger.warn('crisis channel is gone; scheduled alert dropped', { crisisId: crisis.id, key: alert.key, code: err.code });
        store.alerts.settle([alert.id, ...skip.map((s) => s.id)], 'skipped', at);
        result.stopped += 1;
        return;
      }
      store.alerts.release(alert.id, lease);
      logger.warn('scheduled alert could not be posted; will retry next tick', { crisisId: crisis.id, key: alert.key, error: err });
      result.failed += 1;
      return;
    }
    const finished = store.transaction(() => {
      const ours = store.alerts.finish(alert.id, lease, at);
      store.alerts.settle(skip.map((s) => s.id), 'skipped', at);
      // The message is in the channel either way, so the timeline says so even when a change
      // (say, the clock marked done) cancelled the alert while Slack was being called.
      handler.recordSent(alert, store, at);
      return ours;
    });
    if (!finished) logger.info('a scheduled alert was cancelled while it was being sent', { crisisId: crisis.id, key: alert.key });
    result.sent += 1;
    result.skipped += skip.length;
    if (handler.changesCard) await refreshCard(this.deps, crisis.id);
  }
}
