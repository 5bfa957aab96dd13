/**
 * What the crisis card shows about statements: the latest published one, the promise it makes, and
 * how many drafts wait for review, and whether the playbook requires legal (for who a draft waits
 * for). Read with every snapshot (see snapshotOf).
 */
import type { Statement } from './statements';
import type { Store } from '../../core/store';

export interface StatementFacts {
  latest: Pick<Statement, 'number' | 'text' | 'publishedAt' | 'publishedTo' | 'promiseDueAt' | 'promiseState' | 'keptBy'> | null;
  /** Drafts not yet approved (waiting for legal, or sent back). */
  inReview: number;
  /** The playbook requires legal for every statement: the lead never stands in. */
  legalRequired?: boolean;
}

export function statementFacts(store: Pick<Store, 'statements'>, crisisId: number, legalRequired = false): StatementFacts {
  return { latest: store.statements.latestPublished(crisisId) ?? null, inReview: store.statements.countInReview(crisisId), legalRequired };
}
