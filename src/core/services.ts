/**
 * The services, by the name listeners, the scheduler and tests reach them with
 * (`services.declare`, `services.statements`, …). The core's are here; each feature adds its own to
 * `Services` by declaration merging and builds them in its module (`services`), and the composition
 * root (src/app/services.ts) makes one Services from every module, each service built on first use.
 */
import type { Crisis } from './crisis';
import type { ServiceDeps } from './deps';
import type { PlaybookCatalog } from './playbook';
import type { CrisisSnapshot } from './ports';
import type { ScheduledAlertService } from './scheduled-alert-service';
import type { Ticker } from '../scheduler/reminder-scheduler';

export type { Ticker };

export interface Services {
  deps: ServiceDeps;
  /** Sends scheduled alerts of every kind (the features' handlers) on the scheduler's tick. */
  alerts: ScheduledAlertService;
  playbooks: PlaybookCatalog;
  /** What the scheduler ticks, by name, in order. */
  tickers: Record<string, Ticker>;
  /** The crisis of a channel, or a CrisisError saying where the command works. */
  crisisInChannel(channelId: string): Crisis;
  snapshot(crisis: Crisis): CrisisSnapshot;
  /** The open crises with what each feature adds, in one query per feature, not one per crisis: this answers `/crisis list` in the ack. */
  openCrises(limit: number): { snapshots: CrisisSnapshot[]; total: number };
}

/** How many things a tick sends at once and handles in one go (tests and benchmarks change them). */
export interface ServiceOptions {
  concurrency?: number;
  batchSize?: number;
}

/** What builds one service: the dependencies, the other services (each built on first use) and the options. */
export type ServiceFactory<T> = (deps: ServiceDeps, services: Services, options: ServiceOptions) => T;

/** A feature's services, each under its name in Services. */
export type ServiceFactories = { readonly [K in keyof Services]?: ServiceFactory<Services[K]> };
