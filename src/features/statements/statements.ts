/**
 * Customer-facing statements, one voice: a statement is drafted (by hand or from a playbook
 * template), reviewed by legal, and published by the spokesperson; each published one promises
 * when the next comes. This module holds the life cycle, who may do what, and the promise rules.
 * Pure: the services read the holders and the clock and pass them in.
 */
import type { Audience } from '../../core/playbook';
import { CrisisError } from '../../core/errors';
import type { FilledWords } from './filled-words';
import type { Role } from '../../core/roles';
import { people, person } from '../../core/words';

export const STATEMENT_STATES = ['draft', 'changes_requested', 'approved', 'published'] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

export const STATEMENT_STATE_LABELS: Record<StatementState, string> = {
  draft: 'draft',
  changes_requested: 'changes requested',
  approved: 'approved',
  published: 'published',
};

/** In what capacity a statement was approved; `template` is a pre-approved template left unedited. */
export const APPROVED_AS = ['legal', 'admin', 'lead', 'template'] as const;
export type ApprovedAs = (typeof APPROVED_AS)[number];

/** `ended`: the crisis was resolved before the promise was due. */
export const PROMISE_STATES = ['none', 'pending', 'kept', 'broken', 'ended'] as const;
export type PromiseState = (typeof PROMISE_STATES)[number];

/** How soon and how late the next statement may be promised: the bounds of the update cadence. */
export const MIN_NEXT_MINUTES = 1;
export const MAX_NEXT_MINUTES = 24 * 60;
/** The spokesperson is reminded this long before a promised statement is due (halfway through a shorter promise). */
export const PROMISE_REMINDER_MINUTES = 10;
/** Where a statement went (`publish S3 status page`), at most this long. */
export const MAX_WHERE_LENGTH = 100;
/** A change request's comment: what the author reads in a DM. */
export const MAX_COMMENT_LENGTH = 1000;

export interface Statement {
  id: number;
  crisisId: number;
  /** S<n> within its crisis. */
  number: number;
  text: string;
  audience: Audience;
  templateId: string | null;
  /** The unedited text of a pre-approved template. */
  preApproved: boolean;
  state: StatementState;
  authorId: string;
  createdAt: string;
  /** Minutes after publishing the next statement is promised; null: the crisis's cadence then. */
  nextMinutes: number | null;
  /** The time the text itself promises (a filled `{next_update}`), and the words that say it. */
  statedDueAt: string | null;
  statedDueText: string | null;
  editedBy: string | null;
  editedAt: string | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  approvedAs: ApprovedAs | null;
  publishedBy: string | null;
  publishedAt: string | null;
  publishedTo: string | null;
  promiseDueAt: string | null;
  promiseState: PromiseState;
  promiseSettledAt: string | null;
  /** The statement whose publication kept this one's promise. */
  keptBy: number | null;
  /** Its message in the crisis channel. */
  messageTs: string | null;
  /** Free text a template filled in that legal had not approved in this crisis (see filled-words.ts); highlighted for review. */
  unseenWords: readonly FilledWords[];
}

export function label(statement: Pick<Statement, 'number'>): string {
  return `S${statement.number}`;
}

/** Promise alerts of one statement share a subject, so a catch-up sends only the latest. */
export function promiseSubject(number: number): string {
  return `promise:S${number}`;
}

/** The lead's DM about a broken promise is an alert of its own subject: sent beside the channel's, not instead. */
export function promiseDmSubject(number: number): string {
  return `promise-dm:S${number}`;
}

type Holders = Readonly<Record<Role, readonly string[]>>;

const mentions = (ids: readonly string[]): string => people(ids);

/**
 * In what capacity `userId` may approve or send back statements: the legal holder, a crisis admin,
 * or the lead while there is no legal holder, unless the playbook requires legal (then never the
 * lead). Undefined when they may not.
 */
export function reviewerCapacity(holders: Holders, admins: readonly string[], userId: string, legalRequired = false): Exclude<ApprovedAs, 'template'> | undefined {
  if (holders.legal.includes(userId)) return 'legal';
  if (admins.includes(userId)) return 'admin';
  if (!legalRequired && holders.legal.length === 0 && holders.lead.includes(userId)) return 'lead';
  return undefined;
}

