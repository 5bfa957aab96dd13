/**
 * The reminder tick: which crises owe an update now, one reminder each, escalation when one was
 * ignored for a whole cadence, and the once-only nudge for a missing spokesperson. Due times live
 * in SQLite, so a restart or a downtime loses nothing; a reminder is claimed by moving its due
 * time with a compare-and-set, so overlapping ticks can never send the same one twice.
 */
import { addMinutes, isEscalation, minutesBetween, type ReminderState } from '../domain/cadence';
import { isOpen } from '../domain/crisis';
import type { ServiceDeps } from './deps';
import { ExternalCallError } from './ports';
import { refreshCard, snapshotById } from './snapshot';

/** Slack errors meaning the channel is gone for good: stop reminding it. */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'missing_scope', 'restricted_action']);

export const SPOKESPERSON_NUDGE_AFTER_MINUTES = 10;

export interface TickResult {
  due: number;
  sent: number;
  escalated: number;
  failed: number;
  stopped: number;
  nudged: number;
}

export interface ReminderServiceOptions {
  /** Reminders sent at the same time (each to a different channel). */
  concurrency?: number;
  /** Most crises handled in one tick; the rest are picked up by the next. */
  batchSize?: number;
}

export class ReminderService {
  private readonly concurrency: number;
  private readonly batchSize: number;

  constructor(
    private readonly deps: ServiceDeps,
    options: ReminderServiceOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.batchSize = options.batchSize ?? 500;
  }

  async tick(): Promise<TickResult> {
    const now = this.deps.clock.now();
    const due = this.deps.store.reminders.due(now.toISOString(), this.batchSize);
    const result: TickResult = { due: due.length, sent: 0, escalated: 0, failed: 0, stopped: 0, nudged: 0 };
    const queue = [...due];
    const worker = async (): Promise<void> => {
      for (let state = queue.shift(); state; state = queue.shift()) {
        await this.remindOne(state, now, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    result.nudged = await this.nudgeMissingSpokesperson(now);
    return result;
  }

  private async remindOne(state: ReminderState, now: Date, result: TickResult): Promise<void> {
    const { store, notifier, logger } = this.deps;
    const crisis = store.crises.find(state.crisisId);
    if (!crisis || !isOpen(crisis)) {
      store.reminders.disable(state.crisisId);
      return;
    }
    const at = now.toISOString();
    const overdue = isEscalation(state.remindersSinceUpdate);
    const claimedDueAt = addMinutes(at, state.cadenceMinutes);
    const claimed = store.reminders.claim(state, claimedDueAt, at);
    if (!claimed) return;

    const snapshot = snapshotById(this.deps, crisis.id);
    const sinceUpdate = Math.max(0, minutesBetween(state.lastUpdateAt, now));
    const mentionIds = [...new Set([...snapshot.holders.lead, ...snapshot.holders.spokesperson, ...snapshot.holders.info])];
    try {
      await notifier.postReminder(snapshot, { overdue, minutesSinceUpdate: sinceUpdate, mentionIds });
    } catch (err) {
      if (err instanceof ExternalCallError && CHANNEL_GONE.has(err.code)) {
        store.reminders.disable(crisis.id);
        logger.warn('crisis channel is gone; reminders stopped for this crisis', { crisisId: crisis.id, channelId: crisis.channelId, code: err.code });
        result.stopped += 1;
        return;
      }
      // Give the claim back so the next tick tries again; nothing was recorded.
      store.reminders.release(state, claimedDueAt);
      logger.warn('reminder could not be posted; will retry next tick', { crisisId: crisis.id, error: err });
      result.failed += 1;
      return;
    }

    store.transaction(() => {
      store.timeline.append(
        crisis.id,
        {
          kind: 'reminder_sent',
          occurredAt: at,
          actorId: null,
          text: overdue ? 'Overdue update reminder (escalated to the lead)' : 'Update reminder',
          data: { overdue, minutes_since_update: Math.round(sinceUpdate) },
        },
        at,
      );
      if (overdue) {
        store.timeline.append(crisis.id, { kind: 'update_missed', occurredAt: at, actorId: null, text: 'An update was missed', data: { due_at: state.nextDueAt } }, at);
      }
    });
    result.sent += 1;
    if (overdue) {
      result.escalated += 1;
      for (const leadId of snapshot.holders.lead) {
        try {
          await notifier.dmEscalation(leadId, snapshot, sinceUpdate);
        } catch (err) {
          logger.warn('could not DM the lead about an overdue update', { crisisId: crisis.id, error: err });
        }
      }
    }
    // The card shows when the next update is due, which the reminder just changed.
    await refreshCard(this.deps, crisis.id);
  }

  /** sev1 and sev2 crises with no spokesperson 10 minutes in are told once. */
  private async nudgeMissingSpokesperson(now: Date): Promise<number> {
    const { store, notifier, logger } = this.deps;
    const cutoff = addMinutes(now, -SPOKESPERSON_NUDGE_AFTER_MINUTES);
    let nudged = 0;
    for (const crisisId of store.crises.needingSpokespersonNudge(cutoff)) {
      const at = now.toISOString();
      const first = store.timeline.append(
        crisisId,
        { kind: 'role_nudge', occurredAt: at, actorId: null, text: 'No spokesperson yet: channel reminded', data: { role: 'spokesperson' }, sourceKey: 'nudge:spokesperson' },
        at,
      );
      if (!first) continue;
      const snapshot = snapshotById(this.deps, crisisId);
      try {
        await notifier.postNotice(snapshot, { kind: 'role_nudge', role: 'spokesperson', minutesSinceDeclared: Math.round(minutesBetween(snapshot.crisis.declaredAt, now)) });
        nudged += 1;
      } catch (err) {
        logger.warn('could not post the spokesperson nudge', { crisisId, error: err });
      }
    }
    return nudged;
  }
}
