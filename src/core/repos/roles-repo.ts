/** Queries on role_assignments and their checklist_items. */
import { z } from 'zod';
import { ROLES, type ChecklistItem, type Role, type RoleAssignment } from '../roles';

export type { ChecklistItem };
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  role: z.enum(ROLES),
  user_id: z.string(),
  assigned_by: z.string(),
  assigned_at: z.string(),
  relieved_at: z.string().nullable(),
  relieved_by: z.string().nullable(),
  dm_channel_id: z.string().nullable(),
  dm_ts: z.string().nullable(),
});

export interface StoredAssignment extends RoleAssignment {
  dmChannelId: string | null;
  dmTs: string | null;
}

export function toAssignment(raw: unknown): StoredAssignment {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    role: r.role,
    userId: r.user_id,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at,
    relievedAt: r.relieved_at,
    relievedBy: r.relieved_by,
    dmChannelId: r.dm_channel_id,
    dmTs: r.dm_ts,
  };
}

const ItemRow = z.object({
  assignment_id: z.number(),
  item_index: z.number(),
  item_text: z.string(),
  done_at: z.string().nullable(),
  done_by: z.string().nullable(),
});

export function toItem(raw: unknown): ChecklistItem {
  const r = ItemRow.parse(raw);
  return { assignmentId: r.assignment_id, index: r.item_index, text: r.item_text, doneAt: r.done_at, doneBy: r.done_by };
}

export class RolesRepo {
  private readonly insertStmt;
  private readonly relieveStmt;
  private readonly activeStmt;
  private readonly activeOfOpenStmt;
  private readonly historyStmt;
  private readonly byIdStmt;
  private readonly setDmStmt;
  private readonly insertItemStmt;
  private readonly itemsStmt;
  private readonly itemsForCrisisStmt;
  private readonly setItemStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO role_assignments (crisis_id, role, user_id, assigned_by, assigned_at)
      VALUES (?, ?, ?, ?, ?)`);
    this.relieveStmt = db.prepare('UPDATE role_assignments SET relieved_at = ?, relieved_by = ? WHERE id = ? AND relieved_at IS NULL');
    this.activeStmt = db.prepare('SELECT * FROM role_assignments WHERE crisis_id = ? AND relieved_at IS NULL ORDER BY assigned_at, id');
    this.activeOfOpenStmt = db.prepare(`SELECT ra.* FROM role_assignments ra
      JOIN (SELECT id FROM crises WHERE status <> 'resolved' ORDER BY declared_at, id LIMIT ?) c ON c.id = ra.crisis_id
      WHERE ra.relieved_at IS NULL ORDER BY ra.assigned_at, ra.id`);
    this.historyStmt = db.prepare('SELECT * FROM role_assignments WHERE crisis_id = ? ORDER BY assigned_at, id');
    this.byIdStmt = db.prepare('SELECT * FROM role_assignments WHERE id = ?');
    this.setDmStmt = db.prepare('UPDATE role_assignments SET dm_channel_id = ?, dm_ts = ? WHERE id = ?');
    this.insertItemStmt = db.prepare('INSERT INTO checklist_items (assignment_id, item_index, item_text) VALUES (?, ?, ?)');
    this.itemsStmt = db.prepare('SELECT * FROM checklist_items WHERE assignment_id = ? ORDER BY item_index');
    this.itemsForCrisisStmt = db.prepare(`SELECT ci.* FROM checklist_items ci
      JOIN role_assignments ra ON ra.id = ci.assignment_id WHERE ra.crisis_id = ? ORDER BY ci.assignment_id, ci.item_index`);
    this.setItemStmt = db.prepare('UPDATE checklist_items SET done_at = ?, done_by = ? WHERE assignment_id = ? AND item_index = ?');
  }

  insert(crisisId: number, role: Role, userId: string, assignedBy: string, at: string, checklist: readonly string[]): StoredAssignment {
    const id = Number(this.insertStmt.run(crisisId, role, userId, assignedBy, at).lastInsertRowid);
    checklist.forEach((text, index) => this.insertItemStmt.run(id, index, text));
    return this.get(id);
  }

  get(id: number): StoredAssignment {
    const row = this.byIdStmt.get(id);
    if (row === undefined) throw new Error(`assignment ${id} not found`);
    return toAssignment(row);
  }

  find(id: number): StoredAssignment | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : toAssignment(row);
  }

  relieve(id: number, by: string, at: string): boolean {
    return this.relieveStmt.run(at, by, id).changes === 1;
  }

  active(crisisId: number): StoredAssignment[] {
    return this.activeStmt.all(crisisId).map(toAssignment);
  }

  /** Current holdings of the `limit` oldest open crises (as CrisesRepo.listOpen orders them), in one query. */
  activeOfOpen(limit: number): StoredAssignment[] {
    return this.activeOfOpenStmt.all(limit).map(toAssignment);
  }

  history(crisisId: number): StoredAssignment[] {
    return this.historyStmt.all(crisisId).map(toAssignment);
  }

  setDm(id: number, channelId: string, ts: string): void {
    this.setDmStmt.run(channelId, ts, id);
  }

  checklist(assignmentId: number): ChecklistItem[] {
    return this.itemsStmt.all(assignmentId).map(toItem);
  }

  checklistsForCrisis(crisisId: number): ChecklistItem[] {
    return this.itemsForCrisisStmt.all(crisisId).map(toItem);
  }

  setItemDone(assignmentId: number, index: number, done: boolean, by: string, at: string): void {
    this.setItemStmt.run(done ? at : null, done ? by : null, assignmentId, index);
  }
}