/** The refusal for someone who may not review, saying who may. */
export function reviewRefusal(holders: Holders, admins: readonly string[], what: string, legalRequired = false): CrisisError {
  const admin = admins.length ? ' or a crisis admin' : '';
  if (holders.legal.length > 0) {
    return new CrisisError('forbidden', `Only legal (${mentions(holders.legal)})${admin} can ${what}. Nothing changed.`);
  }
  if (legalRequired) {
    return new CrisisError(
      'forbidden',
      `Only legal${admin} can ${what}: this crisis type's playbook requires legal, so the lead does not stand in. This crisis has no legal holder; \`/crisis assign @person legal\` names one. Nothing changed.`,
    );
  }
  const lead = holders.lead.length ? `, so the lead (${mentions(holders.lead)}) may` : ' and no lead';
  return new CrisisError(
    'forbidden',
    `Only legal${admin} can ${what}. This crisis has no legal holder${lead}; \`/crisis assign @person legal\` names one. Nothing changed.`,
  );
}

/** The people whose words a statement holds: its author and whoever last edited it. */
export function writersOf(statement: Pick<Statement, 'authorId' | 'editedBy'>): string[] {
  return [...new Set([statement.authorId, ...(statement.editedBy ? [statement.editedBy] : [])])];
}

/**
 * Who may approve a statement other than the people who wrote it: legal holders, the lead standing
 * in (no legal holder, and the playbook does not require legal), and whether a crisis admin may.
 */
export function otherReviewers(statement: Pick<Statement, 'authorId' | 'editedBy'>, holders: Holders, admins: readonly string[], legalRequired: boolean): { legal: string[]; lead: string[]; admins: string[] } {
  const writers = writersOf(statement);
  const others = (ids: readonly string[]): string[] => ids.filter((id) => !writers.includes(id));
  const leadStandsIn = !legalRequired && holders.legal.length === 0;
  return { legal: others(holders.legal), lead: leadStandsIn ? others(holders.lead) : [], admins: others(admins) };
}

/**
 * Nobody approves words they wrote (the author, or the last to edit them), the lead standing in
 * for legal included: the statement then waits for someone else. The refusal says who may.
 */
export function ownWordsBlocker(
  statement: Pick<Statement, 'number' | 'authorId' | 'editedBy'>,
  holders: Holders,
  admins: readonly string[],
  legalRequired: boolean,
  userId: string,
): CrisisError | undefined {
  if (!writersOf(statement).includes(userId)) return undefined;
  const s = `S${statement.number}`;
  const wrote = statement.authorId === userId ? `You drafted ${s}` : `You edited ${s}`;
  const others = otherReviewers(statement, holders, admins, legalRequired);
  const who = [
    ...(others.legal.length ? [`legal (${mentions(others.legal)})`] : []),
    ...(holders.legal.length === 0 ? ['a legal holder (`/crisis assign @person legal` names one)'] : []),
    ...(others.lead.length ? [`the lead (${mentions(others.lead)}), standing in while there is no legal holder`] : []),
    ...(others.admins.length ? ['a crisis admin'] : []),
  ];
  const waits = who.length
    ? `It waits for ${who.join(' or ')}.`
    : 'Nobody else may approve it now: hand the legal role to someone else (`/crisis handover @person legal`), and they can.';
  const standingIn = !legalRequired && holders.legal.length === 0 && holders.lead.includes(userId) ? ', not even the lead standing in for legal' : '';
  return new CrisisError('forbidden', `${wrote}, and nobody approves their own words${standingIn}. ${waits} Nothing changed.`);
}

/** Only the spokesperson publishes; while there is none, the lead. */
export function mayPublish(holders: Holders, userId: string): boolean {
  return holders.spokesperson.length > 0 ? holders.spokesperson.includes(userId) : holders.lead.includes(userId);
}

export function publishRefusal(holders: Holders): CrisisError {
  if (holders.spokesperson.length > 0) {
    return new CrisisError('forbidden', `Only the spokesperson (${mentions(holders.spokesperson)}) publishes statements: customers hear one voice. Ask them. Nothing changed.`);
  }
  const lead = holders.lead.length ? `the lead (${mentions(holders.lead)}) publishes` : 'nobody can publish until someone is lead or spokesperson';
  return new CrisisError('forbidden', `Only the spokesperson publishes statements; this crisis has none, so ${lead}. \`/crisis assign @person spokesperson\` names one. Nothing changed.`);
}

/** The author, the spokesperson and the lead may edit a statement that is not yet published. */
export function mayEdit(statement: Pick<Statement, 'authorId'>, holders: Holders, userId: string): boolean {
  return statement.authorId === userId || holders.spokesperson.includes(userId) || holders.lead.includes(userId);
}

