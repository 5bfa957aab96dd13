/**
 * The features the app is made of, in order: `/crisis help` lists their commands in this order,
 * and where two features answer one thing the first wins. A new feature is a folder under
 * src/features/ with an index.ts exporting its module, and a line here.
 */
import { registerFeatures, type FeatureModule } from '../core/feature-module';
import { registerTimelineKinds } from '../core/timeline';
import { crisisFeature } from '../features/crisis';
import { customerFeature } from '../features/customer';
import { deadlinesFeature } from '../features/deadlines';
import { helpdeskFeature } from '../features/helpdesk';
import { peopleFeature } from '../features/people';
import { publishingFeature } from '../features/publishing';
import { recordFeature } from '../features/record';
import { rolesFeature } from '../features/roles';
import { statementsFeature } from '../features/statements';
import { updatesFeature } from '../features/updates';

export const FEATURES: readonly FeatureModule[] = [
  crisisFeature,
  rolesFeature,
  updatesFeature,
  recordFeature,
  deadlinesFeature,
  customerFeature,
  helpdeskFeature,
  statementsFeature,
  publishingFeature,
  peopleFeature,
];

/** Makes every feature known: its timeline kinds, its snapshot facts, its commands. Idempotent. */
export function registerAppFeatures(): readonly FeatureModule[] {
  registerFeatures(FEATURES);
  for (const feature of FEATURES) if (feature.timeline) registerTimelineKinds(feature.timeline);
  return FEATURES;
}
