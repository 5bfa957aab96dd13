/**
 * Through Slack: `/crisis timeline` reads only the entries it shows (it answers in the ack), and
 * the declare modal refuses a bad first roster with a field error before anything is made.
 */
import { BOB, BOT, CAROL, ALICE, GENERAL, type Harness } from '../helpers/harness';
import { ackText, crisisCommand, declareQuick, rowCounts, startAt } from './helpers/declare-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startAt();
});

afterEach(async () => {
  await h.close();
});

describe('/crisis timeline', () => {
  it('shows the latest visible entries and the visible total without reading the whole timeline', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Checkout payments failing');
    const notes = [];
    for (let i = 1; i <= 60; i += 1) {
      h.clock.advanceSeconds(30);
      notes.push(h.bot.services.timeline.note(crisis, i % 2 ? BOB : CAROL, `Observation ${String(i).padStart(2, '0')}`));
    }
    const hidden = notes[59];
    if (!hidden) throw new Error('notes were not recorded');
    h.bot.services.timeline.correct(crisis, hidden.id, ALICE, { hidden: true });
    // declared + role_assigned + 60 notes + the correction, less the hidden note
    const visible = h.bot.store.timeline.list(crisis.id).filter((e) => !e.hidden);
    expect(visible).toHaveLength(62);
    const list = jest.spyOn(h.bot.store.timeline, 'list');

    const ack = await crisisCommand(h, ALICE, crisis.channelId, 'timeline');

    expect(list).not.toHaveBeenCalled();
    const blocks = (ack.json as { text: string; blocks: Array<{ block_id?: string }> }).blocks;
    expect((ack.json as { text: string }).text).toBe('Timeline: 62 entries');
    expect(ackText(ack)).toContain('Showing the latest 47 of 62 entries');
    const shown = blocks.filter((b) => b.block_id?.startsWith('entry_')).map((b) => Number(b.block_id?.slice('entry_'.length)));
    expect(shown).toEqual(visible.slice(-47).map((e) => e.id));
    expect(ackText(ack)).toContain('Observation 59');
    expect(ackText(ack)).not.toContain('Observation 60');
  });
});

describe('the declare modal', () => {
  it('refuses the bot as a first role holder with a field error; nothing is made', async () => {
    await crisisCommand(h, ALICE, GENERAL, 'declare');
    const view = await h.emu.waitFor(() => h.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    const submitted = await h.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Recall of batch 42', role_info: [CAROL, BOT] } });
    expect(submitted.json).toEqual({ response_action: 'errors', errors: { role_info: "I can't hold a role myself; pick a person." } });
    expect(h.emu.calls('conversations.create')).toHaveLength(0);
    expect(rowCounts(h)).toMatchObject({ crises: 0 });
  });
});