export function editRefusal(statement: Pick<Statement, 'authorId' | 'number'>, holders: Holders): CrisisError {
  const who = [...new Set([statement.authorId, ...holders.spokesperson, ...holders.lead])];
  return new CrisisError('forbidden', `Only S${statement.number}'s author, the spokesperson or the lead can edit it (${mentions(who)}). Nothing changed.`);
}

/** Why a statement in `state` cannot be approved, or undefined when it can. */
export function approveBlocker(statement: Pick<Statement, 'number' | 'state' | 'authorId' | 'reviewedBy'>): CrisisError | undefined {
  const s = `S${statement.number}`;
  switch (statement.state) {
    case 'draft':
      return undefined;
    case 'approved':
      return new CrisisError('already_done', `${s} is already approved. Nothing changed.`);
    case 'published':
      return new CrisisError('conflict', `${s} is already published, and a published statement is never changed. To say something else, draft a new statement. Nothing changed.`);
    case 'changes_requested':
      return new CrisisError(
        'conflict',
        `${s} was sent back for changes${statement.reviewedBy ? ` by ${person(statement.reviewedBy)}` : ''}; once ${person(statement.authorId)} edits it, it comes back for review. Nothing changed.`,
      );
  }
}

/** Why a statement cannot be sent back for changes now, or undefined. */
export function changesBlocker(statement: Pick<Statement, 'number' | 'state' | 'authorId'>): CrisisError | undefined {
  const s = `S${statement.number}`;
  switch (statement.state) {
    case 'draft':
    case 'approved':
      return undefined;
    case 'changes_requested':
      return new CrisisError('already_done', `${s} is already waiting for changes from ${person(statement.authorId)}. Nothing changed.`);
    case 'published':
      return new CrisisError('conflict', `${s} is already published, and a published statement is never changed. A correction is a new statement. Nothing changed.`);
  }
}

/** Why a statement cannot be published now, or undefined. */
export function publishBlocker(statement: Pick<Statement, 'number' | 'state' | 'authorId' | 'publishedAt' | 'publishedTo'>): CrisisError | undefined {
  const s = `S${statement.number}`;
  switch (statement.state) {
    case 'approved':
      return undefined;
    case 'draft':
      return new CrisisError('conflict', `${s} is a draft that legal has not approved yet; only an approved statement is published. \`/crisis approve ${s}\` once it is cleared. Nothing changed.`);
    case 'changes_requested':
      return new CrisisError('conflict', `${s} was sent back for changes; it must be edited by ${person(statement.authorId)} and approved before it is published. Nothing changed.`);
    case 'published':
      return new CrisisError('already_done', `${s} was already published${statement.publishedTo ? ` (${statement.publishedTo})` : ''}. Nothing changed.`);
  }
}

/** Why a statement cannot be edited now, or undefined. Published statements are frozen. */
export function editBlocker(statement: Pick<Statement, 'number' | 'state'>): CrisisError | undefined {
  if (statement.state !== 'published') return undefined;
  return new CrisisError('conflict', `S${statement.number} is published, and a published statement is never edited: a correction is a new statement (\`/crisis statement\` with the corrected words). Nothing changed.`);
}

/**
 * When a statement published at `publishedAt` promises the next one: the time its text names while
 * the text still says it, else `nextMinutes` (or the cadence) after publishing.
 */
export function promiseDueAt(statement: Pick<Statement, 'text' | 'statedDueAt' | 'statedDueText' | 'nextMinutes'>, publishedAt: Date, cadenceMinutes: number): string {
  if (statement.statedDueAt && statement.statedDueText && statement.text.includes(statement.statedDueText)) return statement.statedDueAt;
  return new Date(publishedAt.getTime() + (statement.nextMinutes ?? cadenceMinutes) * 60_000).toISOString();
}

/** The promise's outcome as of `endIso` (resolution, or now for an interim report). */
export type PromiseOutcome = 'kept' | 'broken' | 'open' | 'ended';

export function promiseOutcome(statement: Pick<Statement, 'promiseState' | 'promiseDueAt'>, endIso: string, interim: boolean): PromiseOutcome | undefined {
  switch (statement.promiseState) {
    case 'none':
      return undefined;
    case 'kept':
    case 'broken':
    case 'ended':
      return statement.promiseState;
    case 'pending':
      // Due before the end and never kept: broken, whether or not the alert had gone out.
      if (statement.promiseDueAt !== null && Date.parse(statement.promiseDueAt) <= Date.parse(endIso)) return 'broken';
      return interim ? 'open' : 'ended';
  }
}
