/**
 * The outbox (migrations/0010_publishing.sql, `publish_deliveries`): one row per thing to deliver
 * to one target, written in the transaction that caused it, claimed with a lease (a compare-and-set,
 * as scheduled alerts are claimed), settled only while the lease is still the claimer's, never
 * deleted. Also the queries that find follow-ups due (a resolution, an FAQ refresh) and a give-up
 * not yet told.
 */
import { z } from 'zod';
import { DELIVERY_STATES, type DeliveryProgress } from './outbox-rules';
import type { StoreDb } from '../../store/store-db';

const DeliveryRow = z.object({
  id: z.number(),
  crisis_id: z.number(),
  statement_id: z.number().nullable(),
  subject: z.string(),
  target: z.string(),
  idempotency_key: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number(),
  claims: z.number(),
  next_attempt_at: z.string().nullable(),
  lease_until: z.string().nullable(),
  last_error: z.string().nullable(),
  last_status: z.number().nullable(),
  ref: z.string().nullable(),
  created_at: z.string(),
  settled_at: z.string().nullable(),
  failure_told_at: z.string().nullable(),
});

export interface Delivery extends DeliveryProgress {
  id: number;
  crisisId: number;
  statementId: number | null;
  /** statement:<id>, resolve:<crisis id>:<resolved at>, faq:<faq id>. */
  subject: string;
  /** status-page, statuspage, zendesk or webhook:<name>. */
  target: string;
  idempotencyKey: string;
  claims: number;
  leaseUntil: string | null;
  failureToldAt: string | null;
}

function toDelivery(raw: unknown): Delivery {
  const r = DeliveryRow.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    statementId: r.statement_id,
    subject: r.subject,
    target: r.target,
    idempotencyKey: r.idempotency_key,
    state: r.state,
    attempts: r.attempts,
    claims: r.claims,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    lastStatus: r.last_status,
    ref: r.ref,
    settledAt: r.settled_at,
    failureToldAt: r.failure_told_at,
  };
}

export interface NewDelivery {
  crisisId: number;
  statementId: number | null;
  subject: string;
  target: string;
  idempotencyKey: string;
  createdAt: string;
  /** `delivered` for the built-in page, which has nothing to send. */
  delivered?: boolean;
}

const IdRow = z.object({ crisis_id: z.number(), ref: z.string(), resolved_at: z.string() });
const CountRow = z.object({ target: z.string(), state: z.string(), n: z.number() });
const FaqDue = z.object({ crisis_id: z.number(), faq_id: z.number() });


export class OutboxRepo {
  private readonly insertDeliveryStmt;
  private readonly dueStmt;
  private readonly claimStmt;
  private readonly settleStmt;
  private readonly releaseStmt;
  private readonly getStmt;
  private readonly ofCrisisStmt;
  private readonly firstUnsettledStmt;
  private readonly untoldStmt;
  private readonly claimTellStmt;
  private readonly toldStmt;
  private readonly toResolveStmt;
  private readonly toDeactivateStmt;
  private readonly faqDueStmt;
  private readonly coverStmt;
  private readonly countsStmt;
  private readonly latestZendeskStmt;

