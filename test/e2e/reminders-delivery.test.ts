/**
 * Issue 4, delivering reminders when Slack misbehaves: a channel that is gone stops its own
 * reminders (with a log line) without blocking the others, a passing failure is retried, many
 * crises due in one tick are all reminded, and a 429 is waited out with the reminder sent once.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import type { Logger } from '../../src/logger';
import { startHarness, type Harness } from '../helpers/harness';
import { declare, events, reminders, tick } from './updates-helpers';

const START = '2026-11-26T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[]): Logger {
  const log = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void lines.push({ level, message, fields });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

let h: Harness;
let logs: LogLine[];

beforeEach(async () => {
  logs = [];
  h = await startHarness({ clock: new ManualClock(START), logger: recordingLogger(logs) });
});

afterEach(async () => {
  await h.close();
});

async function declareMany(n: number): Promise<Crisis[]> {
  const crises: Crisis[] = [];
  for (let i = 1; i <= n; i += 1) crises.push(await declare(h, `declare sev2 Incident number ${i}`));
  return crises;
}

describe('a channel that is gone', () => {
  it('stops reminding that crisis, says so in the log, and does not block the others', async () => {
    const [archived, kicked, healthy] = await declareMany(3);
    h.emu.archiveChannel(archived!.channelId);
    h.emu.removeBotFromChannel(kicked!.channelId);

    h.clock.set(at(60));
    expect(await tick(h)).toMatchObject({ due: 3, sent: 1, stopped: 2, failed: 0 });
    expect(reminders(h, healthy!.channelId)).toHaveLength(1);
    for (const gone of [archived!, kicked!]) {
      expect(h.bot.store.reminders.get(gone.id)?.enabled).toBe(false);
      expect(events(h, gone.id, 'reminder_sent')).toHaveLength(0);
    }
    const stopped = logs.filter((l) => l.level === 'warn' && l.message.includes('reminders stopped'));
    expect(stopped.map((l) => [l.fields.crisisId, l.fields.code]).sort()).toEqual(
      [
        [archived!.id, 'is_archived'],
        [kicked!.id, 'not_in_channel'],
      ].sort(),
    );

    // Later ticks leave the gone channels alone and keep reminding the healthy one.
    h.emu.resetCalls();
    h.clock.set(at(120));
    expect(await tick(h)).toMatchObject({ due: 1, sent: 1, stopped: 0 });
    expect(h.emu.calls('chat.postMessage').filter((c) => c.args.channel !== healthy!.channelId && c.args.channel !== 'U0ALICE')).toHaveLength(0);
    expect(reminders(h, healthy!.channelId)).toHaveLength(2);
  });

  it('a passing Slack failure records nothing and the next tick delivers the reminder once', async () => {
    const [crisis] = await declareMany(1);
    const before = h.bot.store.reminders.get(crisis!.id);
    h.emu.failNext('chat.postMessage', 'fatal_error');
    h.clock.set(at(60));
    expect(await tick(h)).toMatchObject({ due: 1, sent: 0, failed: 1, stopped: 0 });
    expect(h.bot.store.reminders.get(crisis!.id)).toEqual(before);
    expect(events(h, crisis!.id, 'reminder_sent')).toHaveLength(0);
    expect(logs.some((l) => l.message.includes('will retry next tick') && l.fields.crisisId === crisis!.id)).toBe(true);

    h.clock.set(at(60.25));
    expect(await tick(h)).toMatchObject({ sent: 1, failed: 0 });
    expect(reminders(h, crisis!.channelId)).toHaveLength(1);
    expect(events(h, crisis!.id, 'reminder_sent')).toHaveLength(1);
  });
});

describe('many crises', () => {
  it('all due in one tick are each reminded exactly once, one failure not blocking the rest', async () => {
    const crises = await declareMany(12);
    h.emu.archiveChannel(crises[5]!.channelId);
    h.clock.set(at(60));
    expect(await tick(h)).toMatchObject({ due: 12, sent: 11, stopped: 1 });
    crises.forEach((c, i) => expect(reminders(h, c.channelId)).toHaveLength(i === 5 ? 0 : 1));
    expect((await tick(h)).due).toBe(0);
  });
});

describe('rate limits', () => {
  it('waits out a 429 with Retry-After and still delivers the reminder once', async () => {
    const [crisis] = await declareMany(1);
    h.emu.resetCalls();
    h.emu.rateLimit('chat.postMessage', 1);
    h.clock.set(at(60));
    const started = Date.now();
    expect(await tick(h)).toMatchObject({ sent: 1, failed: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);

    const posts = h.emu.calls('chat.postMessage').filter((c) => String(c.args.text).startsWith('Update due'));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at.getTime()).toBeGreaterThanOrEqual(posts[0]!.at.getTime());
    expect(reminders(h, crisis!.channelId)).toHaveLength(1);
    expect(events(h, crisis!.id, 'reminder_sent')).toHaveLength(1);
    expect(logs.some((l) => l.message.includes('rate limited') && l.fields.retryAfter === 1)).toBe(true);
  });
});
