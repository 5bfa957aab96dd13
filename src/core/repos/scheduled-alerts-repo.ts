/**
 * Queries on scheduled alerts: the due times the tick reads, the lease that makes a claim a
 * compare-and-set, and the final state each alert settles in (sent, cancelled or skipped).
 */
import { z } from 'zod';
import { ALERT_STATES, type NewScheduledAlert, type ScheduledAlert } from '../scheduled-alert';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  kind: z.string(),
  subject: z.string(),
  alert_key: z.string(),
  due_at: z.string(),
  lease_until: z.string().nullable(),
  state: z.enum(ALERT_STATES),
  data_json: z.string(),
  created_at: z.string(),
  settled_at: z.string().nullable(),
});

const ExistsRow = z.object({ n: z.number() });

function decode(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toAlert(raw: unknown): ScheduledAlert {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    kind: r.kind,
    subject: r.subject,
    key: r.alert_key,
    dueAt: r.due_at,
    leaseUntil: r.lease_until,
    state: r.state,
    data: decode(r.data_json),
    createdAt: r.created_at,
    settledAt: r.settled_at,
  };
}

export class ScheduledAlertsRepo {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly claimStmt;
  private readonly finishStmt;
  private readonly releaseStmt;
  private readonly settleStmt;
  private readonly cancelSubjectStmt;
  private readonly cancelCrisisStmt;
  private readonly sentStmt;
  private readonly ofCrisisStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO scheduled_alerts
      (crisis_id, kind, subject, alert_key, due_at, state, data_json, created_at, settled_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Pending, due, and not held by a live lease: a range of the partial index on due_at.
    this.dueStmt = db.prepare(`SELECT * FROM scheduled_alerts WHERE state = 'pending' AND due_at <= ?
      AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, id LIMIT ?`);
    // A claim is a lease taken only if nobody holds a live one: of two overlapping ticks one wins.
    this.claimStmt = db.prepare(`UPDATE scheduled_alerts SET lease_until = ?
      WHERE id = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?)`);
    // Final once Slack took it, and only while the lease is ours and nothing cancelled it meanwhile.
    this.finishStmt = db.prepare(`UPDATE scheduled_alerts SET state = 'sent', settled_at = ?
      WHERE id = ? AND state = 'pending' AND lease_until = ?`);
    this.releaseStmt = db.prepare('UPDATE scheduled_alerts SET lease_until = NULL WHERE id = ? AND lease_until = ?');
    this.settleStmt = db.prepare(`UPDATE scheduled_alerts SET state = ?, settled_at = ? WHERE id = ? AND state = 'pending'`);
    this.cancelSubjectStmt = db.prepare(`UPDATE scheduled_alerts SET state = 'cancelled', settled_at = ?
      WHERE crisis_id = ? AND subject = ? AND state = 'pending'`);
    this.cancelCrisisStmt = db.prepare(`UPDATE scheduled_alerts SET state = 'cancelled', settled_at = ?
      WHERE crisis_id = ? AND state = 'pending'`);
    this.sentStmt = db.prepare(`SELECT COUNT(*) AS n FROM scheduled_alerts WHERE crisis_id = ? AND subject = ? AND kind = ? AND state = 'sent'`);
    this.ofCrisisStmt = db.prepare('SELECT * FROM scheduled_alerts WHERE crisis_id = ? ORDER BY due_at, id');
  }

  /** Stores alerts; one whose key the crisis already has is left as it is. Call inside the change's transaction. */
  schedule(crisisId: number, alerts: readonly NewScheduledAlert[], at: string): void {
    for (const a of alerts) {
      const state = a.state ?? 'pending';
      this.insertStmt.run(crisisId, a.kind, a.subject, a.key, a.dueAt, state, JSON.stringify(a.data ?? {}), at, state === 'pending' ? null : at);
    }
  }

  due(nowIso: string, limit: number): ScheduledAlert[] {
    return this.dueStmt.all(nowIso, nowIso, limit).map(toAlert);
  }

  /** Leases a pending alert until `leaseUntil`; false when another tick holds it or it was settled. */
  claim(id: number, leaseUntil: string, nowIso: string): boolean {
    return this.claimStmt.run(leaseUntil, id, nowIso).changes === 1;
  }

  /** Marks our claimed alert sent; false when it was cancelled or the lease is no longer ours. */
  finish(id: number, leaseUntil: string, at: string): boolean {
    return this.finishStmt.run(at, id, leaseUntil).changes === 1;
  }

  /** Gives our lease back so the next tick retries. */
  release(id: number, leaseUntil: string): void {
    this.releaseStmt.run(id, leaseUntil);
  }

  /** Settles pending alerts that will never be sent. */
  settle(ids: readonly number[], state: 'skipped' | 'cancelled', at: string): void {
    for (const id of ids) this.settleStmt.run(state, at, id);
  }

  /** Cancels what is pending about one subject (a clock that was met or restarted). */
  cancelSubject(crisisId: number, subject: string, at: string): number {
    return this.cancelSubjectStmt.run(at, crisisId, subject).changes;
  }

  /** Cancels everything pending for a crisis: resolving stops every reminder. */
  cancelCrisis(crisisId: number, at: string): number {
    return this.cancelCrisisStmt.run(at, crisisId).changes;
  }

  wasSent(crisisId: number, subject: string, kind: string): boolean {
    return ExistsRow.parse(this.sentStmt.get(crisisId, subject, kind)).n > 0;
  }

  ofCrisis(crisisId: number): ScheduledAlert[] {
    return this.ofCrisisStmt.all(crisisId).map(toAlert);
  }
}
