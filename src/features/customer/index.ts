/**
 * The customer side: impact, complaint volume and its rise notice, remedies, and the FAQ for support
 * reps. Other features reach it through this file only.
 */
export { customerDebriefInput, volumeChartAttachment } from './customer-debrief';
export { buildCustomerDebrief, renderCustomerMarkdown } from './debrief-customer';
export type { CustomerDebrief, CustomerDebriefInput } from './debrief-customer';
export { customerCardBlocks } from './slack/customer-card';
export { median, type Trend } from './volume';
export type { VolumeService } from './volume-service';
import type { FeatureModule } from '../../core/feature-module';
import { CustomerServices } from './customer-services';
import { customerFacts } from './customer-snapshot';
import { CUSTOMER_TIMELINE } from './customer-timeline';
import { FaqRepo } from './faq-repo';
import { ImpactRepo } from './impact-repo';
import { RemediesRepo } from './remedies-repo';
import { VolumeRepo } from './volume-repo';
import { customerSlack } from './slack';


declare module '../../core/store' {
  interface Repositories {
    impact: ImpactRepo;
    volume: VolumeRepo;
    remedies: RemediesRepo;
    faq: FaqRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    /** Impact, volume, remedies and the FAQ for support reps. */
    customer: CustomerServices;
  }
}

export const customerFeature: FeatureModule = {
  id: 'customer',
  migrations: ['0003_customer_side.sql'],
  repositories: (db) => ({ impact: new ImpactRepo(db), volume: new VolumeRepo(db), remedies: new RemediesRepo(db), faq: new FaqRepo(db) }),
  timeline: CUSTOMER_TIMELINE,
  services: { customer: (deps) => new CustomerServices(deps) },
  snapshot: (deps, crisis) => ({ customer: customerFacts(deps.store, crisis.id) }),
  slack: customerSlack,
};
