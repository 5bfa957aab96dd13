/**
 * Queries on statements: one row per statement through its life (draft, review, publication, the
 * promise it makes). State changes are compare-and-set on the state they start from, so a change
 * made meanwhile is never overwritten; the service checks the result and writes the timeline row
 * in the same transaction.
 */
import { z } from 'zod';
import { badStoredRow, storedJson } from '../../store/bad-rows';
import { FREE_TEXT_PLACEHOLDERS, type FilledWords } from './filled-words';
import { AUDIENCES } from '../../core/playbook';
import { APPROVED_AS, PROMISE_STATES, STATEMENT_STATES, type ApprovedAs, type Statement, type StatementState } from './statements';
import type { StoreDb } from '../../store/store-db';

const Row = z.object({
  id: z.number(),
  crisis_id: z.number(),
  number: z.number(),
  text: z.string(),
  // An audience a later playbook format dropped reads as customers rather than losing the row.
  audience: z.enum(AUDIENCES).catch((ctx) => {
    badStoredRow('statements.audience', ctx.error);
    return 'customers' as const;
  }),
  template_id: z.string().nullable(),
  pre_approved: z.number(),
  state: z.enum(STATEMENT_STATES),
  author_id: z.string(),
  created_at: z.string(),
  next_minutes: z.number().nullable(),
  stated_due_at: z.string().nullable(),
  stated_due_text: z.string().nullable(),
  edited_by: z.string().nullable(),
  edited_at: z.string().nullable(),
  review_comment: z.string().nullable(),
  reviewed_by: z.string().nullable(),
  reviewed_at: z.string().nullable(),
  approved_by: z.string().nullable(),
  approved_at: z.string().nullable(),
  approved_as: z.enum(APPROVED_AS).nullable(),
  published_by: z.string().nullable(),
  published_at: z.string().nullable(),
  published_to: z.string().nullable(),
  promise_due_at: z.string().nullable(),
  promise_state: z.enum(PROMISE_STATES),
  promise_settled_at: z.string().nullable(),
  kept_by: z.number().nullable(),
  message_ts: z.string().nullable(),
  unseen_words: z.string(),
});

/** Stored JSON: a row that does not read as filled-in words shows none rather than failing. */
const UnseenWords = z.array(z.object({ placeholder: z.enum(FREE_TEXT_PLACEHOLDERS), text: z.string() }));

function unseenOf(json: string): FilledWords[] {
  return storedJson('statements.unseen_words', UnseenWords, json, []);
}

function toStatement(raw: unknown): Statement {
  const r = Row.parse(raw);
  return {
    id: r.id,
    crisisId: r.crisis_id,
    number: r.number,
    text: r.text,
    audience: r.audience,
    templateId: r.template_id,
    preApproved: r.pre_approved === 1,
    state: r.state,
    authorId: r.author_id,
    createdAt: r.created_at,
    nextMinutes: r.next_minutes,
    statedDueAt: r.stated_due_at,
    statedDueText: r.stated_due_text,
    editedBy: r.edited_by,
    editedAt: r.edited_at,
    reviewComment: r.review_comment,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    approvedAs: r.approved_as,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    publishedTo: r.published_to,
    promiseDueAt: r.promise_due_at,
    promiseState: r.promise_state,
    promiseSettledAt: r.promise_settled_at,
    keptBy: r.kept_by,
    messageTs: r.message_ts,
    unseenWords: unseenOf(r.unseen_words),
  };
}

export interface NewStatement {
  text: string;
  audience: Statement['audience'];
  templateId: string | null;
  preApproved: boolean;
  nextMinutes: number | null;
  statedDueAt: string | null;
  statedDueText: string | null;
  /** Filled-in words legal has not seen (see filled-words.ts); none when left out. */
  unseenWords?: readonly FilledWords[];
  authorId: string;
  createdAt: string;
}

/** A statement with its crisis's channel, for the App Home. */
export interface StatementWithCrisis {
  statement: Statement;
  channelId: string;
  title: string;
  isPrivate: boolean;
}

const NextRow = z.object({ n: z.number() });
const TextRow = z.object({ text: z.string() });
const WithCrisis = z.object({ channel_id: z.string(), crisis_title: z.string(), is_private: z.number() });

function withCrisis(raw: unknown): StatementWithCrisis {
  const c = WithCrisis.parse(raw);
  return { statement: toStatement(raw), channelId: c.channel_id, title: c.crisis_title, isPrivate: c.is_private === 1 };
}

const holds = (role: string, who: string): string =>
  `EXISTS (SELECT 1 FROM role_assignments r WHERE r.crisis_id = s.crisis_id AND r.role = '${role}' AND r.relieved_at IS NULL${who})`;

