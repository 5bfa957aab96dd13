/** Queries on remedies. */
import { z } from 'zod';
import type { Remedy } from './remedies';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({ id: z.number(), crisis_id: z.number(), text: z.string(), added_by: z.string(), added_at: z.string() });

function toRemedy(raw: unknown): Remedy {
  const r = Row.parse(raw);
  return { id: r.id, crisisId: r.crisis_id, text: r.text, addedBy: r.added_by, addedAt: r.added_at };
}

export class RemediesRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare('INSERT INTO remedies (crisis_id, text, added_by, added_at) VALUES (?, ?, ?, ?)');
    this.listStmt = db.prepare('SELECT * FROM remedies WHERE crisis_id = ? ORDER BY id');
  }

  add(crisisId: number, text: string, addedBy: string, addedAt: string): Remedy {
    const id = Number(this.insertStmt.run(crisisId, text, addedBy, addedAt).lastInsertRowid);
    return { id, crisisId, text, addedBy, addedAt };
  }

  list(crisisId: number): Remedy[] {
    return this.listStmt.all(crisisId).map(toRemedy);
  }
}
