/**
 * Builds every service from one set of dependencies: the core's, and each registered feature's
 * (`services` in its module), each built on first use so they may use one another in any order.
 */
import { currentHolders } from '../core/roles';
import type { StoredAssignment } from '../core/repos/roles-repo';
import type { Crisis } from '../core/crisis';
import type { ServiceDeps } from '../core/deps';
import type { CrisisSnapshot } from '../core/ports';
import { rereadAfterWrites } from '../core/reread-after-writes';
import { ScheduledAlertService, type AlertHandler } from '../core/scheduled-alert-service';
import type { ServiceOptions, Services, Ticker } from '../core/services';
import { crisisInChannel, snapshotOf } from '../core/snapshot';
import { registerAppFeatures } from './features';

/** The open crises with their holders and what each feature adds: one query per feature, not one per crisis. */
function openSnapshots(deps: ServiceDeps, limit: number): { snapshots: CrisisSnapshot[]; total: number } {
  const { store } = deps;
  const features = registerAppFeatures();
  const crises = store.crises.listOpen(limit);
  const assignments = new Map<number, StoredAssignment[]>();
  for (const a of store.roles.activeOfOpen(limit)) assignments.set(a.crisisId, [...(assignments.get(a.crisisId) ?? []), a]);
  const parts = features.flatMap((f) => (f.openSnapshots ? [f.openSnapshots(deps, limit)] : []));
  return {
    snapshots: crises.map(
      (crisis: Crisis) =>
        Object.assign(
          { crisis, holders: currentHolders(assignments.get(crisis.id) ?? []), reminder: undefined, typeLabel: deps.playbooks.label(crisis.type) },
          ...parts.map((part) => part.get(crisis.id) ?? {}),
        ) as CrisisSnapshot,
    ),
    total: store.crises.countOpen(),
  };
}

export function createServices(deps: ServiceDeps, options: ServiceOptions = {}): Services {
  const features = registerAppFeatures();
  const handlers: Record<string, AlertHandler> = {};
  const services = {
    deps,
    playbooks: deps.playbooks,
    tickers: {},
    crisisInChannel: (channelId: string) => crisisInChannel(deps, channelId),
    snapshot: (crisis: Crisis) => snapshotOf(deps, crisis),
    openCrises: rereadAfterWrites(deps.store, (limit: number) => openSnapshots(deps, limit)),
    alerts: new ScheduledAlertService(deps, handlers, options),
  } as Partial<Services> as Services;
  for (const feature of features) {
    for (const [name, factory] of Object.entries(feature.services ?? {})) {
      if (factory === undefined) continue;
      let built: unknown;
      Object.defineProperty(services, name, {
        enumerable: true,
        get: () => (built ??= (factory as (d: ServiceDeps, s: Services, o: ServiceOptions) => unknown)(deps, services, options)),
      });
    }
  }
  for (const feature of features) Object.assign(handlers, feature.alerts?.(deps, services) ?? {});
  const tickers: Array<{ name: string; order: number; ticker: Ticker }> = [{ name: 'alerts', order: 20, ticker: services.alerts }];
  for (const feature of features) tickers.push(...(feature.tickers?.(services) ?? []));
  services.tickers = Object.fromEntries(tickers.sort((a, b) => a.order - b.order).map((t) => [t.name, t.ticker]));
  return services;
}
