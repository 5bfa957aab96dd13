/** Queries on reminders: the persisted schedule that survives restarts. */
import { z } from 'zod';
import type { ReminderState } from '../../core/cadence';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  crisis_id: z.number(),
  enabled: z.number(),
  cadence_minutes: z.number(),
  cadence_source: z.enum(['default', 'manual']),
  last_update_at: z.string(),
  next_due_at: z.string(),
  reminders_since_update: z.number(),
  last_reminded_at: z.string().nullable(),
});

function toState(raw: unknown): ReminderState {
  const r = Row.parse(raw);
  return {
    crisisId: r.crisis_id,
    enabled: r.enabled === 1,
    cadenceMinutes: r.cadence_minutes,
    cadenceSource: r.cadence_source,
    lastUpdateAt: r.last_update_at,
    nextDueAt: r.next_due_at,
    remindersSinceUpdate: r.reminders_since_update,
    lastRemindedAt: r.last_reminded_at,
  };
}

export class RemindersRepo {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly ofOpenStmt;
  private readonly dueStmt;
  private readonly claimStmt;
  private readonly finishStmt;
  private readonly releaseStmt;
  private readonly disableStmt;

  private readonly claimNudgeStmt;
  private readonly releaseNudgeStmt;

  constructor(db: StoreDb) {
    this.claimNudgeStmt = db.prepare(`UPDATE reminders SET nudge_lease_until = @leaseUntil
      WHERE crisis_id = @crisisId AND (nudge_lease_until IS NULL OR nudge_lease_until <= @now)`);
    this.releaseNudgeStmt = db.prepare('UPDATE reminders SET nudge_lease_until = NULL WHERE crisis_id = @crisisId AND nudge_lease_until = @leaseUntil');
    this.upsertStmt = db.prepare(`INSERT INTO reminders
      (crisis_id, enabled, cadence_minutes, cadence_source, last_update_at, next_due_at, reminders_since_update, last_reminded_at)
      VALUES (@crisisId, @enabled, @cadenceMinutes, @cadenceSource, @lastUpdateAt, @nextDueAt, @remindersSinceUpdate, @lastRemindedAt)
      ON CONFLICT (crisis_id) DO UPDATE SET enabled = excluded.enabled, cadence_minutes = excluded.cadence_minutes,
        cadence_source = excluded.cadence_source, last_update_at = excluded.last_update_at, next_due_at = excluded.next_due_at,
        reminders_since_update = excluded.reminders_since_update, last_reminded_at = excluded.last_reminded_at`);
    this.getStmt = db.prepare('SELECT * FROM reminders WHERE crisis_id = ?');
    this.ofOpenStmt = db.prepare(`SELECT r.* FROM reminders r
      JOIN (SELECT id FROM crises WHERE status <> 'resolved' ORDER BY declared_at, id LIMIT ?) c ON c.id = r.crisis_id`);
    this.dueStmt = db.prepare('SELECT * FROM reminders WHERE enabled = 1 AND next_due_at <= ? ORDER BY next_due_at LIMIT ?');
    // A claim is a short lease: next_due_at moves just past the Slack call, only if nobody else
    // moved it since we read it, so of two overlapping ticks only one claims. The counter is left
    // alone, so a claim whose process dies is retried once the lease runs out, as the same kind
    // of reminder. last_reminded_at is set now so an update landing mid-call counts as late.
    this.claimStmt = db.prepare(`UPDATE reminders SET next_due_at = ?, last_reminded_at = ?
      WHERE crisis_id = ? AND enabled = 1 AND next_due_at = ?`);
    // Once Slack took the reminder, the lease becomes the real schedule, unless an update,
    // snooze, cadence change or resolution moved next_due_at meanwhile: theirs wins.
    this.finishStmt = db.prepare(`UPDATE reminders SET next_due_at = ?, reminders_since_update = reminders_since_update + 1,
      last_reminded_at = ? WHERE crisis_id = ? AND next_due_at = ?`);
    // Undoing a claim touches only what the claim set, and only if nothing moved it since: an
    // update, snooze or resolution that landed while Slack was being called must win.
    this.releaseStmt = db.prepare(`UPDATE reminders SET next_due_at = ?, last_reminded_at = ?
      WHERE crisis_id = ? AND next_due_at = ?`);
    this.disableStmt = db.prepare('UPDATE reminders SET enabled = 0 WHERE crisis_id = ?');
  }

  save(state: ReminderState): void {
    this.upsertStmt.run({ ...state, enabled: state.enabled ? 1 : 0 });
  }

  /** Reminder rows of the `limit` oldest open crises (as CrisesRepo.listOpen orders them), in one query. */
  ofOpen(limit: number): ReminderState[] {
    return this.ofOpenStmt.all(limit).map(toState);
  }

  get(crisisId: number): ReminderState | undefined {
    const row = this.getStmt.get(crisisId);
    return row === undefined ? undefined : toState(row);
  }

  due(nowIso: string, limit: number): ReminderState[] {
    return this.dueStmt.all(nowIso, limit).map(toState);
  }

  /** Leases a due reminder until `leaseUntil`; false when another tick claimed or changed it first. */
  claim(state: ReminderState, leaseUntil: string, nowIso: string): boolean {
    return this.claimStmt.run(leaseUntil, nowIso, state.crisisId, state.nextDueAt).changes === 1;
  }

  /** Turns our lease into the schedule after a sent reminder; false when the lease is no longer ours. */
  finish(crisisId: number, leaseUntil: string, nextDueAt: string, nowIso: string): boolean {
    return this.finishStmt.run(nextDueAt, nowIso, crisisId, leaseUntil).changes === 1;
  }

  /** Gives back a claim (`leaseUntil` is the due time the claim set) so the next tick retries. */
  release(before: ReminderState, leaseUntil: string): boolean {
    return this.releaseStmt.run(before.nextDueAt, before.lastRemindedAt, before.crisisId, leaseUntil).changes === 1;
  }

  /**
   * Leases the crisis's spokesperson nudge until `leaseUntil`: false when another replica holds it
   * (its lease not yet run out). The nudge's timeline row says whether it went out.
   */
  claimNudge(crisisId: number, leaseUntil: string, nowIso: string): boolean {
    return this.claimNudgeStmt.run({ crisisId, leaseUntil, now: nowIso }).changes === 1;
  }

  /** Gives the nudge's lease back (the post failed), so the next tick tries again. */
  releaseNudge(crisisId: number, leaseUntil: string): void {
    this.releaseNudgeStmt.run({ crisisId, leaseUntil });
  }

  /** Stops reminders without touching the rest of the schedule. */
  disable(crisisId: number): void {
    this.disableStmt.run(crisisId);
  }
}
