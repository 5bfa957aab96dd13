/**
 * Claiming what is due, so that each scheduled thing (a reminder, an alert, a delivery) is sent by
 * exactly one replica, whichever replica's tick finds it first, and taken over when its claimer dies:
 *
 *   1. claimDue: one conditional UPDATE marks up to `limit` due rows as leased until now + leaseMs
 *      and returns them. On PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`, so two replicas
 *      claiming at once take different rows instead of waiting for each other; on SQLite the one
 *      statement holds the write lock. A row whose lease ran out is due again (its claimer died).
 *   2. The claimer sends it, then finishClaim settles the row only while the lease is still its own
 *      (the lease time it was given, and its name when the table keeps one): a claimer that took so
 *      long that another took over changes nothing, and learns so (false).
 *
 * A lease must outlast the longest send (a Slack call with its rate-limit waits), or a slow send and
 * its takeover would both go out. Times are ISO-8601 text from the injected clock, never the
 * database's own, so a test moves them and replicas agree to within their clocks' skew.
 */
import type { SqlClient, SqlValue } from './client';
import { skipLocked } from './dialect';

export interface ClaimTable {
  table: string;
  /** The primary key column. */
  key: string;
  /** When the row falls due (ISO text). */
  due: string;
  /** Until when the current claim holds (ISO text, NULL when unclaimed). */
  leaseUntil: string;
  /** Who claimed it (a replica's name), when the table keeps it. */
  claimedBy?: string;
  /** What else makes a row claimable, as SQL on the table's columns (e.g. `state = 'pending'`). */
  pending?: string;
  /** The columns returned for each claimed row (default `*`). */
  returning?: string;
}

export interface Claim {
  now: Date;
  leaseMs: number;
  limit: number;
  /** This replica's name, stored in claimedBy. */
  claimer?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkTable(spec: ClaimTable): void {
  for (const name of [spec.table, spec.key, spec.due, spec.leaseUntil, spec.claimedBy]) {
    if (name !== undefined && !IDENTIFIER.test(name)) throw new Error(`not a table or column name: ${name}`);
  }
}

/** The lease a claim made at `now` holds until, as stored. */
export function leaseEnd(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

/** Claims up to `limit` due rows, oldest due first, and returns them with their new lease. */
export async function claimDue<T>(db: SqlClient, spec: ClaimTable, claim: Claim): Promise<T[]> {
  checkTable(spec);
  const { table, key, due, leaseUntil, claimedBy } = spec;
  const free = `(${leaseUntil} IS NULL OR ${leaseUntil} <= @now)`;
  const pending = spec.pending ? ` AND (${spec.pending})` : '';
  // The picked rows are a MATERIALIZED CTE: PostgreSQL may scan an `IN (subquery)` again for every
  // row, and each scan under SKIP LOCKED skips what the previous one locked (LIMIT 2 claimed 3).
  const sql = `WITH picked AS MATERIALIZED (
      SELECT ${key} FROM ${table}
      WHERE ${due} <= @now AND ${free}${pending}
      ORDER BY ${due}, ${key}
      LIMIT @limit ${skipLocked(db.engine)}
    )
    UPDATE ${table} SET ${leaseUntil} = @lease${claimedBy ? `, ${claimedBy} = @claimer` : ''}
    WHERE ${key} IN (SELECT ${key} FROM picked) AND ${free}${pending}
    RETURNING ${spec.returning ?? '*'}`;
  const params: Record<string, SqlValue> = { now: claim.now.toISOString(), lease: leaseEnd(claim.now, claim.leaseMs), limit: claim.limit };
  if (claimedBy) params.claimer = claim.claimer ?? null;
  return db.all<T>(sql, params);
}

export interface HeldClaim {
  key: SqlValue;
  /** The lease the claim was given (the row's leaseUntil right after claimDue). */
  leaseUntil: string;
  claimer?: string;
}

/**
 * Settles a claimed row with `set` (SQL assignments, e.g. `state = 'sent', lease_until = NULL`,
 * with `@name` parameters from `params`), only while the claim is still the caller's. Returns
 * whether it was: false means the lease ran out and another replica took the row over.
 */
export async function finishClaim(db: SqlClient, spec: ClaimTable, held: HeldClaim, set: string, params: Record<string, SqlValue> = {}): Promise<boolean> {
  checkTable(spec);
  const mine = spec.claimedBy ? ` AND ${spec.claimedBy} = @claim_by` : '';
  const result = await db.run(`UPDATE ${spec.table} SET ${set} WHERE ${spec.key} = @claim_key AND ${spec.leaseUntil} = @claim_lease${mine}`, {
    ...params,
    claim_key: held.key,
    claim_lease: held.leaseUntil,
    ...(spec.claimedBy ? { claim_by: held.claimer ?? null } : {}),
  });
  return result.changes === 1;
}
