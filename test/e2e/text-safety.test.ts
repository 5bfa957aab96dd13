/**
 * Clean text in, safe text out, end to end: what no one can see (NUL, bidi overrides) never gets
 * in; a title of zero-width characters is refused; a title of 150 emoji is cut between characters
 * in the channel topic (the cut used to split one, and Slack's form encoding threw URIError);
 * `<!channel>` and a disguised link in a title are inert in the topic; a mention typed into the
 * impact is shown on the card and in the debrief without pinging anyone; and at LOG_LEVEL=debug a
 * private crisis's words never reach the log.
 */
import { createLogger } from '../../src/logger';
import { INPUTS } from '../../src/slack/ids';
import { ALICE, BOB, GENERAL, type Harness } from '../helpers/harness';
import { textsIn } from './fixtures/crisis-steps';
import { ackText, commandWithReply, crisisCommand, declareQuick, readable, replyText, rowCounts, startAt } from './helpers/declare-helpers';

const NOTHING = { crises: 0, role_assignments: 0, checklist_items: 0, timeline_events: 0, reminders: 0 };

describe('people text, in and out', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startAt();
  });
  afterEach(async () => {
    await h.close();
  });

  test('NUL and bidi overrides are stripped from a declared title and from a note, wherever they are shown', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Kettle\u0000 K2 \u202Eoverheating\u2066');
    expect(crisis.title).toBe('Kettle K2 overheating');
    await crisisCommand(h, ALICE, crisis.channelId, 'note supplier\u0000 called \u202Dback\u2069');
    expect(h.bot.store.timeline.list(crisis.id).find((e) => e.kind === 'note')?.text).toBe('supplier called back');
    const everything = JSON.stringify([h.emu.messages(crisis.channelId), h.emu.dmsTo(ALICE), h.emu.channel(crisis.channelId)?.topic]);
    expect(everything).not.toMatch(/\\u0000|\u202E|\u2066|\u202D|\u2069/);
    expect(h.emu.channel(crisis.channelId)?.topic.value).toBe('High (sev2) · Kettle K2 overheating');
  });

  test('a title of zero-width characters only is refused, typed or in the form, and nothing is made', async () => {
    const before = h.emu.calls().length;
    const ack = await crisisCommand(h, ALICE, GENERAL, 'declare sev1 \u200B\u200C\u200D\u2060\uFEFF');
    expect(ackText(ack)).toContain('That title has no visible character');
    expect(h.emu.calls().slice(before).map((c) => c.method)).toEqual([]);

    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const form = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open));
    const submitted = await h.driver.submitView({ userId: ALICE, viewId: form.id, values: { [INPUTS.title.block]: '\u200B \u200B' } });
    expect(JSON.stringify(submitted.json)).toContain('no visible character');
    expect(h.emu.calls('conversations.create')).toEqual([]);
    expect(rowCounts(h)).toEqual(NOTHING);
  });

  test('a title of 150 emoji: declared, its topic cut between characters, with no warning', async () => {
    const title = '🔥'.repeat(150);
    // "Low (sev4) · " is 13 code units: a cut at 250 used to fall inside an emoji.
    const { crisis, reply } = await declareQuick(h, `sev4 ${title}`);
    expect(crisis.title).toBe(title);
    expect(reply).not.toContain('Could not');
    const topic = h.emu.channel(crisis.channelId)?.topic.value ?? '';
    expect(topic.startsWith('Low (sev4) · 🔥')).toBe(true);
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic.endsWith('🔥…')).toBe(true);
    expect(() => encodeURIComponent(topic)).not.toThrow();
    expect(h.emu.calls('conversations.setTopic').map((c) => c.status)).toEqual([200]);
  });

  test('a title of 21 family emoji: the topic keeps each family whole', async () => {
    const family = '👩‍👩‍👧‍👦';
    const { crisis } = await declareQuick(h, `sev1 ${family.repeat(21)}`);
    const topic = h.emu.channel(crisis.channelId)?.topic.value ?? '';
    const rest = topic.replace('Critical (sev1) · ', '').replace(/…$/, '');
    const graphemes = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(rest), (s) => s.segment);
    expect(graphemes.length).toBeGreaterThan(0);
    expect(graphemes.every((g) => g === family)).toBe(true);
  });

  test('<!channel> and a disguised link in a title or impact are shown, not acted on, in the topic and purpose; in mrkdwn they stay escaped', async () => {
    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const form = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open));
    await h.driver.submitView({
      userId: ALICE,
      viewId: form.id,
      values: {
        [INPUTS.title.block]: '<!channel> <https://evil.example|Click to verify> <!subteam^S0OPS|@ops>',
        [INPUTS.impact.block]: '<!here> go to <https://evil.example|the refund page>',
      },
    });
    const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[0]);
    const channel = await h.emu.waitFor(() => (h.emu.channel(crisis.channelId)?.purpose.value ? h.emu.channel(crisis.channelId) : undefined));
    expect(channel.topic.value).toBe('High (sev2) · @channel Click to verify (https://evil.example) @ops');
    expect(channel.purpose.value).toBe('Other crisis declared by the crisis bot. Impact: @here go to the refund page (https://evil.example)');
    // In mrkdwn (plain_text, like the card's header, is never read as markup) they are escaped.
    const card = await h.emu.waitFor(() => h.emu.messages(crisis.channelId)[0]);
    const markup = textsIn({ text: card.text, blocks: card.blocks }, 'card').filter((t) => !t.plain).map((t) => t.text);
    expect(markup.filter((t) => /<!|<https/.test(t))).toEqual([]);
    expect(markup.join('\n')).toContain('&lt;!here&gt; go to &lt;https://evil.example|the refund page&gt;');
  });

  test('a mention typed into the impact is shown on the card and in the debrief, and pings no one', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Checkout payments failing');
    await crisisCommand(h, ALICE, crisis.channelId, `impact Ask <@${BOB}> before promising refunds`);
    const card = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => m.ts === h.bot.store.crises.get(crisis.id).cardTs && readable(m).includes('Ask')));
    expect(readable(card)).toContain('Ask @Bob Baker before promising refunds');
    expect(JSON.stringify(card)).not.toContain(`<@${BOB}>`);

    await commandWithReply(h, ALICE, crisis.channelId, 'debrief');
    const debrief = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => /after-action report/i.test(m.text)));
    expect(readable(debrief)).toContain('Ask @Bob Baker before promising refunds');
    expect(JSON.stringify(debrief)).not.toContain(`<@${BOB}>`);
    // The file names people in words, as before.
    const file = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename.endsWith('.md')));
    expect(file.content).toContain('Ask @Bob Baker before promising refunds');
  });
});

describe('at LOG_LEVEL=debug', () => {
  test("a private crisis's words never reach the log; the calls still show", async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', [], (line) => lines.push(line));
    const h = await startAt({ logger, env: { LOG_LEVEL: 'debug' } });
    try {
      const { reply } = await commandWithReply(h, ALICE, GENERAL, 'declare private sev1 Quietkettle recall at Northwind');
      expect(replyText(reply)).toContain('Declared');
      const crisis = h.bot.store.crises.listOpen()[0];
      if (!crisis) throw new Error('not declared');
      await crisisCommand(h, ALICE, crisis.channelId, 'note Quietkettle batch 7 affected');
      await commandWithReply(h, ALICE, crisis.channelId, 'impact Quietkettle owners must stop using it');
      await commandWithReply(h, ALICE, crisis.channelId, 'update Quietkettle supplier confirmed the fault');
    } finally {
      await h.close();
    }
    expect(lines.filter((l) => l.includes('http request body')).length).toBeGreaterThan(5);
    expect(lines.filter((l) => l.includes('Quietkettle') || l.includes('Northwind'))).toEqual([]);
    // Which call went where is still there.
    expect(lines.some((l) => l.includes('conversations.create'))).toBe(true);
  });
});
