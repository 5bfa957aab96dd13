/** Queries on the crises table. */
import { z } from 'zod';
import { SEVERITIES, STATUSES, type Crisis } from '../crisis';
import type { SyncStatement as Statement } from '../../store/store-db';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  team_id: z.string(),
  channel_id: z.string(),
  channel_name: z.string(),
  title: z.string(),
  crisis_type: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  customer_impact: z.string(),
  declared_by: z.string(),
  declared_at: z.string(),
  resolved_at: z.string().nullable(),
  resolution_summary: z.string().nullable(),
  card_ts: z.string().nullable(),
  announce_channel_id: z.string().nullable(),
  announce_ts: z.string().nullable(),
  is_private: z.number(),
  is_drill: z.number(),
});

// Built once: a zod schema costs far more to build than to use, and these run on every list.
const CountRow = z.object({ n: z.number() });
const IdRow = z.object({ id: z.number() });

export function toCrisis(raw: unknown): Crisis {
  const r = Row.parse(raw);
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    title: r.title,
    type: r.crisis_type,
    severity: r.severity,
    status: r.status,
    customerImpact: r.customer_impact,
    declaredBy: r.declared_by,
    declaredAt: r.declared_at,
    resolvedAt: r.resolved_at,
    resolutionSummary: r.resolution_summary,
    cardTs: r.card_ts,
    announceChannelId: r.announce_channel_id,
    announceTs: r.announce_ts,
    isPrivate: r.is_private === 1,
    isDrill: r.is_drill === 1,
  };
}

/** A crisis to store; it is public and real unless said otherwise. */
export type NewCrisis = Omit<Crisis, 'id' | 'status' | 'resolvedAt' | 'resolutionSummary' | 'isPrivate' | 'isDrill'> & Partial<Pick<Crisis, 'isPrivate' | 'isDrill'>>;

export class CrisesRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byChannelStmt;
  private readonly openStmt;
  private readonly countOpenStmt;
  private readonly nudgeStmt;
  private readonly reportableStmt;
  private readonly updateStmts = new Map<string, Statement>();

  constructor(private readonly db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO crises
      (team_id, channel_id, channel_name, title, crisis_type, severity, status, customer_impact,
       declared_by, declared_at, card_ts, announce_channel_id, announce_ts, updated_at, is_private, is_drill)
      VALUES (@teamId, @channelId, @channelName, @title, @type, @severity, 'investigating', @customerImpact,
       @declaredBy, @declaredAt, @cardTs, @announceChannelId, @announceTs, @declaredAt, @isPrivate, @isDrill)`);
    this.byIdStmt = db.prepare('SELECT * FROM crises WHERE id = ?');
    this.byChannelStmt = db.prepare('SELECT * FROM crises WHERE channel_id = ?');
    this.openStmt = db.prepare(`SELECT * FROM crises WHERE status <> 'resolved' ORDER BY declared_at, id LIMIT ?`);
    this.countOpenStmt = db.prepare(`SELECT COUNT(*) AS n FROM crises WHERE status <> 'resolved'`);
    this.nudgeStmt = db.prepare(`SELECT c.id FROM crises c
      WHERE c.status <> 'resolved' AND c.severity IN ('sev1', 'sev2') AND c.declared_at <= ?
        AND NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.crisis_id = c.id AND r.role = 'spokesperson' AND r.relieved_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM timeline_events t WHERE t.crisis_id = c.id AND t.source_key = 'nudge:spokesperson')`);
    this.reportableStmt = db.prepare('SELECT * FROM crises WHERE is_drill = 0 AND declared_at >= ? ORDER BY declared_at, id');
  }

  insert(crisis: NewCrisis): Crisis {
    const info = this.insertStmt.run({ ...crisis, isPrivate: crisis.isPrivate ? 1 : 0, isDrill: crisis.isDrill ? 1 : 0 });
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): Crisis {
    const crisis = this.find(id);
    if (!crisis) throw new Error(`crisis ${id} not found`);
    return crisis;
  }

  find(id: number): Crisis | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : toCrisis(row);
  }

  byChannel(channelId: string): Crisis | undefined {
    const row = this.byChannelStmt.get(channelId);
    return row === undefined ? undefined : toCrisis(row);
  }

  listOpen(limit = 1000): Crisis[] {
    return this.openStmt.all(limit).map(toCrisis);
  }

  countOpen(): number {
    return CountRow.parse(this.countOpenStmt.get()).n;
  }

  /**
   * The crises a report covers: declared since `sinceIso`, drills left out. Private ones are
   * included, and a report must show them only as "private crisis" with severity and lead.
   */
  reportable(sinceIso: string): Crisis[] {
    return this.reportableStmt.all(sinceIso).map(toCrisis);
  }

  /** Open sev1/sev2 crises declared before `cutoff` with no spokesperson and no nudge yet. */
  needingSpokespersonNudge(cutoff: string): number[] {
    return this.nudgeStmt.all(cutoff).map((row) => IdRow.parse(row).id);
  }

  /** Updates the named columns; `at` is the change time for updated_at. */
  update(id: number, fields: Partial<Pick<Crisis, 'status' | 'severity' | 'resolvedAt' | 'resolutionSummary' | 'cardTs' | 'announceTs'>>, at: string): void {
    const columns: Record<string, string> = {
      status: 'status',
      severity: 'severity',
      resolvedAt: 'resolved_at',
      resolutionSummary: 'resolution_summary',
      cardTs: 'card_ts',
      announceTs: 'announce_ts',
    };
    const keys = Object.keys(fields).filter((k) => k in columns);
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${columns[k]} = @${k}`).join(', ');
    let stmt = this.updateStmts.get(sets);
    if (!stmt) {
      stmt = this.db.prepare(`UPDATE crises SET ${sets}, updated_at = @at WHERE id = @id`);
      this.updateStmts.set(sets, stmt);
    }
    stmt.run({ ...fields, at, id });
  }
}
