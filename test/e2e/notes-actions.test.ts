/**
 * Notes, follow-up actions and the timeline view, end to end: `/crisis note`, `/crisis action` with
 * and without an owner (closed and reopened from its button), and `/crisis timeline` in order, in
 * CRISIS_TIMEZONE, with an Edit button that corrects an entry's text or time or hides it, the
 * correction itself recorded.
 */
import { ManualClock } from '../../src/clock';
import { dataOf } from '../../src/core/timeline';
import { checkMessageBlocks } from '../../src/emulator';
import type { SendResult } from '../../src/emulator';
import { ALICE, BOB, CAROL, DAVE, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events, replyContaining, settle } from './timeline-fixtures';
import { escapeKeepingMentions } from '../../src/slack/views/blocks';

const T0 = '2026-03-02T09:00:00.000Z';

let h: Harness;

afterEach(async () => {
  await h.close();
});

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; value?: string; text: { text: string } };
}

function ackBlocks(res: SendResult): Block[] {
  return ((res.json as { blocks?: Block[] } | undefined)?.blocks ?? []);
}

/**
 * Slack shows a command's ephemeral ack body to the person who typed it; the emulator only sees
 * response_url posts, so the test puts the ack where the driver can click its buttons.
 */
function showAck(res: SendResult, channelId: string, userId: string): void {
  const body = res.json as { text: string; blocks: unknown[] };
  h.emu.state.ephemerals.push({ channel: channelId, user: userId, ts: h.emu.state.nextTs(), text: body.text, blocks: body.blocks, source: 'response_url' });
}

describe('notes and follow-up actions', () => {
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(T0) });
  });

  it('records a note with its author and time, and confirms ephemerally', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    h.clock.advanceMinutes(12);
    const res = await crisisCommand(h, ALICE, crisis.channelId, 'note Support queue at 3x normal');
    expect(res.json).toMatchObject({ response_type: 'ephemeral', text: 'Noted in the timeline.' });
    const [note] = events(h, crisis.id, 'note');
    expect(note).toMatchObject({ actorId: ALICE, text: 'Support queue at 3x normal', occurredAt: '2026-03-02T09:12:00.000Z' });
  });

  it('refuses a note outside a crisis channel or without text, storing nothing', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    const outside = await crisisCommand(h, ALICE, 'C0GENERAL', 'note hello');
    expect(JSON.stringify(outside.json)).toContain('only in a crisis channel');
    const empty = await crisisCommand(h, ALICE, crisis.channelId, 'note   ');
    expect(JSON.stringify(empty.json)).toContain('/crisis note');
    expect(events(h, crisis.id, 'note')).toHaveLength(0);
  });

  it('adds an action with an owner, posts it with a "Mark done" button that closes and reopens it', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    h.clock.advanceMinutes(20);
    await crisisCommand(h, ALICE, crisis.channelId, 'action Rotate the payment gateway certificate <@U0DAVE|dave>');
    await replyContaining(h, ALICE, 'Follow-up action #1 added for <@U0DAVE>');

    const [stored] = h.bot.store.followUps.actions(crisis.id);
    expect(stored).toMatchObject({ id: 1, text: 'Rotate the payment gateway certificate', ownerId: DAVE, createdBy: ALICE, doneAt: null });
    const [added] = events(h, crisis.id, 'action_added');
    expect(escapeKeepingMentions(added?.text ?? '')).toBe('Rotate the payment gateway certificate (owner <@U0DAVE>)');
    expect(dataOf(added!, 'action_added')).toEqual({ action_id: 1, owner_id: DAVE });

    const posted = h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Follow-up action #1'));
    const block = (posted?.blocks as Block[] | undefined)?.[0];
    expect(block?.text?.text).toContain('owner <@U0DAVE>');
    expect(block?.text?.text).toContain(':black_square_button: open');
    expect(block?.accessory).toMatchObject({ action_id: 'action_toggle', value: '1:done', text: { text: 'Mark done' } });

    h.clock.advanceMinutes(30);
    await h.driver.clickButton({ userId: ALICE, actionId: 'action_toggle', messageTs: posted!.ts, channelId: crisis.channelId });
    const closed = await h.emu.waitFor(() => {
      const m = h.emu.messages(crisis.channelId).find((x) => x.ts === posted!.ts);
      const b = (m?.blocks as Block[] | undefined)?.[0];
      return b?.accessory?.text.text === 'Reopen' && b;
    });
    expect(closed.text?.text).toContain(':white_check_mark: done by <@U0ALICE>');
    expect(closed.text?.text).toContain('~Rotate the payment gateway certificate~');
    expect(h.bot.store.followUps.action(1)).toMatchObject({ doneAt: '2026-03-02T09:50:00.000Z', doneBy: ALICE });
    const [done] = events(h, crisis.id, 'action_done');
    expect(done).toMatchObject({ text: 'Done: Rotate the payment gateway certificate', actorId: ALICE, occurredAt: '2026-03-02T09:50:00.000Z' });
    expect(dataOf(done!, 'action_done')).toEqual({ action_id: 1, done: true });

    await h.driver.clickButton({ userId: ALICE, actionId: 'action_toggle', messageTs: posted!.ts, channelId: crisis.channelId });
    await h.emu.waitFor(() => h.bot.store.followUps.action(1)?.doneAt === null);
    await settle(h);
    const reopened = (h.emu.messages(crisis.channelId).find((x) => x.ts === posted!.ts)?.blocks as Block[])[0];
    expect(reopened?.accessory?.text.text).toBe('Mark done');
    expect(events(h, crisis.id, 'action_done').map((e) => e.text)).toEqual([
      'Done: Rotate the payment gateway certificate',
      'Reopened: Rotate the payment gateway certificate',
    ]);
  });

  it('adds an action without an owner', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    await crisisCommand(h, ALICE, crisis.channelId, 'action Write the customer FAQ');
    const reply = await replyContaining(h, ALICE, 'Follow-up action #1 added;');
    expect(reply).toContain('it will be in the debrief');
    expect(h.bot.store.followUps.actions(crisis.id)[0]).toMatchObject({ text: 'Write the customer FAQ', ownerId: null });
    const posted = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Follow-up action #1')));
    expect(JSON.stringify(posted.blocks)).toContain('_no owner yet_');
  });
});

