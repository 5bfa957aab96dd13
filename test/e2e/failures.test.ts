/**
 * Every Web API call the bot makes while declaring, assigning, updating, resolving and debriefing
 * is made to fail in turn (failNext on that very call), and each outcome is checked: the step is
 * refused with a clear message and nothing recorded, or it stands and the person is warned, or (for
 * background repaints) a warning is logged. Then 429s: waited out off the ack path, or reported.
 */
import type { Crisis } from '../../src/core/crisis';
import { createLogger } from '../../src/logger';
import { ALICE, ANNOUNCE, BOB, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { declare, reply, replyInFull, timelineKinds } from './fixtures/crisis-steps';

type Step = 'declare' | 'assign' | 'update' | 'resolve' | 'debrief';
/** aborted: refused, nothing recorded; warned: done, the person told what failed; logged: done, a warning logged. */
type Outcome = 'aborted' | 'warned' | 'logged';

interface Case {
  step: Step;
  method: string;
  /** Which call to that method within the step (1 = first). */
  nth: number;
  outcome: Outcome;
  says: RegExp;
}

const CASES: Case[] = [
  { step: 'declare', method: 'conversations.create', nth: 1, outcome: 'aborted', says: /^I could not create the crisis channel: Slack had an internal error \(fatal_error\)\. Please try again\. Nothing was declared\.\n/ },
  { step: 'declare', method: 'conversations.setTopic', nth: 1, outcome: 'warned', says: /Could not set the channel topic: Slack had an internal error/ },
  { step: 'declare', method: 'conversations.setPurpose', nth: 1, outcome: 'warned', says: /Could not set the channel topic: Slack had an internal error/ },
  { step: 'declare', method: 'conversations.invite', nth: 1, outcome: 'aborted', says: /^I could not finish setting up the crisis: .*Nothing was declared, and the half-made channel #crisis-\S+ was archived\./ },
  { step: 'declare', method: 'chat.postMessage', nth: 1, outcome: 'aborted', says: /^I could not finish setting up the crisis: .*Nothing was declared, and the half-made channel #crisis-\S+ was archived\./ },
  { step: 'declare', method: 'pins.add', nth: 1, outcome: 'warned', says: /Could not pin the crisis card: Slack had an internal error/ },
  { step: 'declare', method: 'chat.postMessage', nth: 2, outcome: 'warned', says: /Could not announce the crisis: Slack had an internal error/ },
  { step: 'declare', method: 'chat.postMessage', nth: 3, outcome: 'warned', says: /Could not send the lead their checklist: Slack had an internal error/ },
  { step: 'assign', method: 'conversations.invite', nth: 1, outcome: 'warned', says: /Could not invite <@U0BOB> to the channel: Slack had an internal error/ },
  { step: 'assign', method: 'chat.postMessage', nth: 1, outcome: 'warned', says: /Could not send <@U0BOB> their checklist: Slack had an internal error/ },
  { step: 'assign', method: 'chat.postMessage', nth: 2, outcome: 'warned', says: /Could not tell <@U0ALICE> they were relieved: Slack had an internal error/ },
  { step: 'assign', method: 'chat.postMessage', nth: 3, outcome: 'warned', says: /Could not announce the handover in the channel: Slack had an internal error/ },
  { step: 'assign', method: 'chat.update', nth: 1, outcome: 'logged', says: /^Handed over crisis lead from <@U0ALICE> to <@U0BOB>\.\n/ },
  { step: 'update', method: 'chat.postMessage', nth: 1, outcome: 'aborted', says: /^Your update was not posted: Slack had an internal error \(fatal_error\)\. Please try again\. Nothing was recorded; please try again\.\n/ },
  { step: 'update', method: 'chat.update', nth: 1, outcome: 'logged', says: /^Update posted\. Next update due in 1 h\.\n/ },
  { step: 'resolve', method: 'chat.postMessage', nth: 1, outcome: 'warned', says: /Could not post the resolution in the channel: Slack had an internal error/ },
  { step: 'resolve', method: 'chat.postMessage', nth: 2, outcome: 'warned', says: /Could not announce the resolution: Slack had an internal error/ },
  { step: 'resolve', method: 'chat.update', nth: 1, outcome: 'logged', says: /^Resolved\. Reminders are stopped\./ },
  { step: 'debrief', method: 'chat.postMessage', nth: 1, outcome: 'aborted', says: /^The debrief could not be posted: Slack had an internal error/ },
  { step: 'debrief', method: 'files.getUploadURLExternal', nth: 1, outcome: 'aborted', says: /^The debrief could not be posted: Slack had an internal error/ },
  // The volume chart (a PNG) goes up beside the Markdown report (the crisis has a sample).
  { step: 'debrief', method: 'files.getUploadURLExternal', nth: 2, outcome: 'aborted', says: /^The debrief could not be posted: Slack had an internal error/ },
  { step: 'debrief', method: 'files.completeUploadExternal', nth: 1, outcome: 'aborted', says: /^The debrief could not be posted: Slack had an internal error/ },
];

const STEPS: Step[] = ['declare', 'assign', 'update', 'resolve', 'debrief'];

describe('a Slack failure on each call', () => {
  let h: Harness;
  const warnings: string[] = [];
  let counter = 0;

  beforeAll(async () => {
    const logger = createLogger('warn', [], (line) => warnings.push(line));
    h = await startHarness({ logger });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Runs one step on a crisis made for it; returns what the person was told. */
  async function run(step: Step, crisis: Crisis | undefined, title: string): Promise<string> {
    if (step === 'declare' || !crisis) return replyInFull(h, ALICE, GENERAL, `declare sev2 ${title}`);
    const text = { assign: `assign <@${BOB}> lead`, update: 'update rolled back the deploy', resolve: 'resolve rollback fixed it', debrief: 'debrief' }[step];
    return replyInFull(h, ALICE, crisis.channelId, text);
  }

  async function prepare(step: Step, title: string): Promise<Crisis | undefined> {
    if (step === 'declare') return undefined;
    const crisis = await declare(h, ALICE, GENERAL, title);
    if (step === 'debrief') {
      // A volume sample, so the debrief has a chart to upload beside the report (none without).
      await reply(h, ALICE, crisis.channelId, 'volume 12 zendesk');
      await reply(h, ALICE, crisis.channelId, 'resolve fixed');
    }
    return crisis;
  }

  /** Every call of the step made, and nothing left under way to land in the next one. */
  const settle = (): Promise<void> => h.settled();

  it('exercises every call each step makes, in order', async () => {
    for (const step of STEPS) {
      counter += 1;
      const crisis = await prepare(step, `Clean run ${counter}`);
      await settle();
      h.emu.resetCalls();
      await run(step, crisis, `Clean run ${counter}`);
      await settle();
      const seen = new Map<string, number>();
      // users.info (names for the report) is cached after the first lookup: tested on its own below.
      // views.publish is the App Home, republished once a step has touched it: not a call of the step.
      const made = h.emu.calls().filter((c) => c.method !== 'users.info' && c.method !== 'views.publish').map((c) => {
        const nth = (seen.get(c.method) ?? 0) + 1;
        seen.set(c.method, nth);
        return `${c.method}#${nth}`;
      });
      const covered = CASES.filter((c) => c.step === step).map((c) => `${c.method}#${c.nth}`);
      expect([...made].sort()).toEqual([...covered].sort());
    }
  });

  for (const c of CASES) {
    it(`${c.step}: ${c.method} call ${c.nth} fails → ${c.outcome}`, async () => {
      counter += 1;
      const title = `Fault ${counter} ${c.method}`;
      const crisis = await prepare(c.step, title);
      await settle();
      const rowsBefore = crisis ? h.bot.store.timeline.list(crisis.id).length : 0;
      const openBefore = h.bot.store.crises.countOpen();
      const warningsBefore = warnings.length;
      h.emu.resetCalls();
      let seen = 0;
      h.emu.failNext(c.method, 'fatal_error', 1, () => (seen += 1) === c.nth);
      const said = await run(c.step, crisis, title);
      await settle();
      h.emu.clearFaults();
      expect(said).toMatch(c.says);
      expect(h.emu.calls(c.method).filter((call) => call.error === 'fatal_error')).toHaveLength(1);
      const newWarnings = warnings.slice(warningsBefore).join('\n');

      if (c.step === 'declare') {
        const stored = h.bot.store.crises.listOpen(10_000).find((x) => x.title === title);
        const made = h.emu.calls('conversations.create').find((x) => x.ok);
        if (c.outcome === 'aborted') {
          expect(stored).toBeUndefined();
          expect(h.bot.store.crises.countOpen()).toBe(openBefore);
          // The half-made channel is archived; no channel when creating it failed.
          const channel = made ? h.emu.channelByName(String(made.args.name)) : undefined;
          expect(channel?.is_archived ?? 'none').toBe(made ? true : 'none');
        } else {
          expect(stored?.cardTs).toEqual(expect.any(String));
          expect(said).toMatch(/^:rotating_light: Declared\./);
        }
        return;
      }
      if (!crisis) throw new Error('no crisis');
      const now = h.bot.store.crises.get(crisis.id);
      const kinds = timelineKinds(h, crisis.id).slice(rowsBefore);
      switch (c.step) {
        case 'assign':
          expect(h.bot.services.snapshot(now).holders.lead).toEqual([BOB]);
          expect(kinds).toEqual(['role_relieved', 'role_assigned']);
          break;
        case 'update':
          expect(kinds).toEqual(c.outcome === 'aborted' ? [] : ['update_posted']);
          break;
        case 'resolve':
          expect(now.status).toBe('resolved');
          expect(h.bot.store.reminders.get(crisis.id)?.enabled).toBe(false);
          break;
        case 'debrief': {
          expect(kinds).toEqual([]);
          // The file is uploaded before the summary is posted, so only a failed final share leaves the summary up.
          const summaries = h.emu.messages(crisis.channelId).filter((m) => /after-action report/i.test(m.text));
          expect(summaries).toHaveLength(c.method === 'files.completeUploadExternal' ? 1 : 0);
          break;
        }
      }
      if (c.outcome === 'logged') {
        expect(newWarnings).toContain('could not update the crisis card');
        expect(said).not.toContain('Could not');
      }
    });
  }

  it('posts the debrief with user ids when a name lookup fails', async () => {
    const fresh = h.emu.addUser({ name: 'grace', real_name: 'Grace Hopper' });
    const crisis = await declare(h, fresh.id, GENERAL, 'Names unavailable');
    h.emu.failNext('users.info', 'fatal_error', 1, (args) => args.user === fresh.id);
    const said = await replyInFull(h, fresh.id, crisis.channelId, 'debrief');
    expect(said).toMatch(/^Interim report posted in the channel, with the full Markdown file\./);
    expect(h.emu.calls('users.info').filter((c) => c.error === 'fatal_error')).toHaveLength(1);
    expect(timelineKinds(h, crisis.id)).toContain('debrief_posted');
    const file = h.emu.files().find((f) => f.filename === `${crisis.channelName}-debrief.md`);
    expect(file?.content).toContain(fresh.id);
    expect(file?.content).not.toContain('Grace Hopper');
  });

});

describe('a Slack failure in background work', () => {
  let h: Harness;
  const warnings: string[] = [];

  beforeEach(async () => {
    h = await startHarness({ logger: createLogger('warn', [], (line) => warnings.push(line)) });
  });
  afterEach(async () => {
    await h.close();
  });

  it('logs a failed reminder, sends it on the next tick, and records it once', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Reminder retried');
    h.clock.advanceMinutes(24 * 60);
    const warningsBefore = warnings.length;
    h.emu.failNext('chat.postMessage', 'fatal_error', 1, (args) => args.channel === crisis.channelId);
    const first = await h.bot.services.reminders.tick();
    expect(first.failed).toBe(1);
    expect(warnings.slice(warningsBefore).join('\n')).toContain('reminder could not be posted; will retry next tick');
    expect(timelineKinds(h, crisis.id)).not.toContain('reminder_sent');
    const second = await h.bot.services.reminders.tick();
    expect(second.sent).toBeGreaterThanOrEqual(1);
    expect(timelineKinds(h, crisis.id).filter((k) => k === 'reminder_sent')).toHaveLength(1);
    expect(h.emu.messages(crisis.channelId).filter((m) => m.text.startsWith('Update due'))).toHaveLength(1);
  });

  it('stops reminding a crisis whose channel was archived, with a logged warning', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Channel archived');
    h.emu.archiveChannel(crisis.channelId);
    h.clock.advanceMinutes(24 * 60);
    const warningsBefore = warnings.length;
    const result = await h.bot.services.reminders.tick();
    expect(result.stopped).toBeGreaterThanOrEqual(1);
    expect(warnings.slice(warningsBefore).join('\n')).toContain('crisis channel is gone; reminders stopped for this crisis');
    expect(h.bot.store.reminders.get(crisis.id)?.enabled).toBe(false);
  });
});

describe('rate limits (429 with Retry-After)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('acks at once and waits the limit out afterwards', async () => {
    h.emu.rateLimit('conversations.create', 1);
    const started = Date.now();
    const ack = await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare sev1 Rate limited declare' });
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    expect(ack.json).toEqual({ response_type: 'ephemeral', text: 'Declaring *sev1* crisis… (channel, card, announcement)' });
    expect(ackMs).toBeLessThan(1000);
    expect(h.emu.calls('conversations.create').filter((c) => c.ok)).toHaveLength(0);
    // After the ack, the limited call is made and then waited out before it is tried again.
    await h.emu.waitFor(() => h.emu.calls('conversations.create').length > 0);
    expect(h.emu.calls('conversations.create').map((c) => c.status)).toEqual([429]);
    expect(h.bot.store.crises.countOpen()).toBe(0);
    const done = await h.emu.waitFor(() => h.emu.responses().find((r) => String(r.body.text).includes('Declared')), 5000);
    expect(done.at.getTime()).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.emu.calls('conversations.create').map((c) => c.status)).toEqual([429, 200]);
    expect(h.bot.store.crises.countOpen()).toBe(1);
  });

  it('tells the person when the limit is longer than the bot waits, and stores nothing', async () => {
    h.emu.rateLimit('conversations.create', 120);
    const said = await reply(h, ALICE, GENERAL, 'declare sev1 Limited for long');
    expect(said).toBe('I could not create the crisis channel: Slack is rate-limiting the bot right now. Please try again in a minute. Nothing was declared.');
    expect(h.bot.store.crises.countOpen()).toBe(0);
  });

  it('waits out a limit on an announcement without delaying the ack of other commands', async () => {
    const crisis = await declare(h, ALICE, GENERAL, 'Busy announce channel');
    h.emu.rateLimit('chat.postMessage', 1);
    const pending = reply(h, ALICE, crisis.channelId, 'severity sev1');
    await h.emu.waitFor(() => h.emu.calls('chat.postMessage').some((c) => c.status === 429));
    const started = Date.now();
    const list = await h.driver.slashCommand({ userId: BOB, channelId: GENERAL, text: 'list' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.stringify(list.json)).toContain('Busy announce channel');
    expect(await pending).toContain('Severity is now *sev1*');
    expect(h.emu.messages(ANNOUNCE).filter((m) => m.text.includes('Severity changed'))).toHaveLength(1);
  });
});
