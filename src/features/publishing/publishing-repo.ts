/**
 * What customers see of a crisis (migrations/0010_publishing.sql): its public names (versions, the
 * newest current), the status page's entries (the exact text of each statement published there),
 * and the one Statuspage incident and Zendesk macro made for it. The outbox is outbox-repo.ts.
 */
import { z } from 'zod';
import { PUBLIC_STATES, type PublicState } from './status-page-model';
import type { StoreDb } from '../../store/store-db';

const EntryRow = z.object({
  crisis_id: z.number(),
  statement_id: z.number(),
  body: z.string(),
  published_at: z.string(),
  status: z.enum(PUBLIC_STATES),
  resolved_at: z.string().nullable(),
  crisis_type: z.string(),
  public_name: z.string().nullable(),
});

/** One statement on the status page with what the page shows of its crisis. */
export interface PageEntry {
  crisisId: number;
  statementId: number;
  body: string;
  publishedAt: string;
  state: PublicState;
  resolvedAt: string | null;
  crisisType: string;
  /** The crisis's newest public name; null while the playbook's stands. */
  publicName: string | null;
}

export class PublishingRepo {
  private readonly insertNameStmt;
  private readonly nameStmt;
  private readonly insertEntryStmt;
  private readonly entriesStmt;
  private readonly incidentStmt;
  private readonly setIncidentStmt;
  private readonly incidentResolvedStmt;
  private readonly macroStmt;
  private readonly setMacroStmt;
  private readonly macroDeactivatedStmt;

  constructor(db: StoreDb) {
    this.insertNameStmt = db.prepare('INSERT INTO crisis_public_names (crisis_id, public_name, set_by, set_at) VALUES (?, ?, ?, ?)');
    this.nameStmt = db.prepare('SELECT public_name FROM crisis_public_names WHERE crisis_id = ? ORDER BY id DESC LIMIT 1').pluck();
    this.insertEntryStmt = db.prepare('INSERT OR IGNORE INTO status_page_entries (statement_id, crisis_id, body, published_at) VALUES (?, ?, ?, ?)');
    // Every entry of a crisis that is not a drill, open or resolved since `since`, with its newest public name.
    this.entriesStmt = db.prepare(`SELECT e.crisis_id, e.statement_id, e.body, e.published_at, c.status, c.resolved_at, c.crisis_type,
        (SELECT n.public_name FROM crisis_public_names n WHERE n.crisis_id = c.id ORDER BY n.id DESC LIMIT 1) AS public_name
      FROM status_page_entries e JOIN crises c ON c.id = e.crisis_id
      WHERE c.is_drill = 0 AND (c.status <> 'resolved' OR c.resolved_at >= ?)
      ORDER BY e.crisis_id, e.published_at, e.statement_id`);
    this.incidentStmt = db.prepare('SELECT incident_id FROM statuspage_incidents WHERE crisis_id = ?').pluck();
    this.setIncidentStmt = db.prepare(`INSERT INTO statuspage_incidents (crisis_id, incident_id, created_at) VALUES (?, ?, ?)
      ON CONFLICT (crisis_id) DO UPDATE SET incident_id = excluded.incident_id, resolved_at = NULL`);
    this.incidentResolvedStmt = db.prepare('UPDATE statuspage_incidents SET resolved_at = ? WHERE crisis_id = ?');
    this.macroStmt = db.prepare('SELECT macro_id FROM zendesk_macros WHERE crisis_id = ?').pluck();
    this.setMacroStmt = db.prepare(`INSERT INTO zendesk_macros (crisis_id, macro_id, created_at) VALUES (?, ?, ?)
      ON CONFLICT (crisis_id) DO UPDATE SET macro_id = excluded.macro_id, deactivated_at = NULL`);
    this.macroDeactivatedStmt = db.prepare('UPDATE zendesk_macros SET deactivated_at = ? WHERE crisis_id = ?');
  }

  setPublicName(crisisId: number, name: string, by: string | null, at: string): void {
    this.insertNameStmt.run(crisisId, name, by, at);
  }

  /** The newest public name set for the crisis; undefined while its playbook's stands. */
  publicName(crisisId: number): string | undefined {
    const name = this.nameStmt.get(crisisId);
    return typeof name === 'string' ? name : undefined;
  }

  addPageEntry(statementId: number, crisisId: number, body: string, at: string): void {
    this.insertEntryStmt.run(statementId, crisisId, body, at);
  }

  pageEntries(resolvedSince: string): PageEntry[] {
    return this.entriesStmt.all(resolvedSince).map((raw) => {
      const r = EntryRow.parse(raw);
      return { crisisId: r.crisis_id, statementId: r.statement_id, body: r.body, publishedAt: r.published_at, state: r.status, resolvedAt: r.resolved_at, crisisType: r.crisis_type, publicName: r.public_name };
    });
  }

  incidentOf(crisisId: number): string | null {
    const id = this.incidentStmt.get(crisisId);
    return typeof id === 'string' ? id : null;
  }

  setIncident(crisisId: number, incidentId: string, at: string): void {
    this.setIncidentStmt.run(crisisId, incidentId, at);
  }

  incidentResolved(crisisId: number, at: string): void {
    this.incidentResolvedStmt.run(at, crisisId);
  }

  macroOf(crisisId: number): string | null {
    const id = this.macroStmt.get(crisisId);
    return typeof id === 'string' ? id : null;
  }

  setMacro(crisisId: number, macroId: string, at: string): void {
    this.setMacroStmt.run(crisisId, macroId, at);
  }

  macroDeactivated(crisisId: number, at: string): void {
    this.macroDeactivatedStmt.run(at, crisisId);
  }
}