describe('/crisis timeline and corrections', () => {
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(T0), env: { CRISIS_TIMEZONE: 'Europe/Berlin' } });
  });

  /** Declared 09:00Z; BOB's message at 09:05Z pushpinned at 09:40Z; a note at 09:30:30Z. */
  async function scripted() {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    h.clock.advanceMinutes(5);
    const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text: 'EU cards failing since 08:55' });
    h.clock.set('2026-03-02T09:30:30.250Z');
    await crisisCommand(h, ALICE, crisis.channelId, 'note Paged the payments on-call');
    h.clock.set('2026-03-02T09:40:00.000Z');
    await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    await h.emu.waitFor(() => events(h, crisis.id, 'message_captured').length === 1);
    return crisis;
  }

  it('shows the timeline in order, in CRISIS_TIMEZONE, with an Edit button per entry', async () => {
    const crisis = await scripted();
    const res = await crisisCommand(h, ALICE, crisis.channelId, 'timeline');
    const blocks = ackBlocks(res);
    expect(checkMessageBlocks(blocks)).toEqual([]);
    const entries = blocks.filter((b) => b.block_id?.startsWith('entry_'));
    const lines = entries.map((b) => b.text?.text.split('\n')[0]);
    // 09:00Z is 10:00 in Berlin (CET) on 2 March; the captured message sits at its own 09:05Z.
    expect(lines).toEqual([
      '*2 Mar 10:00 CET* · Declared · <@U0ALICE>',
      '*2 Mar 10:00 CET* · Role assigned · <@U0ALICE>',
      expect.stringMatching(/^\*2 Mar 10:05 CET\* · Captured · <@U0BOB> <https:\/\/emulated\.slack\.com\/archives\/.+\|link>$/),
      '*2 Mar 10:30 CET* · Note · <@U0ALICE>',
    ]);
    expect(entries[2]?.text?.text).toContain('EU cards failing since 08:55');
    const ids = events(h, crisis.id).map((e) => String(e.id));
    expect(entries.map((b) => b.accessory?.value).sort()).toEqual([...ids].sort());
    expect(entries.every((b) => b.accessory?.action_id === 'timeline_edit' && b.accessory.text.text === 'Edit')).toBe(true);
  });

  it('corrects an entry\'s text and time through the Edit modal, recording the correction', async () => {
    const crisis = await scripted();
    const [note] = events(h, crisis.id, 'note');
    showAck(await crisisCommand(h, ALICE, crisis.channelId, 'timeline'), crisis.channelId, ALICE);
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(note!.id) });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    // Slack's datetimepicker shows the viewer's own zone; the crisis-zone time is the hint.
    expect(JSON.stringify(modal.payload)).toContain('When it happened (shown in your time zone)');
    expect(JSON.stringify(modal.payload)).toContain('Recorded as 2 Mar 10:30 CET.');
    expect(JSON.stringify(modal.payload)).toContain('Paged the payments on-call');

    h.clock.set('2026-03-02T10:00:00.000Z');
    const newTime = Date.parse('2026-03-02T09:02:00.000Z') / 1000;
    const res = await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { entry_text: 'Paged the payments on-call (Dave)', entry_time: String(newTime) } });
    expect(res.status).toBe(200);
    expect(h.emu.view(modal.id)?.open).toBe(false);

    const corrected = h.bot.store.timeline.get(note!.id);
    expect(corrected).toMatchObject({ text: 'Paged the payments on-call (Dave)', occurredAt: '2026-03-02T09:02:00.000Z', hidden: false });
    const [correction] = events(h, crisis.id, 'entry_corrected');
    expect(correction).toMatchObject({ actorId: ALICE, occurredAt: '2026-03-02T10:00:00.000Z', text: `Entry #${note!.id} text and time corrected` });
    expect(dataOf(correction!, 'entry_corrected')).toEqual({
      entry_id: note!.id,
      before: { text: 'Paged the payments on-call', occurred_at: '2026-03-02T09:30:30.250Z', hidden: false },
      after: { text: 'Paged the payments on-call (Dave)', occurred_at: '2026-03-02T09:02:00.000Z', hidden: false },
    });
    await h.emu.waitFor(() => h.emu.ephemerals(crisis.channelId, ALICE).find((e) => e.text.includes(`Timeline entry #${note!.id} corrected`)));

    // The note now sits where it happened: before the captured 09:05 message.
    const entries = ackBlocks(await crisisCommand(h, ALICE, crisis.channelId, 'timeline')).filter((b) => b.block_id?.startsWith('entry_'));
    const lines = entries.map((b) => b.text?.text ?? '');
    expect(lines[2]).toContain('*2 Mar 10:02 CET* · Note');
    expect(lines[3]).toContain('Captured');
    expect(lines[4]).toContain('*2 Mar 11:00 CET* · Correction · <@U0ALICE>');
    // The correction is the record of an edit, so it has no Edit button of its own.
    expect(entries[4]?.accessory).toBeUndefined();
  });

  it('changes only the text when the time field is left as shown (the picker has no seconds)', async () => {
    const crisis = await scripted();
    const [note] = events(h, crisis.id, 'note');
    showAck(await crisisCommand(h, ALICE, crisis.channelId, 'timeline'), crisis.channelId, ALICE);
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(note!.id) });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { entry_text: 'Paged payments on-call' } });
    await settle(h);
    expect(h.bot.store.timeline.get(note!.id)).toMatchObject({ text: 'Paged payments on-call', occurredAt: '2026-03-02T09:30:30.250Z' });
    const [correction] = events(h, crisis.id, 'entry_corrected');
    expect(dataOf(correction!, 'entry_corrected').after.occurred_at).toBe('2026-03-02T09:30:30.250Z');
  });

  it('hides an entry: gone from the timeline and the debrief, the hiding recorded', async () => {
    const crisis = await scripted();
    const [captured] = events(h, crisis.id, 'message_captured');
    showAck(await crisisCommand(h, ALICE, crisis.channelId, 'timeline'), crisis.channelId, ALICE);
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(captured!.id) });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { entry_hidden: ['hidden'] } });
    await settle(h);

    expect(h.bot.store.timeline.get(captured!.id).hidden).toBe(true);
    const [correction] = events(h, crisis.id, 'entry_corrected');
    expect(correction?.text).toBe(`Entry #${captured!.id} hidden`);
    expect(dataOf(correction!, 'entry_corrected')).toMatchObject({ before: { hidden: false }, after: { hidden: true, text: 'EU cards failing since 08:55' } });

    const shown = JSON.stringify(ackBlocks(await crisisCommand(h, ALICE, crisis.channelId, 'timeline')));
    expect(shown).not.toContain('EU cards failing since 08:55');
    expect(shown).not.toContain(`"value":"${captured!.id}"`);

    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename.endsWith('.md')));
    expect(file.content).toContain('Paged the payments on-call');
    expect(file.content).not.toContain('EU cards failing since 08:55');
  });

  it('refuses to empty an entry\'s text, keeping the modal open with the reason', async () => {
    const crisis = await scripted();
    const [note] = events(h, crisis.id, 'note');
    showAck(await crisisCommand(h, ALICE, crisis.channelId, 'timeline'), crisis.channelId, ALICE);
    await h.driver.clickButton({ userId: ALICE, actionId: 'timeline_edit', value: String(note!.id) });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'timeline_edit_modal'));
    const res = await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: { entry_text: '   ' } });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { entry_text: expect.stringContaining('hide it instead') } });
    expect(h.emu.view(modal.id)?.open).toBe(true);
    expect(events(h, crisis.id, 'entry_corrected')).toHaveLength(0);
  });
});