export class StatementsRepo {
  private readonly insertStmt;
  private readonly nextNumberStmt;
  private readonly byIdStmt;
  private readonly byNumberStmt;
  private readonly listStmt;
  private readonly editStmt;
  private readonly approveStmt;
  private readonly changesStmt;
  private readonly publishStmt;
  private readonly settlePromiseStmt;
  private readonly pendingStmt;
  private readonly latestPublishedStmt;
  private readonly messageStmt;
  private readonly inReviewStmt;
  private readonly endPromisesStmt;
  private readonly awaitingStmt;
  private readonly owedStmt;
  private readonly legalApprovedStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO statements
      (crisis_id, number, text, audience, template_id, pre_approved, next_minutes, stated_due_at, stated_due_text, unseen_words, author_id, created_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft')`);
    this.nextNumberStmt = db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM statements WHERE crisis_id = ?');
    this.byIdStmt = db.prepare('SELECT * FROM statements WHERE id = ?');
    this.byNumberStmt = db.prepare('SELECT * FROM statements WHERE crisis_id = ? AND number = ?');
    this.listStmt = db.prepare('SELECT * FROM statements WHERE crisis_id = ? ORDER BY number');
    // An edit is new words: the approval, and a pre-approved template's standing, are gone.
    this.editStmt = db.prepare(`UPDATE statements SET text = ?, pre_approved = 0, stated_due_at = ?, stated_due_text = ?, unseen_words = ?, edited_by = ?, edited_at = ?,
      state = 'draft', approved_by = NULL, approved_at = NULL, approved_as = NULL WHERE id = ? AND state = ?`);
    this.approveStmt = db.prepare(`UPDATE statements SET state = 'approved', approved_by = ?, approved_at = ?, approved_as = ? WHERE id = ? AND state = 'draft'`);
    this.changesStmt = db.prepare(`UPDATE statements SET state = 'changes_requested', review_comment = ?, reviewed_by = ?, reviewed_at = ?,
      approved_by = NULL, approved_at = NULL, approved_as = NULL WHERE id = ? AND state = ?`);
    this.publishStmt = db.prepare(`UPDATE statements SET state = 'published', published_by = ?, published_at = ?, published_to = ?,
      promise_due_at = ?, promise_state = ? WHERE id = ? AND state = 'approved'`);
    this.settlePromiseStmt = db.prepare(`UPDATE statements SET promise_state = ?, promise_settled_at = ?, kept_by = ? WHERE id = ? AND promise_state = 'pending'`);
    this.pendingStmt = db.prepare(`SELECT * FROM statements WHERE crisis_id = ? AND promise_state = 'pending' ORDER BY number`);
    this.latestPublishedStmt = db.prepare(`SELECT * FROM statements WHERE crisis_id = ? AND state = 'published' ORDER BY published_at DESC, number DESC LIMIT 1`);
    this.messageStmt = db.prepare('UPDATE statements SET message_ts = ? WHERE id = ?');
    this.endPromisesStmt = db.prepare(`UPDATE statements SET promise_state = 'ended', promise_settled_at = @at
      WHERE crisis_id = @crisis AND promise_state = 'pending' AND promise_due_at > @at`);
    // The words legal has approved in a crisis: statements approved by legal or a crisis admin that
    // still stand (approved or published; an edit or a change request took the approval back).
    this.legalApprovedStmt = db.prepare(`SELECT text FROM statements WHERE crisis_id = ? AND state IN ('approved', 'published') AND approved_as IN ('legal', 'admin')`);
    this.inReviewStmt = db.prepare(`SELECT COUNT(*) AS n FROM statements WHERE crisis_id = ? AND state IN ('draft', 'changes_requested')`);
    const crisisColumns = 's.*, c.channel_id AS channel_id, c.title AS crisis_title, c.is_private AS is_private';
    // Drafts a person is the reviewer of: legal holder, or lead where there is no legal holder;
    // never their own words (author or last editor). The playbook's legal_required is the service's.
    this.awaitingStmt = db.prepare(`SELECT ${crisisColumns} FROM statements s JOIN crises c ON c.id = s.crisis_id
      WHERE s.state = 'draft' AND c.status <> 'resolved' AND s.author_id <> @user AND (s.edited_by IS NULL OR s.edited_by <> @user)
        AND (${holds('legal', ' AND r.user_id = @user')} OR (NOT ${holds('legal', '')} AND ${holds('lead', ' AND r.user_id = @user')}))
      ORDER BY s.created_at, s.id LIMIT @limit`);
    // The pending promise of each open crisis's latest published statement, where the person is its
    // voice: the spokesperson, or the lead while there is none.
    this.owedStmt = db.prepare(`SELECT ${crisisColumns} FROM statements s JOIN crises c ON c.id = s.crisis_id
      WHERE s.promise_state = 'pending' AND c.status <> 'resolved'
        AND NOT EXISTS (SELECT 1 FROM statements later WHERE later.crisis_id = s.crisis_id AND later.state = 'published' AND later.number > s.number)
        AND (${holds('spokesperson', ' AND r.user_id = @user')} OR (NOT ${holds('spokesperson', '')} AND ${holds('lead', ' AND r.user_id = @user')}))
      ORDER BY s.promise_due_at, s.id LIMIT @limit`);
  }

