/**
 * The FAQ for support reps: answers numbered `F<n>` per crisis, proposed by anyone and approved by
 * the legal holder or the spokesperson, so every rep gives the same cleared answer. The playbook's
 * entries start it, already approved. Pure.
 */
import { CrisisError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { people } from '../../core/words';

export const MAX_QUESTION_LENGTH = 300;
export const MAX_ANSWER_LENGTH = 2000;

export type FaqState = 'proposed' | 'approved';
export type FaqOrigin = 'playbook' | 'proposed';

export interface FaqEntry {
  id: number;
  crisisId: number;
  number: number;
  question: string;
  answer: string;
  origin: FaqOrigin;
  state: FaqState;
  /** Null for playbook entries. */
  proposedBy: string | null;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  proposalChannelId: string | null;
  proposalTs: string | null;
}

/** A question and answer to start the FAQ from (a playbook's entries). */
export interface FaqSeed {
  question: string;
  answer: string;
}

export function faqLabel(number: number): string {
  return `F${number}`;
}

export function validateFaq(question: string, answer: string): FaqSeed {
  const q = question.trim();
  const a = answer.trim();
  const example = '`/crisis faq add Was I charged twice? | Yes, for orders between 09:00 and 11:00 UTC; the duplicate is refunded automatically.`';
  if (q.length === 0 || a.length === 0) throw new CrisisError('bad_input', `An FAQ entry needs a question and an answer, separated by \`|\`, e.g. ${example}`);
  if (q.length > MAX_QUESTION_LENGTH) throw new CrisisError('bad_input', `The question is ${q.length} characters; keep it to ${MAX_QUESTION_LENGTH} or fewer.`);
  if (a.length > MAX_ANSWER_LENGTH) throw new CrisisError('bad_input', `The answer is ${a.length} characters; keep it to ${MAX_ANSWER_LENGTH} or fewer.`);
  return { question: q, answer: a };
}

export interface FaqApprovers {
  /** Who may approve: legal and spokesperson holders, or the lead while neither role is filled. */
  holders: string[];
  /** True when the lead stands in because there is no legal holder and no spokesperson. */
  leadStandsIn: boolean;
}

/** `legalRequired`: the playbook requires legal, and the lead never stands in for it. */
export function faqApprovers(roleHolders: Record<Role, string[]>, legalRequired = false): FaqApprovers {
  const holders = [...new Set([...roleHolders.legal, ...roleHolders.spokesperson])];
  if (holders.length > 0 || legalRequired) return { holders, leadStandsIn: false };
  return { holders: [...roleHolders.lead], leadStandsIn: true };
}

/** Who may approve an answer, and whether the lead may stand in; and who proposed it (null: the playbook's). */
export interface FaqReview {
  legalRequired?: boolean;
  proposedBy?: string | null;
}

/**
 * Throws a CrisisError naming who may approve when `userId` may not: someone without the role, or
 * the person who proposed the answer (nobody approves their own words, the lead standing in
 * included). Returns how the approval is to be recorded: by a role holder, by the lead standing
 * in, or by a crisis admin.
 */
export function assertCanApproveFaq(roleHolders: Record<Role, string[]>, admins: readonly string[], userId: string, label: string, review: FaqReview = {}): 'holder' | 'lead' | 'admin' {
  const approvers = faqApprovers(roleHolders, review.legalRequired);
  const as = approvers.holders.includes(userId) ? (approvers.leadStandsIn ? 'lead' : 'holder') : admins.includes(userId) ? 'admin' : undefined;
  if (as && review.proposedBy === userId) throw ownAnswerRefusal(approvers, admins, userId, label);
  if (as) return as;
  const names = people(approvers.holders);
  const who = `the legal holder or the spokesperson${admins.length ? ' (or a crisis admin)' : ''}`;
  const ask = names ? ` Ask ${names}.` : '';
  const standIn = approvers.leadStandsIn
    ? '; neither role is filled, so the lead stands in'
    : review.legalRequired && approvers.holders.length === 0
      ? "; this crisis type's playbook requires legal, so the lead does not stand in (`/crisis assign @person legal`)"
      : '';
  throw new CrisisError('forbidden', `Only ${who} can approve ${label}${standIn}.${ask} Nothing changed.`);
}

function ownAnswerRefusal(approvers: FaqApprovers, admins: readonly string[], userId: string, label: string): CrisisError {
  const others = approvers.leadStandsIn ? [] : approvers.holders.filter((id) => id !== userId);
  const who = [
    ...(others.length ? [`legal or the spokesperson (${people(others)})`] : ['legal or the spokesperson once assigned (`/crisis assign @person legal`)']),
    ...(admins.some((id) => id !== userId) ? ['a crisis admin'] : []),
  ];
  const standingIn = approvers.leadStandsIn ? ', not even the lead standing in' : '';
  return new CrisisError('forbidden', `You proposed ${label}, and nobody approves their own words${standingIn}. It waits for ${who.join(' or ')}. Nothing changed.`);
}
