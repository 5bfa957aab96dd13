/**
 * The reminder tick: which crises owe an update now, one reminder each, escalation when one was
 * ignored for a whole cadence, and the once-only nudge for a missing spokesperson. Due times live
 * in SQLite, so a restart or a downtime loses nothing. A reminder is claimed with a short lease
 * (a compare-and-set on its due time, so overlapping ticks never send the same one twice) and
 * only made final, with its timeline rows, once Slack took it: a process killed mid-send leaves
 * a lease that runs out, and the reminder is sent again as the same kind (never an escalation).
 */
import { addMinutes, isEscalation, minutesBetween, updateDueAt, type ReminderState } from '../../core/cadence';
import { isOpen } from '../../core/crisis';
import type { ServiceDeps } from '../../core/deps';
import { ExternalCallError } from '../../core/ports';
import { refreshCard, snapshotById } from '../../core/snapshot';
import { CHANNEL_GONE, REMINDER_LEASE_MINUTES } from '../../core/sending';

export { CHANNEL_GONE, REMINDER_LEASE_MINUTES };


export const SPOKESPERSON_NUDGE_AFTER_MINUTES = 10;


const NUDGE_SOURCE_KEY = 'nudge:spokesperson';

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
  /** Crises whose spokesperson nudge is being posted right now, so an overlapping tick skips them. */
  private readonly nudging = new Set<number>();

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
    // The lease runs on the clock as it is now (a long tick must not hand out leases already
    // expired), but never past when the next reminder falls due anyway: at a 1-minute cadence a
    // slow send must not hold back the reminder after it.
    const nextReminderAt = addMinutes(at, state.cadenceMinutes);
    const leaseFromNow = addMinutes(this.deps.clock.now(), REMINDER_LEASE_MINUTES);
    const lease = leaseFromNow < nextReminderAt ? leaseFromNow : nextReminderAt;
    if (!store.reminders.claim(state, lease, at)) return;

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
      // Give the lease back so the next tick tries again; nothing was recorded.
      store.reminders.release(state, lease);
      logger.warn('reminder could not be posted; will retry next tick', { crisisId: crisis.id, error: err });
      result.failed += 1;
      return;
    }

    const scheduled = store.transaction(() => {
      const finished = store.reminders.finish(crisis.id, lease, nextReminderAt, at);
      // The reminder is in the channel either way, so the timeline says so even when an update or
      // a snooze that landed meanwhile keeps the schedule it set.
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
        // Due when the reminder before this one went out, not at this escalation.
        store.timeline.append(crisis.id, { kind: 'update_missed', occurredAt: at, actorId: null, text: 'An update was missed', data: { due_at: updateDueAt(state) } }, at);
      }
      return finished;
    });
    if (!scheduled) logger.info('the schedule changed while a reminder was being sent; keeping the change', { crisisId: crisis.id });
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

  /**
   * sev1 and sev2 crises with no spokesperson 10 minutes in are told once. Posted first and
   * marked done after, so a failed post is retried next tick and the timeline never claims a
   * nudge nobody saw. Two ticks of this process never both post (the in-flight set plus the
   * marker check, with no await between check and post); two processes on one database could,
   * which the bot, one process per database, does not do.
   */
  private async nudgeMissingSpokesperson(now: Date): Promise<number> {
    const { store } = this.deps;
    const cutoff = addMinutes(now, -SPOKESPERSON_NUDGE_AFTER_MINUTES);
    let nudged = 0;
    for (const crisisId of store.crises.needingSpokespersonNudge(cutoff)) {
      if (this.nudging.has(crisisId) || store.timeline.bySource(crisisId, NUDGE_SOURCE_KEY)) continue;
      // Claimed in the database before it is posted: of several replicas' ticks one posts it; the
      // row read again after the claim, in case another posted and recorded it meanwhile.
      const lease = addMinutes(this.deps.clock.now(), REMINDER_LEASE_MINUTES);
      if (!store.reminders.claimNudge(crisisId, lease, now.toISOString())) continue;
      if (store.timeline.bySource(crisisId, NUDGE_SOURCE_KEY)) continue;
      this.nudging.add(crisisId);
      try {
        if (await this.nudgeOne(crisisId, now)) nudged += 1;
        else store.reminders.releaseNudge(crisisId, lease);
      } finally {
        this.nudging.delete(crisisId);
      }
    }
    return nudged;
  }

  private async nudgeOne(crisisId: number, now: Date): Promise<boolean> {
    const { store, notifier, logger } = this.deps;
    const at = now.toISOString();
    const mark = (text: string): boolean =>
      store.timeline.append(crisisId, { kind: 'role_nudge', occurredAt: at, actorId: null, text, data: { role: 'spokesperson' }, sourceKey: NUDGE_SOURCE_KEY }, at) !== undefined;
    const snapshot = snapshotById(this.deps, crisisId);
    try {
      await notifier.postNotice(snapshot, { kind: 'role_nudge', role: 'spokesperson', minutesSinceDeclared: Math.round(minutesBetween(snapshot.crisis.declaredAt, now)) });
    } catch (err) {
      if (err instanceof ExternalCallError && CHANNEL_GONE.has(err.code)) {
        // It can never be delivered: recorded as such, so it is not retried on every tick.
        mark(`No spokesperson yet; the channel could not be reminded (${err.code})`);
        logger.warn('crisis channel is gone; spokesperson nudge not posted', { crisisId, code: err.code });
        return false;
      }
      logger.warn('could not post the spokesperson nudge; will retry next tick', { crisisId, error: err });
      return false;
    }
    return mark('No spokesperson yet: channel reminded');
  }
}
