/**
 * Remedies offered to affected customers. The remedy and its timeline row are one transaction;
 * then the card's details and the pinned FAQ message (which lists remedies) are brought up to date
 * together, and support reps are told. Those Slack steps may only warn.
 */
import type { Crisis } from '../../core/crisis';
import { validateRemedy } from './remedies';
import type { ServiceDeps } from '../../core/deps';
import type { FaqService } from './faq-service';
import { current, refreshCard } from '../../core/snapshot';
import { person } from '../../core/words';

export class RemedyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly faq: FaqService,
  ) {}

  async add(given: Crisis, actorId: string, text: string): Promise<{ message: string; warnings: string[] }> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    const remedy = validateRemedy(text);
    const at = clock.now().toISOString();
    const added = store.transaction(() => {
      this.faq.startIn(crisis, at);
      const row = store.remedies.add(crisis.id, remedy, actorId, at);
      store.timeline.append(crisis.id, { kind: 'remedy_added', occurredAt: at, actorId, text: remedy, data: { remedy_id: row.id } }, at);
      return row;
    });
    const [, warnings] = await Promise.all([
      refreshCard(this.deps, crisis.id),
      this.faq.publish(crisis.id, { summary: `Remedy added by ${person(actorId)}: ${added.text}`, by: actorId }),
    ]);
    return { message: 'Remedy recorded: it is on the card and in the pinned FAQ for support reps.', warnings };
  }
}