  /** Stores a new draft as the crisis's next S<n>. Call inside the change's transaction. */
  insert(crisisId: number, draft: NewStatement): Statement {
    const number = NextRow.parse(this.nextNumberStmt.get(crisisId)).n;
    const info = this.insertStmt.run(
      crisisId,
      number,
      draft.text,
      draft.audience,
      draft.templateId,
      draft.preApproved ? 1 : 0,
      draft.nextMinutes,
      draft.statedDueAt,
      draft.statedDueText,
      JSON.stringify(draft.unseenWords ?? []),
      draft.authorId,
      draft.createdAt,
    );
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): Statement {
    const row = this.byIdStmt.get(id);
    if (row === undefined) throw new Error(`statement ${id} not found`);
    return toStatement(row);
  }

  find(id: number): Statement | undefined {
    const row = this.byIdStmt.get(id);
    return row === undefined ? undefined : toStatement(row);
  }

  byNumber(crisisId: number, number: number): Statement | undefined {
    const row = this.byNumberStmt.get(crisisId, number);
    return row === undefined ? undefined : toStatement(row);
  }

  /** Every statement of a crisis, S1 first. */
  list(crisisId: number): Statement[] {
    return this.listStmt.all(crisisId).map(toStatement);
  }

  /** New words from `from`; back to draft. False when the statement was no longer in `from`. */
  edit(id: number, from: StatementState, text: string, stated: { at: string | null; text: string | null }, unseen: readonly FilledWords[], by: string, at: string): boolean {
    return this.editStmt.run(text, stated.at, stated.text, JSON.stringify(unseen), by, at, id, from).changes === 1;
  }

  /** `by` is null for a pre-approved template. False unless the statement was a draft. */
  approve(id: number, by: string | null, as: ApprovedAs, at: string): boolean {
    return this.approveStmt.run(by, at, as, id).changes === 1;
  }

  requestChanges(id: number, from: StatementState, comment: string, by: string, at: string): boolean {
    return this.changesStmt.run(comment, by, at, id, from).changes === 1;
  }

  /** False unless the statement was approved. `promiseDueAt` null: it promises nothing. */
  publish(id: number, by: string, at: string, where: string, promiseDueAt: string | null): boolean {
    return this.publishStmt.run(by, at, where, promiseDueAt, promiseDueAt === null ? 'none' : 'pending', id).changes === 1;
  }

  /** Settles a pending promise; false when it was already settled. */
  settlePromise(id: number, outcome: 'kept' | 'broken', at: string, keptBy: number | null = null): boolean {
    return this.settlePromiseStmt.run(outcome, at, keptBy, id).changes === 1;
  }

  /**
   * Resolving ends the promises not yet due (their alerts are cancelled in the same transaction).
   * One already due stays pending: it was broken, and its alert says so if it has not yet.
   */
  endPromises(crisisId: number, at: string): number {
    return this.endPromisesStmt.run({ crisis: crisisId, at }).changes;
  }

  pendingPromises(crisisId: number): Statement[] {
    return this.pendingStmt.all(crisisId).map(toStatement);
  }

  latestPublished(crisisId: number): Statement | undefined {
    const row = this.latestPublishedStmt.get(crisisId);
    return row === undefined ? undefined : toStatement(row);
  }

  /** The texts of the crisis's statements that legal (or a crisis admin) approved and that still stand. */
  legalApprovedTexts(crisisId: number): string[] {
    return this.legalApprovedStmt.all(crisisId).map((row) => TextRow.parse(row).text);
  }

  /** Drafts not yet approved: waiting for review, or sent back. */
  countInReview(crisisId: number): number {
    return NextRow.parse(this.inReviewStmt.get(crisisId)).n;
  }

  setMessage(id: number, ts: string): void {
    this.messageStmt.run(ts, id);
  }

  /** Drafts waiting for `userId`'s review in open crises, oldest first. */
  awaitingReviewBy(userId: string, limit = 50): StatementWithCrisis[] {
    return this.awaitingStmt.all({ user: userId, limit }).map(withCrisis);
  }

  /** Pending promises `userId` owes as the voice of an open crisis, soonest due first. */
  promisesOwedBy(userId: string, limit = 50): StatementWithCrisis[] {
    return this.owedStmt.all({ user: userId, limit }).map(withCrisis);
  }
}
