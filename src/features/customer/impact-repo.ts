/**
 * Queries on impact_versions, and the current impact on the crises row (what the card and the
 * debrief summary read). A new version and the current value are written together by the service.
 */
import { z } from 'zod';
import type { ImpactVersion, ImpactVia } from './impact';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  impact: z.string(),
  changed_by: z.string(),
  changed_at: z.string(),
  via: z.enum(['declared', 'command', 'modal']),
});

function toVersion(raw: unknown): ImpactVersion {
  const r = Row.parse(raw);
  return { id: r.id, crisisId: r.crisis_id, impact: r.impact, changedBy: r.changed_by, changedAt: r.changed_at, via: r.via };
}

const CountRow = z.object({ n: z.number() });

export class ImpactRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly latestStmt;
  private readonly countStmt;
  private readonly setCurrentStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare('INSERT INTO impact_versions (crisis_id, impact, changed_by, changed_at, via) VALUES (?, ?, ?, ?, ?)');
    this.listStmt = db.prepare('SELECT * FROM impact_versions WHERE crisis_id = ? ORDER BY id');
    this.latestStmt = db.prepare('SELECT * FROM impact_versions WHERE crisis_id = ? ORDER BY id DESC LIMIT 1');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM impact_versions WHERE crisis_id = ?');
    this.setCurrentStmt = db.prepare('UPDATE crises SET customer_impact = ?, updated_at = ? WHERE id = ?');
  }

  add(crisisId: number, impact: string, changedBy: string, changedAt: string, via: ImpactVia): ImpactVersion {
    const id = Number(this.insertStmt.run(crisisId, impact, changedBy, changedAt, via).lastInsertRowid);
    return { id, crisisId, impact, changedBy, changedAt, via };
  }

  /** Sets crises.customer_impact, the current value everything else reads. */
  setCurrent(crisisId: number, impact: string, at: string): void {
    this.setCurrentStmt.run(impact, at, crisisId);
  }

  list(crisisId: number): ImpactVersion[] {
    return this.listStmt.all(crisisId).map(toVersion);
  }

  latest(crisisId: number): ImpactVersion | undefined {
    const row = this.latestStmt.get(crisisId);
    return row === undefined ? undefined : toVersion(row);
  }

  count(crisisId: number): number {
    return CountRow.parse(this.countStmt.get(crisisId)).n;
  }
}
