/**
 * User text is shown as typed, never as markup: a title, impact, update, statement, note, action,
 * summary or lesson holding `<!channel>`, `<!here>`, `<!everyone>` or `&` pings nobody and renders
 * as written, in every message, ephemeral, DM, modal and Home tab the bot produces through a whole
 * crisis. A user mention inside a title is escaped too; elsewhere mentions of colleagues may work.
 */
import { ACTIONS, INPUTS } from '../../src/slack/ids';
import { ALICE, ANNOUNCE, BOB, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { everythingShown, reply, textsIn, type Shown } from './fixtures/crisis-steps';

const FRANK_MENTION = '<@U0FRANK>';
const TITLE = `<!channel> Pay & ${FRANK_MENTION} down`;
const TITLE_SHOWN = '&lt;!channel&gt; Pay &amp; &lt;@U0FRANK&gt; down';
const BROADCASTS = ['<!channel>', '<!here>', '<!everyone>'];
/** An `&` that is not the start of one of the three entities Slack uses. */
const BARE_AMPERSAND = /&(?!amp;|lt;|gt;)/;

describe('user text in everything the bot shows', () => {
  let h: Harness;
  /** Replies given in the ack itself (list, roles, timeline, note): not kept by Slack anywhere else. */
  const acks: unknown[] = [];
  const ack = async (userId: string, channel: string, text: string): Promise<void> => {
    acks.push((await h.driver.slashCommand({ userId, channelId: channel, text })).json);
  };
  let channelId = '';

  beforeAll(async () => {
    h = await startHarness();
    // Declared through the modal so the impact is user text too.
    await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare' });
    const declareView = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open));
    await h.driver.submitView({
      userId: ALICE,
      viewId: declareView.id,
      values: { [INPUTS.title.block]: TITLE, [INPUTS.impact.block]: '<!everyone> on EU & US <!here>' },
    });
    const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[0]);
    channelId = crisis.channelId;
    await h.emu.waitFor(() => h.emu.calls('views.update').length > 0);

    await reply(h, ALICE, channelId, `assign <@${BOB}> spokesperson`);
    await reply(h, ALICE, channelId, 'update <!channel> rolled back & watching <!here>');
    await h.driver.clickButton({ userId: ALICE, actionId: ACTIONS.cardPostUpdate, channelId });
    const updateView = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open && v.payload.callback_id === 'update_modal'));
    await h.driver.submitView({
      userId: ALICE,
      viewId: updateView.id,
      values: { [INPUTS.update.block]: 'Stable & <!channel> quiet', [INPUTS.statement.block]: 'We are sorry <!everyone> & thank you' },
    });
    await h.emu.waitFor(() => h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'update_posted').length === 2);
    await ack(ALICE, channelId, 'note <!channel> vendor & partner called');
    await reply(h, ALICE, channelId, `action <!here> write & send the RCA <@${BOB}>`);
    await reply(h, ALICE, channelId, 'severity sev1');
    h.clock.advanceMinutes(31);
    await h.bot.services.reminders.tick();
    h.clock.advanceMinutes(31);
    await h.bot.services.reminders.tick();
    await ack(BOB, channelId, 'list');
    await ack(BOB, GENERAL, 'list');
    await ack(BOB, channelId, 'roles');
    await ack(BOB, channelId, 'timeline');
    await h.driver.appHomeOpened(BOB);
    await h.emu.waitFor(() => h.emu.homeView(BOB));
    await reply(h, ALICE, channelId, 'resolve <!channel> fixed & verified');
    const resolved = h.emu.messages(channelId).find((m) => m.text.startsWith('Resolved:'));
    await h.driver.clickButton({ userId: ALICE, actionId: ACTIONS.resolvedAddLessons, channelId, messageTs: resolved?.ts ?? '' });
    const lessons = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open && v.payload.callback_id === 'lessons_modal'));
    await h.driver.submitView({ userId: ALICE, viewId: lessons.id, values: { [INPUTS.wentWell.block]: '<!channel> paging & comms' } });
    await reply(h, ALICE, channelId, 'debrief');
  });

  afterAll(async () => {
    await h.close();
  });

  const shown = (): Shown[] => [...everythingShown(h), ...acks.flatMap((body, i) => textsIn(body, `ack${i}`))];

  it('produced the places that carry user text', () => {
    const messages = h.emu.messages(channelId).map((m) => m.text);
    expect(messages.some((t) => t.startsWith('Update: '))).toBe(true);
    expect(messages.some((t) => t.startsWith('Resolved: '))).toBe(true);
    expect(messages.some((t) => t.startsWith('Follow-up action #'))).toBe(true);
    expect(messages.some((t) => t.startsWith('Interim after-action report') || t.startsWith('After-action report'))).toBe(true);
    expect(h.emu.messages(channelId).some((m) => m.text.startsWith('Update overdue'))).toBe(true);
    expect(h.emu.dmsTo(ALICE).length).toBeGreaterThan(1);
    expect(h.emu.dmsTo(BOB).length).toBeGreaterThan(0);
    expect(h.emu.homeView(BOB)).toBeDefined();
    expect(shown().length).toBeGreaterThan(80);
    expect(shown().some((s) => s.where.startsWith('view:home'))).toBe(true);
  });

  it('never lets a broadcast through as markup', () => {
    const offenders = shown().filter((s) => !s.plain && BROADCASTS.some((b) => s.text.includes(b)));
    expect(offenders).toEqual([]);
  });

  it('never leaves a bare & in markup', () => {
    const offenders = shown().filter((s) => !s.plain && BARE_AMPERSAND.test(s.text));
    expect(offenders).toEqual([]);
  });

  it('escapes the mention inside the title wherever the title is shown', () => {
    // The "declared" timeline entry quotes the title among entries whose mentions are kept on purpose.
    const offenders = shown().filter((s) => !s.plain && s.text.includes(FRANK_MENTION) && !s.text.includes('Declared sev2: '));
    expect(offenders).toEqual([]);
    const card = h.emu.messages(channelId)[0];
    expect(card?.text).toContain(TITLE_SHOWN);
    for (const announcement of h.emu.messages(ANNOUNCE)) expect(JSON.stringify(announcement.blocks)).toContain(TITLE_SHOWN);
    for (const i of [1, 2, 3]) expect(JSON.stringify(acks[i])).toContain(TITLE_SHOWN);
    expect(JSON.stringify(h.emu.homeView(BOB)?.payload.blocks)).toContain(TITLE_SHOWN);
    expect(h.emu.messages(channelId).find((m) => /after-action report/i.test(m.text))?.text).toContain(TITLE_SHOWN);
  });

  it('shows each text escaped where it belongs', () => {
    const channelText = JSON.stringify(h.emu.messages(channelId).map((m) => [m.text, m.blocks]));
    expect(channelText).toContain('&lt;!channel&gt; rolled back &amp; watching &lt;!here&gt;');
    expect(channelText).toContain('Stable &amp; &lt;!channel&gt; quiet');
    expect(channelText).toContain('We are sorry &lt;!everyone&gt; &amp; thank you');
    expect(channelText).toContain('&lt;!channel&gt; fixed &amp; verified');
    expect(channelText).toContain('&lt;!here&gt; write &amp; send the RCA');
    expect(channelText).toContain('&lt;!everyone&gt; on EU &amp; US &lt;!here&gt;');
    expect(channelText).toContain('&lt;!channel&gt; paging &amp; comms');
    expect(JSON.stringify(acks[4])).toContain('&lt;!channel&gt; vendor &amp; partner called');
    const file = h.emu.files().filter((f) => f.filename.endsWith('.md')).at(-1);
    // The Markdown file is not mrkdwn: it keeps the words as typed.
    expect(file?.content).toContain('vendor & partner called');
  });
});
