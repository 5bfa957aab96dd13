/**
 * PostgreSQL goes away under a running bot (a failover of the managed database, a restart) and
 * comes back: while it is gone a person is told "the database failed; nothing changed" within
 * Slack's 3 seconds, /healthz and /readyz answer 503 so a load balancer stops sending work, nothing
 * is half-written; once it is back the bot reconnects by itself and the same command works.
 */
import { DATABASE_FAILED } from '../../src/slack/listeners/reply';
import { ALICE, startHarness, type Harness } from '../helpers/harness';
import { describeOnPostgres, startPostgres, type PostgresServer } from '../helpers/postgres';
import { ackText, crisisCommand, declareQuick } from './helpers/declare-helpers';
import { events } from './timeline-fixtures';

describeOnPostgres('PostgreSQL lost and back', () => {
  let server: PostgresServer;
  let h: Harness | undefined;

  beforeAll(async () => {
    // A server of its own: this test takes it down.
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('tells the person the database failed while it is gone, answers 503 on /healthz and /readyz, and carries on by itself once it is back', async () => {
    h = await startHarness({ env: { DATABASE_URL: server.url } });
    const bot = h;
    expect(bot.bot.engine).toBe('postgres');
    const { crisis } = await declareQuick(bot, 'sev2 Checkout payments failing');
    await bot.settled();

    await server.down();
    const started = Date.now();
    const note = await crisisCommand(bot, ALICE, crisis.channelId, 'note Supplier called back');
    expect(ackText(note)).toContain(DATABASE_FAILED);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await fetch(`http://127.0.0.1:${bot.bot.port}/healthz`)).status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${bot.bot.port}/readyz`)).status).toBe(503);

    await server.up();
    expect((await fetch(`http://127.0.0.1:${bot.bot.port}/healthz`)).status).toBe(200);
    expect(ackText(await crisisCommand(bot, ALICE, crisis.channelId, 'note Supplier called back'))).not.toContain(DATABASE_FAILED);
    await bot.emu.waitFor(() => events(bot, crisis.id, 'note').length === 1);
    expect((await fetch(`http://127.0.0.1:${bot.bot.port}/readyz`)).status).toBe(200);
  });
});
