/**
 * Statements to customers: drafting, legal's review, publishing, and the promises they make.
 * Other features reach it through this file only.
 */
export { communicationsMarkdown, debriefCommunications } from './debrief-statements';
export type { Communications } from './debrief-statements';
export { cardStatementBlocks } from './slack/card-statements';
export { communicationsSection } from './slack/debrief-statements-view';
export { promiseTimeText } from './statement-text';
import type { FeatureModule } from '../../core/feature-module';
import { LEGAL_NEEDED_KIND, legalNeededHandler } from './legal-alerts';
import { promiseAlertHandler } from './statement-alerts';
import { statementFacts } from './statement-facts';
import { StatementReviewService } from './statement-review';
import { StatementService } from './statement-service';
import { STATEMENT_TIMELINE } from './statement-timeline';
import { StatementsRepo } from './statements-repo';
import { statementsSlack } from './slack';

export { StatementService, showStatement } from './statement-service';
export type { PublishHook } from './statement-ports';
export { statementsForHome } from './home-statements';
export type { Statement } from './statements';

declare module '../../core/store' {
  interface Repositories {
    statements: StatementsRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    /** Customer statements: drafting, editing, reading; `statementReview` approves and publishes them. */
    statements: StatementService;
    statementReview: StatementReviewService;
  }
}

export const statementsFeature: FeatureModule = {
  id: 'statements',
  migrations: ['0001_init.sql', '0004_statements.sql', '0006_legal_review.sql'],
  repositories: (db) => ({ statements: new StatementsRepo(db) }),
  timeline: STATEMENT_TIMELINE,
  services: {
    statements: (deps) => new StatementService(deps),
    // Publishing (when registered) delivers what is published: its outbox rows join the publish's transaction.
    statementReview: (deps, s) => new StatementReviewService(deps, s.statements, 'publishing' in s ? s.publishing : undefined),
  },
  alerts: (deps) => ({
    promise_reminder: promiseAlertHandler(deps, 'promise_reminder'),
    promise_broken: promiseAlertHandler(deps, 'promise_broken'),
    promise_broken_dm: promiseAlertHandler(deps, 'promise_broken_dm'),
    [LEGAL_NEEDED_KIND]: legalNeededHandler(deps),
  }),
  snapshot: (deps, crisis) => ({ statements: statementFacts(deps.store, crisis.id, deps.playbooks.legalRequired(crisis.type)) }),
  slack: statementsSlack,
};
