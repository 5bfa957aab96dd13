/**
 * Queries about one person across every crisis, for their App Home: the roles they hold in open
 * crises with those checklists, and the follow-up actions they own that are still open. Each is one
 * query on an index of 0005_people.sql, however many crises there are.
 */
import { z } from 'zod';
import type { FollowUpAction } from '../record';
import type { StoreDb } from '../../store/store-db';
import { toAction } from '../record';
import { toAssignment, toItem, type ChecklistItem, type StoredAssignment } from '../../core/repos/roles-repo';

const CountRow = z.object({ n: z.number() });

export class PeopleRepo {
  private readonly rolesStmt;
  private readonly itemsStmt;
  private readonly actionsStmt;
  private readonly countActionsStmt;

  constructor(db: StoreDb) {
    this.rolesStmt = db.prepare(`SELECT ra.* FROM role_assignments ra JOIN crises c ON c.id = ra.crisis_id
      WHERE ra.user_id = ? AND ra.relieved_at IS NULL AND c.status <> 'resolved' ORDER BY c.declared_at, c.id, ra.id`);
    this.itemsStmt = db.prepare(`SELECT ci.* FROM checklist_items ci
      JOIN role_assignments ra ON ra.id = ci.assignment_id JOIN crises c ON c.id = ra.crisis_id
      WHERE ra.user_id = ? AND ra.relieved_at IS NULL AND c.status <> 'resolved' ORDER BY ci.assignment_id, ci.item_index`);
    this.actionsStmt = db.prepare('SELECT * FROM follow_up_actions WHERE owner_id = ? AND done_at IS NULL ORDER BY created_at, id LIMIT ?');
    this.countActionsStmt = db.prepare('SELECT COUNT(*) AS n FROM follow_up_actions WHERE owner_id = ? AND done_at IS NULL');
  }

  /** The person's current roles in open crises, oldest crisis first. */
  rolesInOpenCrises(userId: string): StoredAssignment[] {
    return this.rolesStmt.all(userId).map(toAssignment);
  }

  /** The checklist items of those roles, by assignment. */
  checklistsInOpenCrises(userId: string): Map<number, ChecklistItem[]> {
    const out = new Map<number, ChecklistItem[]>();
    for (const item of this.itemsStmt.all(userId).map(toItem)) out.set(item.assignmentId, [...(out.get(item.assignmentId) ?? []), item]);
    return out;
  }

  /** The oldest `limit` open follow-up actions the person owns, in any crisis, and how many there are. */
  openActionsOwnedBy(userId: string, limit: number): { actions: FollowUpAction[]; total: number } {
    return {
      actions: this.actionsStmt.all(userId, limit).map(toAction),
      total: CountRow.parse(this.countActionsStmt.get(userId)).n,
    };
  }
}