  constructor(db: StoreDb) {
    this.countsStmt = db.prepare('SELECT target, state, COUNT(*) AS n FROM publish_deliveries GROUP BY target, state');
    this.insertDeliveryStmt = db.prepare(`INSERT OR IGNORE INTO publish_deliveries
      (crisis_id, statement_id, subject, target, idempotency_key, state, next_attempt_at, created_at, settled_at)
      VALUES (@crisisId, @statementId, @subject, @target, @idempotencyKey, @state, @next, @createdAt, @settled)`);
    this.dueStmt = db.prepare(`SELECT * FROM publish_deliveries WHERE state IN ('pending', 'retrying') AND next_attempt_at <= ?
      AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?`);
    this.claimStmt = db.prepare(`UPDATE publish_deliveries SET lease_until = @lease, claims = claims + 1
      WHERE id = @id AND state IN ('pending', 'retrying') AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)`);
    this.settleStmt = db.prepare(`UPDATE publish_deliveries SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt,
      last_error = @lastError, last_status = @lastStatus, ref = @ref, settled_at = @settledAt, lease_until = NULL
      WHERE id = @id AND lease_until = @lease`);
    this.releaseStmt = db.prepare('UPDATE publish_deliveries SET lease_until = NULL WHERE id = ? AND lease_until = ?');
    this.getStmt = db.prepare('SELECT * FROM publish_deliveries WHERE id = ?');
    this.ofCrisisStmt = db.prepare('SELECT * FROM publish_deliveries WHERE crisis_id = ? ORDER BY id');
    this.firstUnsettledStmt = db.prepare(`SELECT MIN(id) FROM publish_deliveries WHERE crisis_id = ? AND target = ? AND state IN ('pending', 'retrying')`).pluck();
    this.untoldStmt = db.prepare(`SELECT * FROM publish_deliveries WHERE state = 'failed' AND failure_told_at IS NULL
      AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?`);
    this.claimTellStmt = db.prepare(`UPDATE publish_deliveries SET lease_until = @lease
      WHERE id = @id AND state = 'failed' AND failure_told_at IS NULL AND (lease_until IS NULL OR lease_until <= @now)`);
    this.toldStmt = db.prepare('UPDATE publish_deliveries SET failure_told_at = ?, lease_until = NULL WHERE id = ? AND lease_until = ?');
    // A resolved crisis whose incident or macro is still live and whose resolution is not in the outbox.
    this.toResolveStmt = db.prepare(`SELECT s.crisis_id, s.incident_id AS ref, c.resolved_at FROM statuspage_incidents s JOIN crises c ON c.id = s.crisis_id
      WHERE c.status = 'resolved' AND c.resolved_at IS NOT NULL AND s.resolved_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM publish_deliveries d WHERE d.subject = 'resolve:' || c.id || ':' || c.resolved_at AND d.target = 'statuspage')`);
    this.toDeactivateStmt = db.prepare(`SELECT z.crisis_id, z.macro_id AS ref, c.resolved_at FROM zendesk_macros z JOIN crises c ON c.id = z.crisis_id
      WHERE c.status = 'resolved' AND c.resolved_at IS NOT NULL AND z.deactivated_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM publish_deliveries d WHERE d.subject = 'resolve:' || c.id || ':' || c.resolved_at AND d.target = 'zendesk')`);
    // FAQ answers approved after the crisis's macro was made and not yet put into it.
    this.faqDueStmt = db.prepare(`SELECT f.crisis_id, f.id AS faq_id FROM faq_entries f JOIN zendesk_macros z ON z.crisis_id = f.crisis_id
      JOIN crises c ON c.id = f.crisis_id
      WHERE f.state = 'approved' AND f.approved_at >= z.created_at AND z.deactivated_at IS NULL AND c.status <> 'resolved'
      AND NOT EXISTS (SELECT 1 FROM publish_deliveries d WHERE d.subject = 'faq:' || f.id AND d.target = 'zendesk')`);
    // The macro is written whole from what is current when it is sent: older refreshes waiting behind
    // one that went out are delivered by it.
    this.coverStmt = db.prepare(`UPDATE publish_deliveries SET state = 'delivered', next_attempt_at = NULL, settled_at = @at, ref = @ref
      WHERE crisis_id = @crisisId AND target = 'zendesk' AND subject NOT LIKE 'resolve:%' AND id <> @id
      AND state IN ('pending', 'retrying') AND created_at <= @upTo AND (lease_until IS NULL OR lease_until <= @at)`);
    this.latestZendeskStmt = db.prepare(`SELECT s.id FROM statements s JOIN publish_deliveries d ON d.statement_id = s.id
      WHERE d.crisis_id = ? AND d.target = 'zendesk' AND s.published_at IS NOT NULL ORDER BY s.published_at DESC, s.id DESC LIMIT 1`).pluck();
  }


