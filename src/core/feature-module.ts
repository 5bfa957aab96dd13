/**
 * What a feature gives the app: one object, exported from its folder's index.ts and listed once in
 * the composition root (src/app/features.ts). The shared places loop over the registered modules:
 * the Store's repositories, the services, the scheduler's tickers, the scheduled-alert handlers,
 * the timeline's kinds, what a crisis snapshot carries; and on the Slack side (`slack`, see
 * src/slack/feature.ts) the `/crisis` subcommands with their grammar and handlers, buttons,
 * checkboxes, modals, events and shortcuts. Adding to a feature touches only its folder.
 *
 * Where order matters (`/crisis help`, the scheduler's tickers) a contribution carries an `order`:
 * the shipped features use tens, so a new one slots in between.
 */
import type { StoreDb } from '../store/store-db';
import type { SlackFeature } from '../slack/feature';
import type { Crisis } from './crisis';
import type { ServiceDeps } from './deps';
import type { CrisisSnapshot } from './ports';
import type { AlertHandler } from './scheduled-alert-service';
import type { ServiceFactories, Services, Ticker } from './services';
import type { Repositories } from './store';
import type { TimelineKindTable } from './timeline';

/** What the snapshot builders read. */
export type SnapshotDeps = Pick<ServiceDeps, 'store' | 'playbooks'>;

export interface FeatureModule {
  /** The folder's name: `src/features/<id>/`. */
  readonly id: string;
  /**
   * The files in migrations/ that made its tables (they keep their names and their place there:
   * a landed migration never changes, and the runner applies them in order, whatever feature).
   */
  readonly migrations: readonly string[];
  /** Its repositories, each under the name it declares in `Repositories`. */
  repositories?(db: StoreDb): Partial<Repositories>;
  /** Its timeline kinds: the data each carries and its label. */
  readonly timeline?: TimelineKindTable;
  /** Its services, each under the name it declares in `Services`. */
  readonly services?: ServiceFactories;
  /** The scheduled-alert kinds it sends, each with its handler. */
  alerts?(deps: ServiceDeps, services: Services): Record<string, AlertHandler>;
  /** What the scheduler ticks for it; all features' tickers run in `order`. */
  tickers?(services: Services): ReadonlyArray<{ name: string; order: number; ticker: Ticker }>;
  /** What every snapshot of a crisis carries from it (the card and its messages read these). */
  snapshot?(deps: SnapshotDeps, crisis: Crisis): Partial<CrisisSnapshot>;
  /** The same for the open crises at once (`/crisis list`, the Home): one query, not one per crisis. */
  openSnapshots?(deps: SnapshotDeps, limit: number): ReadonlyMap<number, Partial<CrisisSnapshot>>;
  /** Its Slack side. */
  readonly slack?: SlackFeature;
}

const registered: FeatureModule[] = [];

/**
 * Makes the app's features known to the core's loops (a snapshot's facts). The composition root
 * calls it once with every module (src/app/features.ts); registering the same list again changes nothing.
 */
export function registerFeatures(modules: readonly FeatureModule[]): void {
  for (const module of modules) if (!registered.includes(module)) registered.push(module);
}

/** The registered features, in the order they were registered. */
export function registeredFeatures(): readonly FeatureModule[] {
  return registered;
}
