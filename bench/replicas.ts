/**
 * Two replicas ticking together on one PostgreSQL database: `crises` open crises whose update
 * reminders are all due, each with a deadline clock whose reminder is due too, and every tenth a
 * sev2 with no spokesperson past the nudge's ten minutes. Two processes (bench/replica-ticker.ts),
 * each with its own store and connection as two bot replicas have, are told "go" together and tick
 * until nothing is left. The figures: what each sent, the total beside what was due, and what was
 * sent twice (by the Notifiers' own records, and by the timeline rows the database kept).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { ManualClock } from '../src/clock';
import { addMinutes } from '../src/core/cadence';
import { seedClocks } from './deadline-tick';
import { freshServices, USERS } from './in-process';
import { copyOf, type PostgresServer } from './postgres';
import type { ReplicaReport } from './replica-ticker';
import { seedCrises } from './seed';

export interface ReplicasFigures {
  crises: number;
  due: { reminders: number; alerts: number; nudges: number };
  replicas: ReplicaReport[];
  sent: { reminders: number; alerts: number; nudges: number };
  /** Sent more than once, by what the replicas' Notifiers were asked to post. */
  twice: { reminders: number; alerts: number; nudges: number };
  /** Crises whose timeline holds more than one reminder_sent / role_nudge row. */
  recordedTwice: { reminders: number; nudges: number };
  /** Both replicas ticking, until the last one was done. */
  wallMs: number;
}

function doubled(items: readonly (string | number)[]): number {
  const seen = new Map<string | number, number>();
  for (const item of items) seen.set(item, (seen.get(item) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

function startReplica(url: string, now: string): { child: ChildProcess; ready: Promise<void>; report: Promise<ReplicaReport> } {
  const child = fork(path.join(__dirname, 'replica-ticker.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { PATH: process.env.PATH ?? '', REPLICA_DATABASE_URL: url, REPLICA_NOW: now },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const report = new Promise<ReplicaReport>((resolve, reject) => {
    child.on('message', (message: unknown) => (message === 'ready' ? onReady() : resolve(message as ReplicaReport)));
    child.once('exit', (code) => reject(new Error(`a replica exited (code ${code}) before reporting`)));
  });
  report.catch(() => undefined);
  return { child, ready: Promise.race([ready, report.then(() => undefined)]), report };
}

export async function replicasBench(server: PostgresServer, crises = 1_000): Promise<ReplicasFigures> {
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const start = clock.now().toISOString();
  const seeded = freshServices(clock);
  const children: ChildProcess[] = [];
  let database: Awaited<ReturnType<typeof copyOf>> | undefined;
  try {
    const ids = seedCrises(seeded.store, {
      count: crises,
      at: start,
      cadenceMinutes: 60,
      severity: 'sev3',
      channelFor: (i) => ({ id: `C${String(i).padStart(8, '0')}`, name: `crisis-20261126-replica-${i}` }),
      leadFor: (i) => USERS[i % USERS.length] ?? 'U0ALICE',
    });
    // Every crisis: three clocks, the first one's reminder due at the hour (deadline-tick's seed, every crisis).
    seedClocks(seeded.store, ids, start, 1);
    const raw = new Database(seeded.file);
    const nudges = raw.prepare(`UPDATE crises SET severity = 'sev2' WHERE id % 10 = 0`).run().changes;
    raw.close();
    database = await copyOf(server, seeded.file, 'bench_replicas');

    const now = addMinutes(start, 60);
    const replicas = [startReplica(database.url, now), startReplica(database.url, now)];
    children.push(...replicas.map((r) => r.child));
    await Promise.all(replicas.map((r) => r.ready));
    const began = performance.now();
    for (const r of replicas) r.child.send('go');
    const reports = await Promise.all(replicas.map((r) => r.report));
    const wallMs = performance.now() - began;

    const all = <K extends 'reminders' | 'alerts' | 'nudges'>(key: K): ReplicaReport[K] => reports.flatMap((r) => r[key] as Array<string | number>) as ReplicaReport[K];
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const recordedTwice = async (kind: string): Promise<number> =>
      Number((await client.query(`SELECT COUNT(*) AS n FROM (SELECT crisis_id FROM timeline_events WHERE kind = $1 GROUP BY crisis_id HAVING COUNT(*) > 1) t`, [kind])).rows[0]?.n ?? 0);
    const recorded = { reminders: await recordedTwice('reminder_sent'), nudges: await recordedTwice('role_nudge') };
    await client.end();
    return {
      crises,
      due: { reminders: crises, alerts: crises, nudges },
      replicas: reports,
      sent: { reminders: all('reminders').length, alerts: all('alerts').length, nudges: all('nudges').length },
      twice: { reminders: doubled(all('reminders')), alerts: doubled(all('alerts')), nudges: doubled(all('nudges')) },
      recordedTwice: recorded,
      wallMs,
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    seeded.cleanup();
  }
}
