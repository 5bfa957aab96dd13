/** Queries on follow_up_actions and lessons: what the debrief reports beside the timeline. */
import { z } from 'zod';
import type { FollowUpAction, Lessons } from './follow-up';
import type { StoreDb } from '../../store/store-db';

export type { FollowUpAction, Lessons };

const ActionRow = z.object({
  id: z.number(),
  crisis_id: z.number(),
  text: z.string(),
  owner_id: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  done_at: z.string().nullable(),
  done_by: z.string().nullable(),
});

const LessonsRow = z.object({
  id: z.number(),
  crisis_id: z.number(),
  went_well: z.string(),
  went_badly: z.string(),
  root_causes: z.string(),
  plan_changes: z.string(),
  submitted_by: z.string(),
  submitted_at: z.string(),
});

export function toAction(raw: unknown): FollowUpAction {
  const r = ActionRow.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    text: r.text,
    ownerId: r.owner_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    doneAt: r.done_at,
    doneBy: r.done_by,
  };
}

export class FollowUpRepo {
  private readonly insertActionStmt;
  private readonly actionStmt;
  private readonly actionsStmt;
  private readonly setDoneStmt;
  private readonly insertLessonsStmt;
  private readonly lessonsStmt;

  constructor(db: StoreDb) {
    this.insertActionStmt = db.prepare(
      'INSERT INTO follow_up_actions (crisis_id, text, owner_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.actionStmt = db.prepare('SELECT * FROM follow_up_actions WHERE id = ?');
    this.actionsStmt = db.prepare('SELECT * FROM follow_up_actions WHERE crisis_id = ? ORDER BY id');
    this.setDoneStmt = db.prepare('UPDATE follow_up_actions SET done_at = ?, done_by = ? WHERE id = ?');
    this.insertLessonsStmt = db.prepare(`INSERT INTO lessons (crisis_id, went_well, went_badly, root_causes, plan_changes, submitted_by, submitted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.lessonsStmt = db.prepare('SELECT * FROM lessons WHERE crisis_id = ? ORDER BY submitted_at, id');
  }

  addAction(crisisId: number, text: string, ownerId: string | null, createdBy: string, at: string): FollowUpAction {
    const id = Number(this.insertActionStmt.run(crisisId, text, ownerId, createdBy, at).lastInsertRowid);
    return this.action(id) as FollowUpAction;
  }

  action(id: number): FollowUpAction | undefined {
    const row = this.actionStmt.get(id);
    return row === undefined ? undefined : toAction(row);
  }

  actions(crisisId: number): FollowUpAction[] {
    return this.actionsStmt.all(crisisId).map(toAction);
  }

  setActionDone(id: number, done: boolean, by: string, at: string): void {
    this.setDoneStmt.run(done ? at : null, done ? by : null, id);
  }

  addLessons(crisisId: number, lessons: Pick<Lessons, 'wentWell' | 'wentBadly' | 'rootCauses'> & Partial<Pick<Lessons, 'planChanges'>>, by: string, at: string): void {
    this.insertLessonsStmt.run(crisisId, lessons.wentWell, lessons.wentBadly, lessons.rootCauses, lessons.planChanges ?? '', by, at);
  }

  lessons(crisisId: number): Lessons[] {
    return this.lessonsStmt.all(crisisId).map((raw) => {
      const r = LessonsRow.parse(raw);
      return {
        id: r.id,
        crisisId: r.crisis_id,
        wentWell: r.went_well,
        wentBadly: r.went_badly,
        rootCauses: r.root_causes,
        planChanges: r.plan_changes,
        submittedBy: r.submitted_by,
        submittedAt: r.submitted_at,
      };
    });
  }
}
