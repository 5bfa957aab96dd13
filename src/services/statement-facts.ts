/**
 * What the crisis card shows about statements: the latest published one, the promise it makes, and
 * how many drafts wait for review. Read with every snapshot (see snapshotOf).
 */
import type { Statement } from '../domain/statements';
import type { Store } from '../store/store';

export interface StatementFacts {
  latest: Pick<Statement, 'number' | 'text' | 'publishedAt' | 'publishedTo' | 'promiseDueAt' | 'promiseState' | 'keptBy'> | null;
  /** Drafts not yet approved (waiting for legal, or sent back). */
  inReview: number;
}

export function statementFacts(store: Pick<Store, 'statements'>, crisisId: number): StatementFacts {
  return { latest: store.statements.latestPublished(crisisId) ?? null, inReview: store.statements.countInReview(crisisId) };
}
