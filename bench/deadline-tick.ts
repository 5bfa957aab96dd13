/**
 * The scheduler's tick with deadline clocks, in process with a stub Notifier (no Slack time
 * counted): 10,000 open crises, each with three clocks and their alerts (60,000 pending), and each
 * round one alert due for 100 of them; the update reminders of another 100 fall due on the same
 * tick. The figure is one whole tick: update reminders, then scheduled alerts.
 */
import { ManualClock } from '../src/clock';
import { addMinutes } from '../src/core/cadence';
import { planClockAlerts } from '../src/features/deadlines/deadlines';
import type { Store } from '../src/core/store';
import { freshServices, movedToPostgres, USERS, type BenchServices, type RoundTrips } from './in-process';
import type { PostgresServer } from './postgres';
import { seedCrises } from './seed';
import { performance } from 'node:perf_hooks';
import { median, timed } from './stats';

export interface DeadlineTickFigures {
  openCrises: number;
  clocks: number;
  pendingAlerts: number;
  dueAlerts: number;
  dueReminders: number;
  firstMs: number;
  medianMs: number;
  alertsMedianMs: number;
  sentPerTick: number[];
  /** On PostgreSQL: statements (round trips) per tick, median. */
  tripsPerTick?: number;
  /** The tick when nothing is due yet (finding nothing among all the open crises), median of 5. */
  idleMs: number;
  idleTrips?: number;
}

/** Three clocks per crisis: every `every`-th crisis has one alert due each hour for six hours, the rest in a week. */
export function seedClocks(store: Store, crisisIds: readonly number[], at: string, every: number): number {
  let clocks = 0;
  store.transaction(() => {
    crisisIds.forEach((crisisId, i) => {
      for (let k = 1; k <= 3; k += 1) {
        // Due at 2k hours with a reminder an hour before: hours 1..6 each have one alert due.
        const dueAfter = i % every === 0 ? 2 * k * 60 : 7 * 1440 + k * 60;
        const clock = store.deadlines.insert(crisisId, {
          clockId: `clock${k}`,
          label: `Bench clock ${k}`,
          source: 'playbook',
          dueAfterMinutes: dueAfter,
          remindBeforeMinutes: [60],
          startedAt: at,
          dueAt: addMinutes(at, dueAfter),
          createdBy: 'U0ALICE',
          createdAt: at,
        });
        store.alerts.schedule(crisisId, planClockAlerts(clock, new Date(at)), at);
        clocks += 1;
      }
    });
  });
  return clocks;
}

/** The whole scheduler tick; on PostgreSQL when a server is given (the same seed, copied over). */
export async function deadlineTickBench(openCrises = 10_000, due = 100, rounds = 7, postgres?: PostgresServer): Promise<DeadlineTickFigures> {
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const seeded = freshServices(clock);
  let moved: (BenchServices & { trips: RoundTrips }) | undefined;
  try {
    const every = openCrises / due;
    const start = clock.now().toISOString();
    const ids = seedCrises(seeded.store, {
      count: openCrises,
      at: start,
      cadenceMinutes: 60,
      severity: 'sev3',
      channelFor: (i) => ({ id: `C${String(i).padStart(8, '0')}`, name: `crisis-20261126-bench-${i}` }),
      leadFor: (i) => USERS[i % USERS.length] ?? 'U0ALICE',
      // Another hundred crises owe an update each hour; the rest in a week.
      firstDueInMinutes: (i) => (i % every === every / 2 ? 60 : 7 * 24 * 60),
    });
    const clocks = seedClocks(seeded.store, ids, start, every);
    if (postgres) moved = await movedToPostgres(postgres, seeded.file, clock, 'bench_deadlines');
    const { services, notifier } = moved ?? seeded;
    const pendingAlerts = clocks * 2;
    const idle: number[] = [];
    const idleTrips: number[] = [];
    for (let r = 1; r <= 5; r += 1) {
      clock.set(addMinutes(start, r));
      const before = moved?.trips.count ?? 0;
      const { ms, value } = await timed(async () => (await services.reminders.tick()).due + (await services.alerts.tick()).due);
      if (value !== 0) throw new Error(`nothing should be due ${r} minutes in, ${value} was`);
      idle.push(ms);
      idleTrips.push((moved?.trips.count ?? 0) - before);
    }
    const times: number[] = [];
    const alertTimes: number[] = [];
    const trips: number[] = [];
    const sentPerTick: number[] = [];
    for (let r = 1; r <= rounds; r += 1) {
      clock.set(addMinutes(start, r * 60));
      const before = moved?.trips.count ?? 0;
      const { ms, value } = await timed(async () => {
        const reminders = await services.reminders.tick();
        const alertStart = performance.now();
        const alerts = await services.alerts.tick();
        alertTimes.push(performance.now() - alertStart);
        return reminders.sent + alerts.sent;
      });
      times.push(ms);
      trips.push((moved?.trips.count ?? 0) - before);
      sentPerTick.push(value);
    }
    if (notifier.deadlineAlerts !== due * 6) throw new Error(`expected ${due * 6} deadline alerts, the stub got ${notifier.deadlineAlerts}`);
    return {
      openCrises,
      clocks,
      pendingAlerts,
      dueAlerts: due,
      dueReminders: due,
      firstMs: times[0] ?? Number.NaN,
      medianMs: median(times),
      alertsMedianMs: median(alertTimes),
      sentPerTick,
      idleMs: median(idle),
      ...(moved ? { tripsPerTick: median(trips), idleTrips: median(idleTrips) } : {}),
    };
  } finally {
    await moved?.cleanup();
    seeded.cleanup();
  }
}
