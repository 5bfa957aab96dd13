/**
 * Issue 21's promise for moving over: `migrate-db` moves the demo's database to PostgreSQL, and the
 * debrief of each crisis is the same before and after. The demo plays in this process (its own
 * emulator, kept afterwards so the crises' channels are still there) and leaves its SQLite file;
 * migrate-db copies it to a fresh PostgreSQL database; then the real bot starts on each in turn, at
 * the same moment of the same clock, and `/crisis debrief` runs in every crisis channel, by the
 * person who declared it. What people get must be the same: the summary posted in the channel (its
 * text and blocks), the uploaded Markdown report and chart, the reply to the command; and the report
 * underneath (every figure, the timeline, the roles, the customer side) and the crisis itself.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startBot } from '../../src/bot';
import { ManualClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { DEMO_SIGNING_SECRET, DEMO_START, DEMO_TOKEN, demoEnv, playDemo } from '../../src/demo/play-demo';
import { SlackDriver, SlackEmulator } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { main as migrateDb } from '../../src/tools/migrate-db';
import { describeOnPostgres, freshDatabase } from '../helpers/postgres';
import { removeTempDir, tempDir } from '../helpers/temp-files';

/** After the demo's last scene: every crisis is debriefed at this moment, on both engines. */
const DEBRIEF_AT = '2026-12-03T09:00:00Z';

interface DemoCrisis {
  id: number;
  channel_id: string;
  declared_by: string;
  title: string;
}

/** What a person gets from `/crisis debrief` in one crisis, and the report underneath it. */
interface Debriefed {
  crisis: unknown;
  report: unknown;
  reply: unknown[];
  posted: unknown[];
  files: Array<{ filename: string; title: string; sha256: string; content?: string }>;
}

/** Slack (the emulator) names each block the bot left unnamed at random: not part of what people see. */
function withoutSlackBlockId(block: unknown): unknown {
  if (typeof block !== 'object' || block === null) return block;
  const { block_id: _id, ...rest } = block as Record<string, unknown>;
  return rest;
}

async function waitFor(what: string, done: () => boolean, maxMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > maxMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts the bot on `env`'s database, debriefs each crisis in turn, and stops it. */
async function debriefEach(emu: SlackEmulator, clock: ManualClock, env: NodeJS.ProcessEnv, crises: DemoCrisis[]): Promise<Debriefed[]> {
  clock.set(DEBRIEF_AT);
  const bot = await startBot({ config: loadConfig(env), clock, logger: createLogger('error'), scheduler: false });
  const results: Debriefed[] = [];
  try {
    emu.setEventsUrl(`http://127.0.0.1:${bot.port}/slack/events`);
    const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: DEMO_SIGNING_SECRET });
    for (const { id, channel_id: channel, declared_by: user } of crises) {
      const crisis = bot.store.crises.get(id);
      const report = bot.services.resolve.report(crisis, (userId) => userId);
      const messages = emu.messages(channel).length;
      const files = new Set(emu.files().map((f) => f.id));
      const responses = emu.responses().length;
      const ack = await driver.slashCommand({ userId: user, channelId: channel, text: 'debrief' });
      expect(ack.status).toBe(200);
      // The reply comes once the report is posted and recorded on the timeline.
      await waitFor(`the debrief of crisis ${id}`, () => emu.responses().length > responses);
      const uploaded = emu.files().filter((f) => !files.has(f.id));
      results.push({
        crisis,
        report,
        reply: [ack.body, ...emu.responses().slice(responses).map((r) => r.body)],
        posted: emu.messages(channel).slice(messages).map((m) => ({ user: m.user, text: m.text, blocks: m.blocks?.map(withoutSlackBlockId), files: m.files?.map((f) => f.name) })),
        files: uploaded.map((f) => {
          const bytes = emu.fileBytes(f.id) ?? Buffer.alloc(0);
          return { filename: f.filename, title: f.title, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), ...(f.filename.endsWith('.md') ? { content: f.content } : {}) };
        }),
      });
    }
  } finally {
    await bot.stop();
  }
  return results;
}

describeOnPostgres('migrate-db on the demo\'s database', () => {
  it('moves the demo\'s database to PostgreSQL, and the debrief of each crisis is the same before and after', async () => {
    const dir = tempDir('crisis-migrate-demo-');
    const file = path.join(dir, 'crisis.db');
    const clock = new ManualClock(DEMO_START);
    const emu = new SlackEmulator({ botToken: DEMO_TOKEN, signingSecret: DEMO_SIGNING_SECRET, now: () => clock.now() });
    await emu.start();
    const target = await freshDatabase('demo');
    try {
      await playDemo({ outDir: path.join(dir, 'files'), out: () => undefined, databasePath: file, emulator: { emu, clock } });
      const source = new Database(file, { readonly: true });
      const crises = source.prepare('SELECT id, channel_id, declared_by, title FROM crises ORDER BY id').all() as DemoCrisis[];
      const timelineRows = (source.prepare('SELECT COUNT(*) AS n FROM timeline_events').get() as { n: number }).n;
      source.close();
      // The demo's five: the payments outage, the recall, the drill, the shipping delay, the private breach.
      expect(crises.map((c) => c.title)).toEqual(['Checkout payments failing', 'Kettle K2 overheating', 'Search returns no results', 'Parcels stuck at the Leipzig hub', expect.any(String)]);

      const lines: string[] = [];
      expect(await migrateDb(['--from', file, '--to', target.url], {}, (l) => lines.push(l))).toBe(0);
      expect(lines.join('\n')).toMatch(new RegExp(`\\btimeline_events\\s+${timelineRows} rows\\s+checksum [0-9a-f]{16}\\s+ok`));

      // The bot on the SQLite file first (its debriefs are recorded there, not in the copy), then on PostgreSQL.
      const before = await debriefEach(emu, clock, demoEnv(emu, file), crises);
      const after = await debriefEach(emu, clock, { ...demoEnv(emu, path.join(dir, 'unused.db')), DATABASE_URL: target.url }, crises);

      // Each debrief is a real one: the summary and the report file in the crisis channel, with the
      // figures of the demo's script; the interim ones for the crises still open.
      expect(before).toHaveLength(5);
      for (const d of before) {
        // The summary, then the share of its files.
        expect(d.posted).toHaveLength(2);
        expect(d.files.some((f) => f.filename.endsWith('-debrief.md'))).toBe(true);
      }
      expect(before[1]?.files.find((f) => f.filename.endsWith('.md'))?.content).toContain('- Reminders sent: 3\n- Updates on time: 7 of 10 due times (70%)');
      expect(before[3]?.posted[0]).toMatchObject({ text: expect.stringContaining('Interim after-action report') });
      // The chart (PNG) of the first crisis went up with its report.
      expect(before[0]?.files.map((f) => f.filename)).toContain('crisis-20261126-checkout-payments-failing-volume.png');

      for (const [i, crisis] of crises.entries()) expect({ crisis: crisis.title, ...after[i] }).toEqual({ crisis: crisis.title, ...before[i] });
    } finally {
      await emu.stop();
      await target.drop();
      removeTempDir(dir);
    }
  }, 240_000);
});
