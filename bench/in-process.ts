/**
 * Benchmarks of our own work, in process with a stub Notifier (no Slack time counted): one reminder
 * tick over 10,000 open crises of which 100 are due, and the debrief of a 10,000-entry timeline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../src/clock';
import { addMinutes } from '../src/core/cadence';
import { silentLogger } from '../src/logger';
import { createServices } from '../src/app/services';
import type { Services } from '../src/core/services';
import type { Store } from '../src/core/store';
import { openDatabase, type Db } from '../src/store/database';
import { PostgresSyncDatabase } from '../src/store/sql/postgres-sync';
import { migrate } from '../src/store/migrations';
import { createStore } from '../src/app/store';
import { loadPlaybooks } from '../src/playbooks/load-playbooks';
import { copyOf, type PostgresServer } from './postgres';
import { seedCrises } from './seed';
import { median, timed } from './stats';
import { StubNotifier } from '../test/helpers/stub-notifier';

export const USERS = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN', 'U0FRANK'];

export interface BenchServices {
  services: Services;
  store: Store;
  notifier: StubNotifier;
  cleanup(): void | Promise<void>;
}

function servicesOn(db: Db | PostgresSyncDatabase, clock: ManualClock): Omit<BenchServices, 'cleanup'> {
  const store = createStore(db);
  const notifier = new StubNotifier();
  const services = createServices({ store, clock, notifier, logger: silentLogger, settings: { timeZone: 'UTC', announceChannel: undefined, admins: [] }, playbooks: loadPlaybooks() });
  return { services, store, notifier };
}

export function freshServices(clock: ManualClock): Omit<BenchServices, 'cleanup'> & { file: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  migrate(db, undefined, () => clock.now());
  return { ...servicesOn(db, clock), file, cleanup: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** Statements sent to PostgreSQL, each one round trip through the connection's worker. */
export interface RoundTrips {
  count: number;
}

/**
 * The same services on a PostgreSQL copy of a seeded SQLite bench database (its file), counting the
 * statements they send: the engine the bot runs on with DATABASE_URL, the same rows.
 */
export async function movedToPostgres(server: PostgresServer, file: string, clock: ManualClock, prefix: string): Promise<BenchServices & { trips: RoundTrips }> {
  const database = await copyOf(server, file, prefix);
  const db = new PostgresSyncDatabase({ url: database.url });
  const trips: RoundTrips = { count: 0 };
  const query = db.query.bind(db);
  db.query = (text, values) => {
    trips.count += 1;
    return query(text, values);
  };
  return {
    ...servicesOn(db, clock),
    trips,
    cleanup: async () => {
      db.close();
      await database.drop();
    },
  };
}

export interface TickFigures {
  openCrises: number;
  due: number;
  firstMs: number;
  medianMs: number;
  sentPerTick: number[];
  /** On PostgreSQL: statements (round trips) per tick, median. */
  tripsPerTick?: number;
}

/** The reminder tick over `openCrises`, `due` of them due each round; on PostgreSQL when a server is given (the same seed, copied). */
export async function reminderTickBench(openCrises = 10_000, due = 100, rounds = 7, postgres?: PostgresServer): Promise<TickFigures> {
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const seeded = freshServices(clock);
  let moved: (BenchServices & { trips: RoundTrips }) | undefined;
  try {
    const every = openCrises / due;
    seedCrises(seeded.store, {
      count: openCrises,
      at: clock.now().toISOString(),
      cadenceMinutes: 60,
      severity: 'sev3',
      channelFor: (i) => ({ id: `C${String(i).padStart(8, '0')}`, name: `crisis-20261126-bench-${i}` }),
      leadFor: (i) => USERS[i % USERS.length] ?? 'U0ALICE',
      // Every 100th crisis is due at once; the rest only in a week.
      firstDueInMinutes: (i) => (i % every === 0 ? 0 : 7 * 24 * 60),
    });
    if (postgres) moved = await movedToPostgres(postgres, seeded.file, clock, 'bench_reminders');
    const { services, notifier } = moved ?? seeded;
    const times: number[] = [];
    const trips: number[] = [];
    const sentPerTick: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      clock.set(addMinutes(clock.now(), r === 0 ? 1 : 60));
      const before = moved?.trips.count ?? 0;
      const { ms, value } = await timed(() => services.reminders.tick());
      times.push(ms);
      trips.push((moved?.trips.count ?? 0) - before);
      sentPerTick.push(value.sent);
    }
    if (notifier.reminders !== due * rounds) throw new Error(`expected ${due * rounds} reminders, the stub got ${notifier.reminders}`);
    return { openCrises, due, firstMs: times[0] ?? Number.NaN, medianMs: median(times), sentPerTick, ...(moved ? { tripsPerTick: median(trips) } : {}) };
  } finally {
    await moved?.cleanup();
    seeded.cleanup();
  }
}

