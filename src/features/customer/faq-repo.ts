/** Queries on faq_entries and faq_messages (the one pinned FAQ message per crisis). */
import { z } from 'zod';
import type { FaqEntry, FaqOrigin, FaqState } from './faq';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  number: z.number(),
  question: z.string(),
  answer: z.string(),
  origin: z.enum(['playbook', 'proposed']),
  state: z.enum(['proposed', 'approved']),
  proposed_by: z.string().nullable(),
  proposed_at: z.string(),
  approved_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  proposal_channel_id: z.string().nullable(),
  proposal_ts: z.string().nullable(),
});

function toEntry(raw: unknown): FaqEntry {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    number: r.number,
    question: r.question,
    answer: r.answer,
    origin: r.origin,
    state: r.state,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    proposalChannelId: r.proposal_channel_id,
    proposalTs: r.proposal_ts,
  };
}

const MessageRow = z.object({
  crisis_id: z.number(),
  started_at: z.string(),
  channel_id: z.string().nullable(),
  ts: z.string().nullable(),
  posted_at: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const NextRow = z.object({ next: z.number() });
const StateCountRow = z.object({ state: z.enum(['proposed', 'approved']), n: z.number() });

export interface FaqMessageState {
  crisisId: number;
  startedAt: string;
  channelId: string | null;
  ts: string | null;
}

export interface NewFaqEntry {
  question: string;
  answer: string;
  origin: FaqOrigin;
  state: FaqState;
  proposedBy: string | null;
  at: string;
}

export class FaqRepo {
  private readonly insertStmt;
  private readonly nextStmt;
  private readonly byNumberStmt;
  private readonly byIdStmt;
  private readonly listStmt;
  private readonly countsStmt;
  private readonly approveStmt;
  private readonly setProposalStmt;
  private readonly messageStmt;
  private readonly startStmt;
  private readonly setMessageStmt;
  private readonly touchMessageStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO faq_entries (crisis_id, number, question, answer, origin, state, proposed_by, proposed_at, approved_at)
      VALUES (@crisisId, @number, @question, @answer, @origin, @state, @proposedBy, @at, CASE WHEN @state = 'approved' THEN @at END)`);
    this.nextStmt = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM faq_entries WHERE crisis_id = ?');
    this.byNumberStmt = db.prepare('SELECT * FROM faq_entries WHERE crisis_id = ? AND number = ?');
    this.byIdStmt = db.prepare('SELECT * FROM faq_entries WHERE id = ?');
    this.listStmt = db.prepare('SELECT * FROM faq_entries WHERE crisis_id = ? ORDER BY number');
    this.countsStmt = db.prepare('SELECT state, COUNT(*) AS n FROM faq_entries WHERE crisis_id = ? GROUP BY state');
    this.approveStmt = db.prepare(`UPDATE faq_entries SET state = 'approved', approved_by = ?, approved_at = ? WHERE id = ? AND state = 'proposed'`);
    this.setProposalStmt = db.prepare('UPDATE faq_entries SET proposal_channel_id = ?, proposal_ts = ? WHERE id = ?');
    this.messageStmt = db.prepare('SELECT * FROM faq_messages WHERE crisis_id = ?');
    this.startStmt = db.prepare('INSERT OR IGNORE INTO faq_messages (crisis_id, started_at) VALUES (?, ?)');
    this.setMessageStmt = db.prepare('UPDATE faq_messages SET channel_id = ?, ts = ?, posted_at = ?, updated_at = ? WHERE crisis_id = ?');
    this.touchMessageStmt = db.prepare('UPDATE faq_messages SET updated_at = ? WHERE crisis_id = ?');
  }

  /** Adds an entry with the crisis's next number (call inside a transaction). */
  add(crisisId: number, entry: NewFaqEntry): FaqEntry {
    const number = NextRow.parse(this.nextStmt.get(crisisId)).next;
    const id = Number(this.insertStmt.run({ crisisId, number, ...entry }).lastInsertRowid);
    return this.get(id);
  }

  get(id: number): FaqEntry {
    const row = this.byIdStmt.get(id);
    if (row === undefined) throw new Error(`faq entry ${id} not found`);
    return toEntry(row);
  }

  byNumber(crisisId: number, number: number): FaqEntry | undefined {
    const row = this.byNumberStmt.get(crisisId, number);
    return row === undefined ? undefined : toEntry(row);
  }

  list(crisisId: number): FaqEntry[] {
    return this.listStmt.all(crisisId).map(toEntry);
  }

  counts(crisisId: number): Record<FaqState, number> {
    const counts: Record<FaqState, number> = { proposed: 0, approved: 0 };
    for (const row of this.countsStmt.all(crisisId)) {
      const r = StateCountRow.parse(row);
      counts[r.state] = r.n;
    }
    return counts;
  }

  /** False when the entry was no longer proposed (approved meanwhile). */
  approve(id: number, by: string, at: string): boolean {
    return this.approveStmt.run(by, at, id).changes === 1;
  }

  setProposal(id: number, channelId: string, ts: string): void {
    this.setProposalStmt.run(channelId, ts, id);
  }

  message(crisisId: number): FaqMessageState | undefined {
    const row = this.messageStmt.get(crisisId);
    if (row === undefined) return undefined;
    const r = MessageRow.parse(row);
    return { crisisId: r.crisis_id, startedAt: r.started_at, channelId: r.channel_id, ts: r.ts };
  }

  /** Marks the FAQ started; false when it already was (so seeding happens once). */
  start(crisisId: number, at: string): boolean {
    return this.startStmt.run(crisisId, at).changes === 1;
  }

  setMessage(crisisId: number, channelId: string, ts: string, at: string): void {
    this.setMessageStmt.run(channelId, ts, at, at, crisisId);
  }

  touchMessage(crisisId: number, at: string): void {
    this.touchMessageStmt.run(at, crisisId);
  }
}
