/**
 * The services over a real in-memory SQLite store (or a store of either engine, startServicesOn),
 * with a notifier that records what was asked of Slack and always succeeds. For service tests that
 * need no HTTP: stale objects, the debrief's reads, declare's checks.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import type { DebriefReport } from '../../src/features/record/debrief';
import { silentLogger } from '../../src/logger';
import { createServices } from '../../src/app/services';
import type { Services } from '../../src/core/services';
import type { CustomerPorts } from '../../src/features/customer/customer-ports';
import type { ServiceSettings } from '../../src/core/deps';
import type { Announcement, ChannelNotice, CrisisSnapshot } from '../../src/core/ports';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import type { Store } from '../../src/core/store';
import { sqliteTestStore, type TestStore } from '../helpers/test-store';
import { shippedPlaybooks } from '../helpers/playbooks';
import { StubNotifier } from '../helpers/stub-notifier';

export const START = '2026-11-26T09:00:00.000Z';
export const LEAD = 'U0LEAD';
export const MEMBER = 'U0MEMBER';
export const ADMIN = 'U0ADMIN';
export const BOT = 'U0BOT';

/** Records what was asked of Slack; everything succeeds (the rest is StubNotifier's no-ops). */
export class RecordingNotifier extends StubNotifier {
  readonly created: string[] = [];
  readonly notices: ChannelNotice[] = [];
  readonly announcements: Announcement['kind'][] = [];
  readonly debriefs: DebriefReport[] = [];
  /** Display names served by userNames; unset means the method is absent. */
  names: Map<string, string> | undefined;
  userNames?: (ids: readonly string[]) => Promise<Map<string, string>>;

  withNames(names: Record<string, string>): this {
    this.names = new Map(Object.entries(names));
    this.userNames = async () => this.names ?? new Map();
    return this;
  }

  override async createChannel(name: string): Promise<{ id: string; name: string }> {
    this.created.push(name);
    return { id: `C${this.created.length}`, name };
  }
  override async announce(announcement: Announcement): Promise<string | undefined> {
    this.announcements.push(announcement.kind);
    return undefined;
  }
  override async postNotice(_snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void> {
    this.notices.push(notice);
  }
  override async postDebrief(_snapshot: CrisisSnapshot, report: DebriefReport): Promise<void> {
    this.debriefs.push(report);
  }
}

export interface Fixture<D extends Db | PostgresSyncDatabase = Db> {
  db: D;
  store: Store;
  clock: ManualClock;
  notifier: RecordingNotifier;
  services: Services;
  /** Declares a sev2 crisis as LEAD (who becomes its lead) and returns it as stored. */
  declare(title?: string): Promise<Crisis>;
  close(): void;
}

export function startServices(settings: Partial<ServiceSettings> = {}, notifier: RecordingNotifier = new RecordingNotifier(), customer?: CustomerPorts): Fixture {
  const { db, store } = sqliteTestStore();
  return { ...startServicesOn({ engine: 'sqlite', db, store }, settings, notifier, customer), db, close: () => db.close() };
}

/** The services over a store of either engine (test/helpers/test-store.ts), which the caller closes. */
export function startServicesOn(
  on: TestStore,
  settings: Partial<ServiceSettings> = {},
  notifier: RecordingNotifier = new RecordingNotifier(),
  customer?: CustomerPorts,
): Fixture<Db | PostgresSyncDatabase> {
  const { db, store } = on;
  const clock = new ManualClock(START);
  const services = createServices({
    store,
    clock,
    notifier,
    logger: silentLogger,
    settings: { timeZone: 'UTC', announceChannel: undefined, admins: [ADMIN], botUserId: BOT, ...settings },
    playbooks: shippedPlaybooks(),
    ...(customer ? { customer } : {}),
  });
  return {
    db,
    store,
    clock,
    notifier,
    services,
    declare: async (title = 'Checkout down') => (await services.declare.declare({ teamId: 'T1', userId: LEAD, title, severity: 'sev2' })).crisis,
    close: () => undefined,
  };
}

/** The error a promise rejected with (fails the test when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; field?: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}