export interface DebriefFigures {
  entries: number;
  reportMs: number;
  totalMs: number;
  bytes: number;
}

/** A crisis with `entries` timeline rows of every common kind, then `debrief()` end to end. */
export async function debriefBench(entries = 10_000, rounds = 5): Promise<DebriefFigures> {
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const { services, store, notifier, cleanup } = freshServices(clock);
  try {
    const start = clock.now().toISOString();
    const [crisisId] = seedCrises(store, {
      count: 1,
      at: start,
      cadenceMinutes: 30,
      severity: 'sev1',
      channelFor: () => ({ id: 'C0BIGCRISIS', name: 'crisis-20261126-big' }),
      leadFor: () => 'U0ALICE',
    });
    if (crisisId === undefined) throw new Error('no crisis');
    store.transaction(() => {
      for (let i = 2; i < entries; i += 1) {
        const at = addMinutes(start, i);
        const actor = USERS[i % USERS.length] ?? null;
        switch (i % 5) {
          case 0:
            store.timeline.append(crisisId, { kind: 'update_posted', occurredAt: at, actorId: actor, text: `Update ${i}: error rate ${i % 97}%, rollback ${i % 3 ? 'pending' : 'done'} & <b>watching</b>`, data: { status: 'investigating', due_at: at, next_update_at: addMinutes(at, 30) } }, at);
            break;
          case 1:
            store.timeline.append(crisisId, { kind: 'reminder_sent', occurredAt: at, actorId: null, text: 'Update reminder', data: { overdue: i % 2 === 0, minutes_since_update: 30 } }, at);
            break;
          case 2:
            store.timeline.append(crisisId, { kind: 'note', occurredAt: at, actorId: actor, text: `Note ${i} from the war room about <@U0BOB> and the vendor`, data: {} }, at);
            break;
          case 3:
            store.timeline.append(crisisId, { kind: 'message_captured', occurredAt: at, actorId: actor, text: `Captured ${i}`, data: { channel_id: 'C0BIGCRISIS', ts: `${1_800_000_000 + i}.000100`, via: 'pushpin' }, sourceKey: `msg:${i}`, permalink: `https://example.slack.com/archives/C0BIGCRISIS/p${1_800_000_000 + i}000100` }, at);
            break;
          default:
            store.timeline.append(crisisId, { kind: 'status_changed', occurredAt: at, actorId: actor, text: 'Status changed', data: { from: 'investigating', to: 'identified' } }, at);
        }
      }
      for (let a = 0; a < 50; a += 1) store.followUps.addAction(crisisId, `Follow-up ${a}`, USERS[a % USERS.length] ?? null, 'U0ALICE', start);
      store.followUps.addLessons(crisisId, { wentWell: 'Paging worked', wentBadly: 'Status page lagged', rootCauses: 'Expired certificate' }, 'U0ALICE', start);
    });
    clock.set(addMinutes(start, entries + 60));
    const crisis = store.crises.get(crisisId);
    const reportTimes: number[] = [];
    const totalTimes: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      reportTimes.push((await timed(() => services.resolve.report(crisis))).ms);
      totalTimes.push((await timed(() => services.resolve.debrief(crisis, 'U0ALICE'))).ms);
    }
    const count = store.timeline.list(crisisId).length;
    return { entries: count, reportMs: median(reportTimes), totalMs: median(totalTimes), bytes: notifier.lastDebriefBytes };
  } finally {
    cleanup();
  }
}
