/**
 * Text from Slack arrives escaped (`&amp;`, `&lt;`, `&gt;`) in slash commands and in message text
 * (events, message shortcuts, conversations.history); the bot keeps it as typed and escapes it once
 * when showing it in mrkdwn. "R&D <EU> outage" is that everywhere: the stored title, the channel
 * slug, the plain_text headers and the Markdown file; `R&amp;D &lt;EU&gt; outage` in mrkdwn, never
 * `R&amp;amp;D`. Free text is refused, not cut, when its escaped form would not fit.
 */
import { ManualClock } from '../../src/clock';
import { INPUTS, SHORTCUTS } from '../../src/slack/ids';
import { ALICE, ANNOUNCE, BOB, CAROL, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events } from './timeline-fixtures';

const TITLE = 'R&D <EU> outage';
const ESCAPED = 'R&amp;D &lt;EU&gt; outage';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock('2026-03-02T09:00:00.000Z') });
});

afterEach(async () => {
  await h.close();
});

function headerText(blocks: unknown): string | undefined {
  const first = Array.isArray(blocks) ? (blocks[0] as { type?: string; text?: { type: string; text: string } }) : undefined;
  return first?.type === 'header' && first.text?.type === 'plain_text' ? first.text.text : undefined;
}

describe('a title with & < > declared by slash command', () => {
  it('is stored as typed, slugged from what was typed, escaped once in mrkdwn and shown as typed in headers and the file', async () => {
    const crisis = await declareCrisis(h, ALICE, TITLE);
    expect(crisis.title).toBe(TITLE);
    expect(crisis.channelName).toBe('crisis-20260302-r-d-eu-outage');

    const card = h.emu.messages(crisis.channelId)[0];
    expect(card?.text).toBe(`SEV2 crisis: ${ESCAPED} (Investigating)`);
    expect(headerText(card?.blocks)).toBe(`:large_orange_circle: SEV2 · ${TITLE}`);
    const announcement = JSON.stringify(h.emu.messages(ANNOUNCE).map((m) => m.blocks));
    expect(announcement).toContain(`*${ESCAPED}*`);
    const everything = JSON.stringify([h.emu.messages(crisis.channelId), h.emu.messages(ANNOUNCE), h.emu.dmsTo(ALICE)]);
    expect(everything).not.toContain('&amp;amp;');
    expect(everything).not.toContain('&amp;lt;');

    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().filter((f) => f.filename.endsWith('.md')).at(-1));
    expect(file.content).toContain(TITLE);
    expect(file.content).not.toContain('&amp;');
    expect(file.content).not.toContain('&lt;');
    const debrief = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => /after-action report/i.test(m.text)));
    expect(headerText(debrief.blocks)).toBe(`Interim after-action report: ${TITLE}`);
  });

  it('counts the title as typed: 150 characters with & is accepted, 151 refused', async () => {
    const longest = `${'R&D '.repeat(37)}ab`;
    expect(longest).toHaveLength(150);
    const crisis = await declareCrisis(h, ALICE, longest);
    expect(crisis.title).toBe(longest);
    const refused = await crisisCommand(h, BOB, 'C0GENERAL', `declare ${longest}c`);
    expect(JSON.stringify(refused.json)).toContain('That title is 151 characters; keep it to 150 or fewer.');
    expect(h.bot.store.crises.listOpen()).toHaveLength(1);
  });
});

describe('messages captured from the channel', () => {
  it('keep & < > as typed, whether pushpinned, pinned or added through the shortcut', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout down');
    const typed = ['R&D <EU> back at 5 > 4', 'Ops & <support> agree', 'Tom & Jerry <3'];
    const [byPushpin, byPin, byShortcut] = await Promise.all(typed.map((text) => h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text })));
    // Slack holds the message text escaped; that is what history, events and shortcuts carry.
    expect(h.emu.messages(crisis.channelId).find((m) => m.ts === byPushpin)?.text).toBe('R&amp;D &lt;EU&gt; back at 5 &gt; 4');

    await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts: byPushpin!, reaction: 'pushpin' });
    await h.driver.pinAdded({ userId: CAROL, channelId: crisis.channelId, ts: byPin! });
    await h.driver.messageShortcut({ userId: CAROL, channelId: crisis.channelId, messageTs: byShortcut!, callbackId: SHORTCUTS.addToTimeline });
    const captured = await h.emu.waitFor(() => {
      const found = events(h, crisis.id, 'message_captured');
      return found.length === 3 && found;
    });
    expect(captured.map((e) => e.text).sort()).toEqual([...typed].sort());

    const timeline = JSON.stringify((await crisisCommand(h, ALICE, crisis.channelId, 'timeline')).json);
    expect(timeline).toContain('R&amp;D &lt;EU&gt; back at 5 &gt; 4');
    expect(timeline).toContain('Tom &amp; Jerry &lt;3');
    expect(timeline).not.toContain('&amp;amp;');
  });
});

describe('free text measured escaped', () => {
  it('posts an update that fits once escaped whole, and refuses one that does not, posting nothing', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout down');
    const fits = '&'.repeat(560);
    await crisisCommand(h, ALICE, crisis.channelId, `update ${fits}`);
    const posted = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Update: ')));
    const body = JSON.stringify(posted.blocks);
    expect(body).toContain('&amp;'.repeat(560));
    expect(body).not.toContain('…');

    const before = h.emu.calls('chat.postMessage').length;
    const refused = await crisisCommand(h, ALICE, crisis.channelId, `update ${'<>'.repeat(360)}`);
    expect(JSON.stringify(refused.json)).toContain('An update is 720 characters, but 2880 in Slack');
    const tooMany = await crisisCommand(h, ALICE, crisis.channelId, `update ${'&'.repeat(600)}`);
    expect(JSON.stringify(tooMany.json)).toContain('An update is 600 characters, but 3000 in Slack');
    expect(h.emu.calls('chat.postMessage').length).toBe(before);
    expect(events(h, crisis.id, 'update_posted')).toHaveLength(1);
  });

  it('the update modal says the same as a field error', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout down');
    await crisisCommand(h, ALICE, crisis.channelId, 'update');
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'update_modal'));
    const res = await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { [INPUTS.update.block]: '<'.repeat(701) } });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { [INPUTS.update.block]: 'The update is 701 characters, but 2804 in Slack, where each ampersand counts as 5 and each angle bracket as 4; keep it to 2800 or fewer.' },
    });
    expect(events(h, crisis.id, 'update_posted')).toHaveLength(0);
  });
});
