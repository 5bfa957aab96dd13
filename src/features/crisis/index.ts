/**
 * The crisis core: declaring (and drilling) a crisis, finishing or undoing a declare cut short,
 * and the pinned card. Other features reach it through this file only.
 */
export { holdersText } from './slack/crisis-card';
export { buildListReply } from './slack/list-reply';
export { buildDeclareModal } from './slack/declare-modal';
import type { FeatureModule } from '../../core/feature-module';
import { DeclareAttemptsRepo } from './declare-attempts-repo';
import { DECLARE_LEASE_MS, DeclareProgress } from './declare-progress';
import { isPostgresSync } from '../../store/sql/postgres-sync';
import { DeclareRepair } from './declare-repair';
import { DeclareService } from './declare-service';
import { CRISIS_TIMELINE } from './crisis-timeline';
import { crisisSlack } from './slack';

export type { DeclareRepairNotice } from './crisis-ports';
export { DeclareService, type DeclareInput, type DeclareResult } from './declare-service';

declare module '../../core/store' {
  interface Repositories {
    /** Each declare's progress, so one cut short is finished or undone (0008_declare_attempts.sql). */
    declares: DeclareAttemptsRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    declare: DeclareService;
    /** Each declare's progress, kept step by step. */
    declareProgress: DeclareProgress;
    /** Finishes or undoes declares cut short (a crash, a failed clean-up): at start-up and on every tick. */
    declareRepair: DeclareRepair;
  }
}

export const crisisFeature: FeatureModule = {
  id: 'crisis',
  migrations: ['0001_init.sql', '0008_declare_attempts.sql'],
  repositories: (db) => ({ declares: new DeclareAttemptsRepo(db) }),
  timeline: CRISIS_TIMELINE,
  services: {
    // On PostgreSQL other replicas declare too: a declare is taken over only once its steps stop.
    declareProgress: (deps) => new DeclareProgress(deps, isPostgresSync(deps.store.db) ? DECLARE_LEASE_MS : undefined),
    declare: (deps, s) => new DeclareService(deps, s.roles, s.checklists, s.declareProgress),
    declareRepair: (deps, s) => new DeclareRepair(deps, s.declareProgress, s.roles, s.checklists),
  },
  tickers: (s) => [{ name: 'declares', order: 30, ticker: s.declareRepair }],
  slack: crisisSlack,
};
