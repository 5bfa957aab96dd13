/**
 * Changing the customer impact (`/crisis impact`, or the update form's impact field). The new
 * version, the crisis's current impact and the timeline row are written in one transaction; the
 * first change also keeps the declaration's impact as version one. Only the card repaint touches
 * Slack, and a failure there is logged, not thrown (the next change repaints it).
 */
import type { Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { validateImpact } from './impact';
import type { ServiceDeps } from '../../core/deps';
import { current, refreshCard } from '../../core/snapshot';

export interface ImpactResult {
  message: string;
  warnings: string[];
}

export class ImpactService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Records a new impact. `field` names the modal block a refusal belongs to. From the fresh read to
   * the transaction nothing awaits, so two changes racing are both kept, in order.
   */
  async setImpact(given: Crisis, actorId: string, text: string, via: 'command' | 'modal', field?: string): Promise<ImpactResult> {
    const crisis = current(this.deps, given);
    const impact = validateImpact(text, field);
    if (impact === crisis.customerImpact.trim()) {
      throw new CrisisError('already_done', 'The customer impact already reads exactly that. Nothing changed.', field);
    }
    this.write(crisis, actorId, impact, via, this.deps.clock.now().toISOString());
    await refreshCard(this.deps, crisis.id);
    const message = crisis.customerImpact.trim()
      ? 'Customer impact updated on the card; the earlier version is kept in the timeline.'
      : 'Customer impact set on the card; each later change is kept in the timeline too.';
    return { message, warnings: [] };
  }

  /** The version, the current impact and the timeline row, together. */
  private write(crisis: Crisis, actorId: string, impact: string, via: 'command' | 'modal', at: string): void {
    const { store } = this.deps;
    store.transaction(() => {
      const initial = crisis.customerImpact.trim();
      if (store.impact.count(crisis.id) === 0 && initial.length > 0) {
        store.impact.add(crisis.id, initial, crisis.declaredBy, crisis.declaredAt, 'declared');
      }
      store.impact.add(crisis.id, impact, actorId, at, via);
      store.impact.setCurrent(crisis.id, impact, at);
      store.timeline.append(crisis.id, { kind: 'impact_changed', occurredAt: at, actorId, text: impact, data: { via } }, at);
    });
  }
}
