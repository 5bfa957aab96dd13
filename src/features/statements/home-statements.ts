/**
 * The statements a person's App Home lists: drafts waiting for their approval and the promises they
 * owe, read from the statement service and named as people name them (`S3`).
 */
import type { DraftAwaitingApproval, PromiseOwed, StatementsView } from '../../core/people-ports';
import type { HomeStatement, StatementService } from './statement-service';
import { cutText } from '../../core/text';

/** The first words of a draft, enough to recognise it; the view shortens it further. */
const EXCERPT_LENGTH = 200;

function draftOf({ crisisId, statement }: HomeStatement): DraftAwaitingApproval {
  return { crisisId, ref: `S${statement.number}`, authorId: statement.authorId, excerpt: cutText(statement.text, EXCERPT_LENGTH, ''), createdAt: statement.createdAt };
}

function promiseOf({ crisisId, statement }: HomeStatement): PromiseOwed | undefined {
  return statement.promiseDueAt === null ? undefined : { crisisId, ref: `S${statement.number}`, dueAt: statement.promiseDueAt };
}

export function statementsForHome(statements: Pick<StatementService, 'draftsAwaitingApproval' | 'promisesOwedBy'>): StatementsView {
  return {
    draftsAwaitingApproval: (userId) => statements.draftsAwaitingApproval(userId).map(draftOf),
    promisesOwedBy: (userId) => statements.promisesOwedBy(userId).flatMap((s) => promiseOf(s) ?? []),
  };
}
