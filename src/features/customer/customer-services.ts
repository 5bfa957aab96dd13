/** The customer side's services, built together (remedies publish through the FAQ's one message). */
import type { ServiceDeps } from '../../core/deps';
import { FaqService } from './faq-service';
import { ImpactService } from './impact-service';
import { RemedyService } from './remedy-service';
import { VolumeService } from './volume-service';

export class CustomerServices {
  readonly impact: ImpactService;
  readonly volume: VolumeService;
  readonly faq: FaqService;
  readonly remedies: RemedyService;

  constructor(deps: ServiceDeps) {
    this.impact = new ImpactService(deps);
    this.volume = new VolumeService(deps);
    this.faq = new FaqService(deps);
    this.remedies = new RemedyService(deps, this.faq);
  }

  /** Stops timers (the throttled card repaints); called at shutdown. */
  stop(): void {
    this.volume.stop();
  }
}
