/** Queries on handovers: the note and open items a new holder's checklist DM starts with. */
import { z } from 'zod';
import { storedJson } from '../../store/bad-rows';
import { ROLES, type Role } from '../../core/roles';
import type { StoreDb } from '../../store/store-db';

export interface HandoverRecord {
  id: number;
  crisisId: number;
  /** The new holder's assignment. */
  assignmentId: number;
  role: Role;
  fromUserId: string | null;
  toUserId: string;
  note: string;
  /** The outgoing holder's checklist items not done at the handover. */
  openItems: string[];
  by: string;
  at: string;
}

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  assignment_id: z.number(),
  role: z.enum(ROLES),
  from_user_id: z.string().nullable(),
  to_user_id: z.string(),
  note: z.string(),
  open_items_json: z.string(),
  handed_over_by: z.string(),
  handed_over_at: z.string(),
});

const Items = z.array(z.string());

function items(json: string): string[] {
  return storedJson('handovers.open_items', Items, json, []);
}

function toHandover(raw: unknown): HandoverRecord {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    assignmentId: r.assignment_id,
    role: r.role,
    fromUserId: r.from_user_id,
    toUserId: r.to_user_id,
    note: r.note,
    openItems: items(r.open_items_json),
    by: r.handed_over_by,
    at: r.handed_over_at,
  };
}

export class HandoversRepo {
  private readonly insertStmt;
  private readonly byAssignmentStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO handovers
      (crisis_id, assignment_id, role, from_user_id, to_user_id, note, open_items_json, handed_over_by, handed_over_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.byAssignmentStmt = db.prepare('SELECT * FROM handovers WHERE assignment_id = ?');
  }

  /** Call inside the transaction that records the new holder's assignment. */
  insert(h: Omit<HandoverRecord, 'id'>): HandoverRecord {
    this.insertStmt.run(h.crisisId, h.assignmentId, h.role, h.fromUserId, h.toUserId, h.note, JSON.stringify(h.openItems), h.by, h.at);
    const stored = this.forAssignment(h.assignmentId);
    if (!stored) throw new Error(`handover of assignment ${h.assignmentId} was not stored`);
    return stored;
  }

  forAssignment(assignmentId: number): HandoverRecord | undefined {
    const row = this.byAssignmentStmt.get(assignmentId);
    return row === undefined ? undefined : toHandover(row);
  }
}
