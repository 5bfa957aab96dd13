/**
 * Modals at the edges: the declare outcome reaches the person even when the "Declaring…" modal is
 * gone (views.update fails), and the timeline Edit modal opens in Slack (text input max_length
 * 3000) and never cuts an entry it had to show shortened unless its text was really edited.
 */
import { ManualClock } from '../../src/clock';
import { dataOf } from '../../src/core/timeline';
import type { SendResult } from '../../src/emulator';
import { INPUTS } from '../../src/slack/ids';
import { ALICE, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events } from './timeline-fixtures';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock('2026-03-02T09:00:00.000Z') });
});

afterEach(async () => {
  await h.close();
});

async function openDeclareModal(): Promise<string> {
  await h.driver.slashCommand({ userId: ALICE, channelId: GENERAL, text: 'declare' });
  return (await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open && v.payload.callback_id === 'declare_modal'))).id;
}

describe('the declare modal', () => {
  it('tells the person the crisis was declared when the modal is gone (views.update not_found)', async () => {
    const viewId = await openDeclareModal();
    h.emu.failNext('views.update', 'not_found');
    const res = await h.driver.submitView({ userId: ALICE, viewId, values: { [INPUTS.title.block]: 'R&D <EU> outage' } });
    // The "Declaring…" view escapes the title rather than stripping it to "RD EU outage".
    expect(JSON.stringify(res.json)).toContain('Declaring *R&amp;D &lt;EU&gt; outage*');
    const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen()[0]);
    const told = await h.emu.waitFor(() => h.emu.ephemerals(GENERAL, ALICE).find((e) => e.text.startsWith('Crisis declared')));
    expect(told.text).toBe(`Crisis declared: <#${crisis.channelId}>`);
    expect(JSON.stringify(told.blocks)).toContain(`:rotating_light: Declared. Head to <#${crisis.channelId}>.`);
  });

  it('tells the person why nothing was declared when the modal is gone', async () => {
    const viewId = await openDeclareModal();
    h.emu.failNext('conversations.create', 'restricted_action');
    h.emu.failNext('views.update', 'not_found');
    await h.driver.submitView({ userId: ALICE, viewId, values: { [INPUTS.title.block]: 'Checkout down' } });
    const told = await h.emu.waitFor(() => h.emu.ephemerals(GENERAL, ALICE).find((e) => e.text.startsWith('Not declared: ')));
    expect(told.text).toContain('I could not create the crisis channel');
    expect(JSON.stringify(told.blocks)).toContain(':warning: Not declared: ');
    expect(h.bot.store.crises.listOpen()).toEqual([]);
  });
});

/**
 * Slack shows a command's ephemeral ack body to the person who typed it; the emulator only sees
 * response_url posts, so the test puts the ack where the driver can click its buttons.
 */
function showAck(res: SendResult, channelId: string): void {
  const body = res.json as { text: string; blocks: unknown[] };
  h.emu.state.ephemerals.push({ channel: channelId, user: ALICE, ts: h.emu.state.nextTs(), text: body.text, blocks: body.blocks, source: 'response_url' });
}

describe('the timeline Edit modal on an entry longer than a text input holds', () => {
  /** An entry of 4,000 characters, as captured before captures were limited to 3,000. */
  const LONG = `${'Card processor log: '.repeat(199)}the end.`;

  async function openEdit() {
    const crisis = await declareCrisis(h, ALICE, 'Checkout down');
    const at = '2026-03-02T09:05:30.000Z';
    const entry = h.bot.store.timeline.append(crisis.id, { kind: 'note', occurredAt: at, actorId: ALICE, text: LONG, data: {} }, at);
    if (!entry) throw new Error('not appended');
    showAck(await crisisCommand(h, ALICE, crisis.channelId, 'timeline'), crisis.channelId);
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(entry.id) });
    // Slack refuses a max_length over 3000 (invalid_arguments), and so does the emulator: it opens.
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    return { crisis, entry, modal };
  }

  it('hiding it keeps its whole text, and the correction says only that it was hidden', async () => {
    expect(LONG.length).toBeGreaterThan(3900);
    const { crisis, entry, modal } = await openEdit();
    expect(JSON.stringify(modal.payload)).toContain('"max_length":3000');
    await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { [INPUTS.entryHidden.block]: ['hidden'] } });

    const after = h.bot.store.timeline.get(entry.id);
    expect(after).toMatchObject({ text: LONG, hidden: true, occurredAt: entry.occurredAt });
    const [correction] = events(h, crisis.id, 'entry_corrected');
    expect(correction?.text).toBe(`Entry #${entry.id} hidden`);
    const data = dataOf(correction!, 'entry_corrected');
    expect(data.after).toEqual({ ...data.before, hidden: true });
  });

  it('changing only its time keeps its whole text', async () => {
    const { entry, modal } = await openEdit();
    const newTime = Date.parse('2026-03-02T09:01:00.000Z') / 1000;
    await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { [INPUTS.entryTime.block]: String(newTime) } });
    expect(h.bot.store.timeline.get(entry.id)).toMatchObject({ text: LONG, occurredAt: '2026-03-02T09:01:00.000Z' });
  });

  it('an edited text replaces it', async () => {
    const { entry, modal } = await openEdit();
    await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { [INPUTS.entryText.block]: 'Card processor down' } });
    expect(h.bot.store.timeline.get(entry.id)).toMatchObject({ text: 'Card processor down', occurredAt: entry.occurredAt });
  });
});
