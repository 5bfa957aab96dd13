/**
 * Running it where operators run things (issue 21): GET /readyz (200 when migrations are applied
 * and the database answers, 503 otherwise, and never hanging), HOST binding one interface, and
 * METRICS_PORT moving /metrics to a port of its own.
 */
import fs from 'node:fs';
import net from 'node:net';
import Database from 'better-sqlite3';
import { HttpDoor } from '../../src/http/door';
import { readyRoute } from '../../src/http/readyz';
import { silentLogger } from '../../src/logger';
import { startBot } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { DatabaseUnavailableError } from '../../src/store/sql/errors';
import { freePort } from '../helpers/postgres';
import { startHarness, tempDbFile, type Harness, sqliteOf } from '../helpers/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const get = (port: number | undefined, path: string, host = '127.0.0.1'): Promise<Response> => fetch(`http://${host}:${port}${path}`);

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('/readyz: 200 once migrations are applied; 503 "migrations_pending" when the database lacks one; 503 "database_unavailable" over a damaged file', async () => {
  h = await startHarness();
  const ready = await get(h.bot.port, '/readyz');
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ ok: true });

  // The database lost its latest migration's record (an older backup restored under a running bot).
  const other = new Database(h.dbFile);
  const last = other.prepare('SELECT * FROM schema_migrations ORDER BY version DESC LIMIT 1').get() as Record<string, string | number>;
  other.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last.version);
  const pending = await get(h.bot.port, '/readyz');
  expect(pending.status).toBe(503);
  expect(await pending.json()).toEqual({ ok: false, error: 'migrations_pending' });
  // /healthz is liveness: the database still answers.
  expect((await get(h.bot.port, '/healthz')).status).toBe(200);
  other.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @applied_at)').run(last);
  other.close();
  expect((await get(h.bot.port, '/readyz')).status).toBe(200);

  sqliteOf(h.bot.db).pragma('wal_checkpoint(TRUNCATE)');
  fs.writeFileSync(h.dbFile, Buffer.alloc(fs.statSync(h.dbFile).size, 0x5a));
  const down = await get(h.bot.port, '/readyz');
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ ok: false, error: 'database_unavailable' });
  // Restart on a good file so afterEach can stop the bot cleanly.
  fs.rmSync(h.dbFile);
  await h.restartBot();
  expect((await get(h.bot.port, '/readyz')).status).toBe(200);
});

test('/readyz answers 503 within its deadline when the check does not answer, and says "migrating" as the check says', async () => {
  let answer: 'hang' | 'migrating' = 'hang';
  const door = new HttpDoor({
    routes: [
      readyRoute(
        () => (answer === 'hang' ? new Promise(() => undefined) : { ready: false, reason: 'migrating', problem: 'another replica is applying migrations' }),
        silentLogger,
        150,
      ),
    ],
    logger: silentLogger,
  });
  const server = await door.start(0, '127.0.0.1');
  const port = (server.address() as net.AddressInfo).port;
  try {
    const started = Date.now();
    const hung = await get(port, '/readyz');
    expect(hung.status).toBe(503);
    expect(await hung.json()).toEqual({ ok: false, error: 'database_unavailable' });
    expect(Date.now() - started).toBeLessThan(1_000);
    answer = 'migrating';
    const migrating = await get(port, '/readyz');
    expect(migrating.status).toBe(503);
    expect(await migrating.json()).toEqual({ ok: false, error: 'migrating' });
  } finally {
    await door.stop();
  }
});

test('HOST binds one interface: 127.0.0.1 is served, another loopback address is not (by default, every interface is)', async () => {
  h = await startHarness({ env: { HOST: '127.0.0.1' } });
  const port = h.bot.port ?? 0;
  expect((await get(port, '/healthz')).status).toBe(200);
  expect(await accepts('127.0.0.2', port)).toBe(false);
  await h.close();
  h = await startHarness();
  expect(await accepts('127.0.0.2', h.bot.port ?? 0)).toBe(true);
});

test('METRICS_PORT moves /metrics to a port of its own: served there and nothing else; gone from PORT', async () => {
  h = await startHarness({ env: { METRICS_PORT: '0', HOST: '127.0.0.1' } });
  const { port, metricsPort } = h.bot.slack;
  expect(metricsPort).toBeDefined();
  expect(metricsPort).not.toBe(port);
  const metrics = await get(metricsPort, '/metrics');
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain('# TYPE crisis_bot_requests_total counter');
  expect((await get(port, '/metrics')).status).toBe(404);
  expect((await get(metricsPort, '/healthz')).status).toBe(404);
  expect((await get(metricsPort, '/slack/events')).status).toBe(404);
  expect(await accepts('127.0.0.2', metricsPort ?? 0)).toBe(false);
  // Stopping the bot lets go of both ports.
  await h.close();
  h = undefined;
  expect(await accepts('127.0.0.1', metricsPort ?? 0)).toBe(false);
});

test('DATABASE_URL that no server answers stops start-up with the database named, and no SQLite file is opened instead', async () => {
  // A port nothing listens on: the connection is refused at once.
  const port = await freePort();
  const dbFile = tempDbFile();
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', PORT: '0', DATABASE_PATH: dbFile, DATABASE_URL: `postgres://crisis:secret@127.0.0.1:${port}/crisis` });
  await expect(startBot({ config, logger: silentLogger, scheduler: false })).rejects.toThrow(DatabaseUnavailableError);
  // Replicas must never quietly split onto SQLite files of their own.
  expect(fs.existsSync(dbFile)).toBe(false);
});
