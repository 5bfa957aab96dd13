/**
 * Requests from Slack, over real HTTP: a bad, missing or stale signature gets 401 and changes
 * nothing; a retried event, view submission, button click or command is handled once; and no
 * token or secret reaches the logs, even at debug level through a whole crisis.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/logger';
import type { SlackDriver } from '../../src/emulator';
import { INPUTS, ACTIONS } from '../../src/slack/ids';
import { ALICE, BOB, BOT_TOKEN, GENERAL, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';
import { declare, reply, timelineKinds } from './fixtures/crisis-steps';

type RawInput = Parameters<SlackDriver['raw']>[0];

/** Records every body the driver sends, so a test can send one again as Slack's retry would. */
function recordSends(h: Harness): { last(): RawInput; resend(input: RawInput, headers?: Record<string, string>): ReturnType<SlackDriver['raw']> } {
  const driver = h.driver;
  const original = driver.raw.bind(driver);
  const sent: RawInput[] = [];
  driver.raw = (input) => {
    sent.push(input);
    return original(input);
  };
  return {
    last: () => {
      const input = sent.at(-1);
      if (!input) throw new Error('nothing sent yet');
      return input;
    },
    // A retry is signed afresh (new timestamp) over the same body.
    resend: (input, headers = {}) => original({ body: input.body, contentType: input.contentType, headers: { ...input.headers, ...headers } }),
  };
}

describe('signed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 401 to a bad, missing or stale signature and does nothing', async () => {
    h.emu.resetCalls();
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { signatureOverride: 'v0=0000000000000000000000000000000000000000000000000000000000000000' },
      { signatureOverride: 'not-a-signature' },
      { timestampOverride: now - 6 * 60 },
      { timestampOverride: 'yesterday' },
    ];
    for (const attempt of attempts) {
      const res = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Forged crisis', ...attempt });
      expect(res.status).toBe(401);
    }
    const form = 'command=%2Fcrisis&text=declare+sev1+Unsigned&user_id=U0ALICE&channel_id=C0GENERAL&team_id=T0CRISIS&trigger_id=1.2.3';
    expect((await h.driver.raw({ body: form, contentType: 'application/x-www-form-urlencoded', signature: false })).status).toBe(401);
    expect((await h.driver.raw({ body: form, contentType: 'application/x-www-form-urlencoded', timestamp: false })).status).toBe(401);
    // Signed with another app's secret.
    const other = await h.driver.raw({ body: form, contentType: 'application/x-www-form-urlencoded', signature: 'v0=abc' });
    expect(other.status).toBe(401);

    await h.settled();
    expect(h.emu.calls()).toEqual([]);
    expect(h.emu.responses()).toEqual([]);
    expect(h.bot.store.crises.countOpen()).toBe(0);
  });

  it("refuses Slack's own 2018 test vector as stale when the bot holds its secret", async () => {
    const vectorFile = path.resolve(__dirname, '../../../shared/slack/payloads/signing_test_vector.json');
    if (!fs.existsSync(vectorFile)) return;
    const vector = JSON.parse(fs.readFileSync(vectorFile, 'utf8')) as { signing_secret: string; body: string; headers: Record<string, string> };
    const own = await startHarness({ env: { SLACK_SIGNING_SECRET: vector.signing_secret } });
    try {
      const res = await own.driver.raw({
        body: vector.body,
        contentType: 'application/x-www-form-urlencoded',
        timestamp: String(vector.headers['X-Slack-Request-Timestamp']),
        signature: String(vector.headers['X-Slack-Signature']),
      });
      expect(res.status).toBe(401);
    } finally {
      await own.close();
    }
  });
});