  /** Writes a delivery (inside the change's transaction); one already there for its subject and target is kept. */
  addDelivery(d: NewDelivery): boolean {
    const delivered = d.delivered === true;
    return (
      this.insertDeliveryStmt.run({
        crisisId: d.crisisId,
        statementId: d.statementId,
        subject: d.subject,
        target: d.target,
        idempotencyKey: d.idempotencyKey,
        state: delivered ? 'delivered' : 'pending',
        next: delivered ? null : d.createdAt,
        createdAt: d.createdAt,
        settled: delivered ? d.createdAt : null,
      }).changes === 1
    );
  }

  due(nowIso: string, limit: number): Delivery[] {
    return this.dueStmt.all(nowIso, nowIso, limit).map(toDelivery);
  }

  get(id: number): Delivery {
    return toDelivery(this.getStmt.get(id));
  }

  /** Leases a due delivery; false when another sender holds it or it settled meanwhile. */
  claim(id: number, lease: string, nowIso: string): boolean {
    return this.claimStmt.run({ id, lease, now: nowIso }).changes === 1;
  }

  /** Writes an attempt's outcome and frees the row; false when the lease is no longer ours. */
  settle(id: number, lease: string, p: DeliveryProgress): boolean {
    return (
      this.settleStmt.run({
        id,
        lease,
        state: p.state,
        attempts: p.attempts,
        nextAttemptAt: p.nextAttemptAt,
        lastError: p.lastError,
        lastStatus: p.lastStatus,
        ref: p.ref,
        settledAt: p.settledAt,
      }).changes === 1
    );
  }

  release(id: number, lease: string): void {
    this.releaseStmt.run(id, lease);
  }

  ofCrisis(crisisId: number): Delivery[] {
    return this.ofCrisisStmt.all(crisisId).map(toDelivery);
  }

  /** The oldest unsettled delivery of a crisis to a target: only it may be sent, so an incident is made before it is updated. */
  firstUnsettled(crisisId: number, target: string): number | null {
    const id = this.firstUnsettledStmt.get(crisisId, target);
    return typeof id === 'number' ? id : null;
  }

  untold(nowIso: string, limit: number): Delivery[] {
    return this.untoldStmt.all(nowIso, limit).map(toDelivery);
  }

  claimTell(id: number, lease: string, nowIso: string): boolean {
    return this.claimTellStmt.run({ id, lease, now: nowIso }).changes === 1;
  }

  markTold(id: number, lease: string, at: string): boolean {
    return this.toldStmt.run(at, id, lease).changes === 1;
  }

  releaseTell(id: number, lease: string): void {
    this.releaseStmt.run(id, lease);
  }

  /** Resolutions still to take to Statuspage and Zendesk. */
  resolutionsDue(): Array<{ crisisId: number; target: 'statuspage' | 'zendesk'; resolvedAt: string }> {
    const rows = (stmt: typeof this.toResolveStmt, target: 'statuspage' | 'zendesk') =>
      stmt.all().map((raw) => {
        const r = IdRow.parse(raw);
        return { crisisId: r.crisis_id, target, resolvedAt: r.resolved_at };
      });
    return [...rows(this.toResolveStmt, 'statuspage'), ...rows(this.toDeactivateStmt, 'zendesk')];
  }

  /** Approved FAQ answers not yet put into their crisis's live macro. */
  faqDue(): Array<{ crisisId: number; faqId: number }> {
    return this.faqDueStmt.all().map((raw) => {
      const r = FaqDue.parse(raw);
      return { crisisId: r.crisis_id, faqId: r.faq_id };
    });
  }

  /** Marks the macro refreshes written up to `upTo` delivered by the one (`id`) that just went out. */
  coverMacroRefreshes(crisisId: number, id: number, upTo: string, ref: string | null, at: string): number {
    return this.coverStmt.run({ crisisId, id, upTo, ref, at }).changes;
  }

  /** The statement most recently published to Zendesk in a crisis (the macro's "latest update"). */
  latestZendeskStatement(crisisId: number): number | null {
    const id = this.latestZendeskStmt.get(crisisId);
    return typeof id === 'number' ? id : null;
  }


  /** How many deliveries there are of each target in each state (GET /metrics). */
  countsByTargetAndState(): Array<{ target: string; state: string; n: number }> {
    return this.countsStmt.all().map((raw) => CountRow.parse(raw));
  }
}
