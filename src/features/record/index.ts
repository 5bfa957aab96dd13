/**
 * The record: the timeline and its corrections, notes and follow-up actions, resolving and
 * reopening, lessons and the debrief. Other features reach it through this file only.
 */
export { formatDebriefTime } from './debrief-markdown';
export type { FollowUpAction } from './follow-up';
export { toAction } from './follow-up-repo';
export { missedFirstStatement, mostSevere, shortfallLines } from './shortfalls';
export type { Shortfalls } from './shortfalls';
import type { FeatureModule } from '../../core/feature-module';
import { FollowUpRepo } from './follow-up-repo';
import { RECORD_TIMELINE } from './record-timeline';
import { ResolveService } from './resolve-service';
import { TimelineService } from './timeline-service';
import { TimelineVersionsRepo } from './timeline-versions-repo';
import { recordSlack } from './slack';

export type { DebriefReport } from './debrief';
export { TimelineService } from './timeline-service';
export { ResolveService } from './resolve-service';

declare module '../../core/store' {
  interface Repositories {
    followUps: FollowUpRepo;
    /** Every version of a corrected timeline entry, the original first. */
    timelineVersions: TimelineVersionsRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    timeline: TimelineService;
    resolve: ResolveService;
  }
}

export const recordFeature: FeatureModule = {
  id: 'record',
  migrations: ['0001_init.sql', '0007_timeline_versions.sql'],
  repositories: (db) => ({ followUps: new FollowUpRepo(db), timelineVersions: new TimelineVersionsRepo(db) }),
  timeline: RECORD_TIMELINE,
  services: {
    timeline: (deps) => new TimelineService(deps),
    resolve: (deps, s) => new ResolveService(deps, s.deadlines),
  },
  slack: recordSlack,
};