describe('Slack retries', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('handles an event once when Slack retries it with the same event_id', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Login errors');
    const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text: 'error rate back to 0.1%' });
    const first = await h.driver.reactionAdded({ userId: ALICE, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    await h.emu.waitFor(() => h.emu.calls('reactions.add').length === 1);
    for (const [retryNum, reason] of [[1, 'http_timeout'], [2, 'http_error'], [3, 'http_timeout']] as const) {
      const retry = await h.driver.reactionAdded({ userId: ALICE, channelId: crisis.channelId, ts, reaction: 'pushpin' }, { eventId: first.eventId, retryNum, retryReason: reason });
      expect(retry.status).toBe(200);
    }
    await h.settled();
    expect(timelineKinds(h, crisis.id).filter((k) => k === 'message_captured')).toHaveLength(1);
    // The guard stops the retry before any work: the message is read and confirmed once.
    expect(h.emu.calls('conversations.history')).toHaveLength(1);
    expect(h.emu.calls('reactions.add')).toHaveLength(1);
  });

  it('handles a view submission once when the same view (id and hash) arrives again', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Search is slow');
    const sends = recordSends(h);
    await h.driver.clickButton({ userId: ALICE, actionId: ACTIONS.cardPostUpdate, channelId: crisis.channelId });
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open));
    const submitted = await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { [INPUTS.update.block]: 'Index rebuilt; latency normal' } });
    expect(submitted.status).toBe(200);
    const body = sends.last();
    await h.emu.waitFor(() => timelineKinds(h, crisis.id).includes('update_posted'));
    const again = await sends.resend(body);
    expect(again.status).toBe(200);
    await h.settled();
    expect(timelineKinds(h, crisis.id).filter((k) => k === 'update_posted')).toHaveLength(1);
    expect(h.emu.messages(crisis.channelId).filter((m) => m.text.startsWith('Update: Index rebuilt'))).toHaveLength(1);
  });

  it('handles a button click once when the same action_ts arrives again', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Mail delayed');
    h.clock.advanceMinutes(61);
    expect((await h.bot.services.reminders.tick()).sent).toBe(1);
    const reminder = h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Update due'));
    const sends = recordSends(h);
    await h.driver.clickButton({ userId: BOB, actionId: ACTIONS.reminderSnooze15, channelId: crisis.channelId, messageTs: reminder?.ts ?? '' });
    await h.emu.waitFor(() => h.emu.calls('chat.update').some((c) => c.args.ts === reminder?.ts));
    const dueAfterFirst = h.bot.store.reminders.get(crisis.id)?.nextDueAt;
    h.clock.advanceMinutes(5);
    const again = await sends.resend(sends.last());
    expect(again.status).toBe(200);
    await h.settled();
    expect(timelineKinds(h, crisis.id).filter((k) => k === 'reminder_snoozed')).toHaveLength(1);
    // A second snooze five minutes on would have pushed the reminder five minutes later.
    expect(h.bot.store.reminders.get(crisis.id)?.nextDueAt).toBe(dueAfterFirst);
    expect(h.emu.calls('chat.update').filter((c) => c.args.ts === reminder?.ts)).toHaveLength(1);
  });

  it('handles a slash command once when the same trigger arrives again', async () => {
    const sends = recordSends(h);
    await reply(h, ALICE, GENERAL, 'declare sev3 Printer on fire');
    const again = await sends.resend(sends.last(), { 'X-Slack-Retry-Num': '1' });
    expect(again.status).toBe(200);
    await h.settled();
    expect(h.bot.store.crises.countOpen()).toBe(1);
    expect(h.emu.calls('conversations.create')).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never carry the bot token or the signing secret, at debug level through a whole crisis', async () => {
    const lines: string[] = [];
    const captured: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' '))),
    );
    // Built as startBot builds it; nothing is added to the secrets it masks.
    const logger = createLogger('debug', [BOT_TOKEN, SIGNING_SECRET], (line) => lines.push(line));
    const unmasked = createLogger('debug', [], (line) => lines.push(line));
    const h = await startHarness({ env: { LOG_LEVEL: 'debug' }, logger: { ...logger, debug: unmasked.debug } });
    try {
      const crisis = await declare(h, ALICE, GENERAL, 'Full crisis for the logs');
      await reply(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
      h.emu.failNext('chat.postMessage', 'invalid_auth');
      await reply(h, ALICE, crisis.channelId, 'update this one fails');
      h.emu.rateLimit('chat.postMessage', 1);
      await reply(h, ALICE, crisis.channelId, 'update this one waits');
      await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Forged', signatureOverride: 'v0=bad' });
      h.clock.advanceMinutes(61);
      await h.bot.services.reminders.tick();
      await reply(h, ALICE, crisis.channelId, 'resolve fixed');
      await reply(h, ALICE, crisis.channelId, 'debrief');
    } finally {
      await h.close();
      spies.forEach((s) => s.mockRestore());
    }
    const all = [...lines, ...captured].join('\n');
    // The capture is real: Bolt's debug lines, our warnings and the Slack error all went through it.
    expect(lines.some((l) => l.includes('"source":"bolt"') && l.includes('"level":"debug"'))).toBe(true);
    expect(all).toContain('rate limited by Slack');
    expect(all).toContain('invalid_auth');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain(BOT_TOKEN.slice('xoxb-'.length));
  });
});
