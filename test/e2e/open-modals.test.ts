/**
 * The two ways to open the update modal (`/crisis update` and the card's Post update button) show
 * the same form, with "Next update in" at the crisis's cadence or, without reminder state, at its
 * severity's default; the timeline Edit button finds its entry by id alone, within the crisis.
 */
import type { EmulatedView } from '../../src/emulator';
import { ALICE, type Harness } from '../helpers/harness';
import { crisisCommand, declareQuick, startAt } from './helpers/declare-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  jest.restoreAllMocks();
  await h.close();
});

function settled(): Promise<void> {
  return h.settled();
}

function nextUpdateChoice(view: EmulatedView): string | undefined {
  const blocks = view.payload.blocks as Array<{ block_id?: string; element?: { initial_option?: { value?: string } } }>;
  return blocks.find((b) => b.block_id === 'next_update')?.element?.initial_option?.value;
}

/** Opens the update modal both ways; returns "Next update in" as each one shows it. */
async function openBothWays(channelId: string, cardTs: string): Promise<{ command?: string; button?: string }> {
  const before = h.emu.views().length;
  await crisisCommand(h, ALICE, channelId, 'update');
  const byCommand = await h.emu.waitFor(() => h.emu.views().slice(before).find((v) => v.payload.callback_id === 'update_modal'));
  await h.driver.clickButton({ userId: ALICE, actionId: 'card_post_update', channelId, messageTs: cardTs });
  const byButton = await h.emu.waitFor(() => h.emu.views().slice(before).find((v) => v.id !== byCommand.id && v.payload.callback_id === 'update_modal'));
  expect(byButton.payload.blocks).toEqual(byCommand.payload.blocks);
  return { command: nextUpdateChoice(byCommand), button: nextUpdateChoice(byButton) };
}

describe('the update modal', () => {
  test.each([
    ['sev1', '30'],
    ['sev3', '240'],
  ])('a %s crisis without reminder state offers its default cadence (%s min) both ways', async (severity, minutes) => {
    const { crisis } = await declareQuick(h, `${severity} Cadence default`);
    await settled();
    h.bot.db.prepare('DELETE FROM reminders WHERE crisis_id = ?').run(crisis.id);
    expect(await openBothWays(crisis.channelId, crisis.cardTs ?? '')).toEqual({ command: minutes, button: minutes });
  });

  test('a crisis with a cadence set offers that cadence both ways', async () => {
    const { crisis } = await declareQuick(h, 'sev1 Cadence set');
    await crisisCommand(h, ALICE, crisis.channelId, 'remind every 15m');
    await h.emu.waitFor(() => h.bot.store.reminders.get(crisis.id)?.cadenceMinutes === 15);
    await settled();
    expect(await openBothWays(crisis.channelId, crisis.cardTs ?? '')).toEqual({ command: '15', button: '15' });
  });
});

describe('the timeline Edit button', () => {
  test('finds the entry by id without reading the whole timeline, and only within its crisis', async () => {
    const { crisis } = await declareQuick(h, 'sev2 Edit me');
    const { crisis: other } = await declareQuick(h, 'sev2 Somewhere else');
    await crisisCommand(h, ALICE, crisis.channelId, 'note Paged the payments on-call');
    await crisisCommand(h, ALICE, other.channelId, 'note A note elsewhere');
    await settled();
    const note = h.bot.store.timeline.list(crisis.id).find((e) => e.kind === 'note');
    const elsewhere = h.bot.store.timeline.list(other.id).find((e) => e.kind === 'note');
    const visible = jest.spyOn(h.bot.services.timeline, 'visible');

    // The Edit buttons come with the `timeline` answer; the emulator shows it to ALICE.
    await crisisCommand(h, ALICE, crisis.channelId, 'timeline');
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(note?.id) });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    expect(JSON.stringify(modal.payload)).toContain('Paged the payments on-call');

    // An entry of another crisis, clicked in this crisis's channel (a forged button): the other
    // crisis's timeline answer, shown in this channel.
    await crisisCommand(h, ALICE, other.channelId, 'timeline');
    const shown = h.emu.ephemerals(other.channelId, ALICE).at(-1);
    if (!shown) throw new Error('no timeline answer');
    h.emu.state.ephemerals.push({ ...shown, channel: crisis.channelId, ts: h.emu.state.nextTs() });
    const before = h.emu.responses().length;
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(elsewhere?.id), channelId: crisis.channelId });
    const refusal = await h.emu.waitFor(() => h.emu.responses().slice(before)[0]);
    expect(JSON.stringify(refusal.body)).toContain('That timeline entry is not part of this crisis.');
    expect(h.emu.views().filter((v) => v.payload.callback_id === 'timeline_edit_modal')).toHaveLength(1);
    expect(visible).not.toHaveBeenCalled();
  });
});

describe('a form Slack refuses to open', () => {
  test.each([
    ['declare', 'The declare form could not be opened. Try `/crisis declare sev1 &lt;title&gt;` to declare at once.'],
    ['update', 'The update form could not be opened. `/crisis update &lt;text&gt;` posts an update at once.'],
    ['statement', 'The statement form could not be opened. `/crisis statement &lt;text&gt;` drafts one at once.'],
    ['handover', 'The handover form could not be opened. Try `/crisis handover @person &lt;role&gt; &lt;note&gt;`.'],
  ])('`/crisis %s`: the person is told, with the command that does it at once', async (verb, said) => {
    const { crisis } = await declareQuick(h, 'sev2 Forms that fail');
    await settled();
    h.emu.failNext('views.open', 'expired_trigger_id');
    const before = h.emu.responses().length;
    await crisisCommand(h, ALICE, crisis.channelId, verb);
    const reply = await h.emu.waitFor(() => h.emu.responses().slice(before)[0]);
    expect(JSON.stringify(reply.body)).toContain(said);
    expect(h.emu.views().filter((v) => v.open)).toEqual([]);
  });
});
