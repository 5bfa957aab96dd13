/**
 * The role checklist DM: what each role is for, its items, and ticking / unticking them from the
 * DM, each recorded in the timeline with who and when, the DM re-rendered with the count.
 */
import type { Crisis } from '../../src/core/crisis';
import type { EmulatedMessage } from '../../src/emulator';
import { ALICE, BOB, CAROL, type Harness } from '../helpers/harness';
import { commandWithReply, declareQuick, readable, startAt } from './helpers/declare-helpers';

let h: Harness;
let crisis: Crisis;
beforeEach(async () => {
  h = await startAt();
  ({ crisis } = await declareQuick(h, 'sev1 Checkout payments failing', ALICE));
});
afterEach(async () => {
  await h.close();
});

interface Option {
  value: string;
  text: { text: string };
}

function checklistOf(dm: EmulatedMessage | undefined): { options: Option[]; initial: Option[]; heading: string } {
  const blocks = (dm?.blocks ?? []) as Array<{ block_id?: string; text?: { text: string }; accessory?: { type: string; options: Option[]; initial_options?: Option[] } }>;
  const block = blocks.find((b) => b.accessory?.type === 'checkboxes');
  if (!block?.accessory) throw new Error('no checklist in the DM');
  return { options: block.accessory.options, initial: block.accessory.initial_options ?? [], heading: block.text?.text ?? '' };
}

async function tick(userId: string, dm: EmulatedMessage, values: string[]): Promise<void> {
  const updates = h.emu.calls('chat.update').length;
  const result = await h.driver.checkbox({ userId, messageTs: dm.ts, actionId: 'checklist_toggle', selectedValues: values });
  expect(result.status).toBe(200);
  await h.emu.waitFor(() => h.emu.calls('chat.update').length > updates);
}

describe('the checklist DM', () => {
  test.each([
    ['spokesperson', ['holding statement', 'one voice', 'with legal', 'when the next one will come', 'Promise nothing']],
    ['info', ['what happened and since when', 'who and how many are affected', 'confirmed and unconfirmed facts apart', 'current facts in the channel']],
    ['legal', ['notification duties', 'deadlines', 'Review every external statement', 'records and evidence are preserved']],
    ['support', ['contact volume and sentiment', 'replies and an FAQ', 'urgent or vulnerable customer cases', 'remedies agents may offer']],
  ])('%s: says what the role is for and lists its checklist', async (role, expected) => {
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> ${role}`);
    const dm = h.emu.dmsTo(BOB)[0];
    const shown = readable(dm);
    expect(shown).toContain(`<#${crisis.channelId}>`);
    expect(shown).toContain('Checkout payments failing');
    for (const words of expected) expect(shown).toContain(words);
    expect(checklistOf(dm).heading).toBe(`*Your checklist* (0/${checklistOf(dm).options.length} done)`);
  });

  test('the lead gets theirs at declaration', () => {
    const shown = readable(h.emu.dmsTo(ALICE)[0]);
    for (const words of ['severity', 'Fill every role', 'focused on resolution', 'decisions', '/crisis resolve']) expect(shown).toContain(words);
  });
});

describe('ticking from the DM', () => {
  test('a tick and an untick are each recorded (who, when) and the DM shows the count', async () => {
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${BOB}> spokesperson`);
    const dm = h.emu.dmsTo(BOB)[0];
    if (!dm) throw new Error('no DM');
    const { options } = checklistOf(dm);
    const [first, second] = options;
    if (!first || !second) throw new Error('too few items');

    h.clock.advanceMinutes(4);
    await tick(BOB, dm, [first.value]);
    let rows = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'checklist_ticked');
    expect(rows.map((e) => [e.actorId, e.occurredAt, e.data])).toEqual([
      [BOB, '2026-03-05T09:04:00.000Z', { role: 'spokesperson', item: 'Agree a holding statement within the first 30 minutes', done: true }],
    ]);
    let now = h.emu.dmsTo(BOB)[0];
    expect(now?.ts).toBe(dm.ts);
    expect(checklistOf(now).heading).toBe(`*Your checklist* (1/${options.length} done)`);
    expect(checklistOf(now).initial.map((o) => o.value)).toEqual([first.value]);
    const assignmentId = Number(first.value.split(':')[0]);
    expect(h.bot.store.roles.checklist(assignmentId)[0]).toMatchObject({ doneBy: BOB, doneAt: '2026-03-05T09:04:00.000Z' });

    h.clock.advanceMinutes(2);
    await tick(BOB, dm, [first.value, second.value]);
    h.clock.advanceMinutes(3);
    await tick(BOB, dm, [second.value]);
    rows = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'checklist_ticked');
    expect(rows.map((e) => [e.occurredAt, e.data.done, e.text])).toEqual([
      ['2026-03-05T09:04:00.000Z', true, 'Done: Agree a holding statement within the first 30 minutes'],
      ['2026-03-05T09:06:00.000Z', true, 'Done: Be the one voice: no one else speaks externally'],
      ['2026-03-05T09:09:00.000Z', false, 'Not done: Agree a holding statement within the first 30 minutes'],
    ]);
    now = h.emu.dmsTo(BOB)[0];
    expect(checklistOf(now).heading).toBe(`*Your checklist* (1/${options.length} done)`);
    expect(checklistOf(now).initial.map((o) => o.value)).toEqual([second.value]);
    expect(h.bot.store.roles.checklist(assignmentId)[0]).toMatchObject({ doneBy: null, doneAt: null });
  });

  test('the lead ticks theirs too, and each holder\'s ticks stay on their own checklist', async () => {
    await commandWithReply(h, ALICE, crisis.channelId, `assign <@${CAROL}> legal`);
    const lead = h.emu.dmsTo(ALICE)[0];
    const legal = h.emu.dmsTo(CAROL)[0];
    if (!lead || !legal) throw new Error('no DMs');
    await tick(ALICE, lead, [checklistOf(lead).options[0]?.value ?? '']);
    await tick(CAROL, legal, checklistOf(legal).options.map((o) => o.value));
    const rows = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'checklist_ticked');
    expect(rows.filter((e) => e.actorId === ALICE).map((e) => e.data.role)).toEqual(['lead']);
    expect(rows.filter((e) => e.actorId === CAROL).map((e) => e.data.role)).toEqual(['legal', 'legal', 'legal']);
    expect(checklistOf(h.emu.dmsTo(CAROL)[0]).heading).toBe('*Your checklist* (3/3 done)');
    expect(checklistOf(h.emu.dmsTo(ALICE)[0]).heading).toBe('*Your checklist* (1/5 done)');
  });
});
