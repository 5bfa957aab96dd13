/**
 * An honest record (issue 17, CONTRACT "Authority"): editing a timeline entry is for the lead, the
 * info gatherers, the declarer and CRISIS_ADMINS; anyone else is told who may and nothing changes.
 * An edit never destroys: the entry as first recorded stays, each correction and each hide is a new
 * version with who and when, the timeline and the debrief show the latest, and the debrief lists
 * every correction. Cast: ALICE declares and hands the lead to BOB; ERIN gathers info; CAROL is an
 * admin; DAVE is a member with no role.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import type { SendResult } from '../../src/emulator';
import { INPUTS } from '../../src/slack/ids';
import { ALICE, BOB, CAROL, DAVE, ERIN, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events, replyContaining, settle } from './timeline-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';
const FORBIDDEN =
  'Only the lead, the info gatherers, the person who declared this crisis or a crisis admin can edit the timeline. ' +
  `Ask <@${BOB}> (lead), <@${ERIN}> (info gatherer), <@${ALICE}> (declarer) or a crisis admin (<@${CAROL}>). Nothing changed.`;

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(T0), env: { CRISIS_ADMINS: CAROL } });
  crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
  await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> lead`);
  await replyContaining(h, ALICE, 'Handed over crisis lead');
  await crisisCommand(h, BOB, crisis.channelId, `assign <@${ERIN}> info`);
  await replyContaining(h, BOB, `<@${ERIN}> is now info gatherer`);
  await settle(h);
});
afterEach(async () => {
  await h.close();
});

function declared() {
  const [entry] = events(h, crisis.id, 'declared');
  if (!entry) throw new Error('no declared entry');
  return entry;
}

/** `/crisis timeline` as `userId` sees it (the ack, shown where the driver can press its buttons). */
async function timelineFor(userId: string): Promise<string> {
  const res: SendResult = await crisisCommand(h, userId, crisis.channelId, 'timeline');
  const body = res.json as { text: string; blocks: unknown[] };
  h.emu.state.ephemerals.push({ channel: crisis.channelId, user: userId, ts: h.emu.state.nextTs(), text: body.text, blocks: body.blocks, source: 'response_url' });
  return JSON.stringify(body.blocks);
}

/** Presses Edit on the entry and returns the form it opened, or undefined when none opened. */
async function pressEdit(userId: string, entryId: number) {
  await timelineFor(userId);
  const before = h.emu.views().length;
  await h.driver.clickButton({ userId, actionId: 'timeline_edit', value: String(entryId) });
  await settle(h);
  return h.emu.views().slice(before).find((v) => v.user === userId && v.open && v.payload.callback_id === 'timeline_edit_modal');
}

async function edit(userId: string, entryId: number, values: Record<string, string | string[]>): Promise<SendResult> {
  const modal = await pressEdit(userId, entryId);
  if (!modal) throw new Error(`no edit form opened for ${userId}`);
  const res = await h.driver.submitView({ userId, viewId: modal.id, values });
  await settle(h);
  return res;
}

describe('who may edit the timeline', () => {
  it('a member with no role is refused at the Edit button, naming who may; no form opens and nothing changes', async () => {
    const entry = declared();
    const rows = events(h, crisis.id).length;
    expect(await pressEdit(DAVE, entry.id)).toBeUndefined();
    const reply = await replyContaining(h, DAVE, 'can edit the timeline');
    expect(JSON.parse(reply)).toMatchObject({ text: FORBIDDEN });
    expect(h.bot.store.timeline.get(entry.id)).toEqual(entry);
    expect(events(h, crisis.id)).toHaveLength(rows);
    expect(h.bot.store.timelineVersions.ofEntry(entry.id)).toEqual([]);
  });

  it('a form opened while they could is refused on submit once they cannot (the info gatherer relieved meanwhile)', async () => {
    const entry = declared();
    const modal = await pressEdit(ERIN, entry.id);
    if (!modal) throw new Error('no form');
    await crisisCommand(h, BOB, crisis.channelId, `unassign <@${ERIN}> info`);
    await replyContaining(h, BOB, 'no longer holds: info gatherer');
    const rows = events(h, crisis.id).length;
    const res = await h.driver.submitView({ userId: ERIN, viewId: modal.id, values: { [INPUTS.entryText.block]: 'Rewritten' } });
    expect(res.json).toEqual({ response_action: 'errors', errors: { [INPUTS.entryText.block]: expect.stringContaining('can edit the timeline. Ask') } });
    expect(h.bot.store.timeline.get(entry.id).text).toBe(entry.text);
    expect(events(h, crisis.id)).toHaveLength(rows);
  });

  it('the lead, an info gatherer, the declarer and an admin each may', async () => {
    const entry = declared();
    h.clock.advanceMinutes(5);
    await edit(BOB, entry.id, { [INPUTS.entryText.block]: 'Declared: checkout payments failing (lead)' });
    await edit(ERIN, entry.id, { [INPUTS.entryText.block]: 'Declared: checkout payments failing (info)' });
    await edit(ALICE, entry.id, { [INPUTS.entryText.block]: 'Declared: checkout payments failing (declarer)' });
    await edit(CAROL, entry.id, { [INPUTS.entryText.block]: 'Declared: checkout payments failing (admin)' });
    expect(h.bot.store.timelineVersions.ofEntry(entry.id).map((v) => v.authorId)).toEqual([ALICE, BOB, ERIN, ALICE, CAROL]);
    expect(h.bot.store.timeline.get(entry.id).text).toBe('Declared: checkout payments failing (admin)');
  });
});

describe('an edit never destroys', () => {
  it('keeps the original, records each correction and the hide as versions with who and when; the timeline and debrief show the latest and list the corrections', async () => {
    const entry = declared();
    const original = entry.text;
    await crisisCommand(h, ALICE, crisis.channelId, 'note Paged the payments on-call');
    await settle(h);
    const [note] = events(h, crisis.id, 'note');
    if (!note) throw new Error('no note');

    h.clock.set('2026-03-02T09:20:00.000Z');
    const res = await edit(BOB, entry.id, { [INPUTS.entryText.block]: 'Rewritten' });
    expect(res.status).toBe(200);
    h.clock.set('2026-03-02T09:30:00.000Z');
    await edit(BOB, note.id, { [INPUTS.entryText.block]: 'Paged the payments on-call (Dave)' });
    h.clock.set('2026-03-02T09:40:00.000Z');
    await edit(ERIN, entry.id, { [INPUTS.entryHidden.block]: ['hidden'] });

    // The entry as first recorded is still there, attributed to who recorded it, and every change after it.
    expect(h.bot.store.timelineVersions.ofEntry(entry.id)).toEqual([
      { crisisId: crisis.id, entryId: entry.id, version: 1, text: original, occurredAt: entry.occurredAt, hidden: false, authorId: ALICE, writtenAt: entry.recordedAt },
      { crisisId: crisis.id, entryId: entry.id, version: 2, text: 'Rewritten', occurredAt: entry.occurredAt, hidden: false, authorId: BOB, writtenAt: '2026-03-02T09:20:00.000Z' },
      { crisisId: crisis.id, entryId: entry.id, version: 3, text: 'Rewritten', occurredAt: entry.occurredAt, hidden: true, authorId: ERIN, writtenAt: '2026-03-02T09:40:00.000Z' },
    ]);
    expect(h.bot.store.timeline.get(entry.id)).toMatchObject({ text: 'Rewritten', hidden: true, actorId: ALICE });
    expect(events(h, crisis.id, 'entry_corrected').map((e) => [e.actorId, e.text])).toEqual([
      [BOB, `Entry #${entry.id} text corrected`],
      [BOB, `Entry #${note.id} text corrected`],
      [ERIN, `Entry #${entry.id} hidden`],
    ]);

    // The timeline shows the latest: the hidden entry is gone, the note corrected and marked so.
    const shown = await timelineFor(ALICE);
    expect(shown).not.toContain('Rewritten');
    expect(shown).toContain('Paged the payments on-call (Dave)');
    expect(shown).toContain(`text corrected by <@${BOB}> 2 Mar 09:30 UTC`);

    // The form keeps what the entry said before within reach of those who may edit it.
    const modal = await pressEdit(ALICE, note.id);
    const history = JSON.stringify((modal?.payload.blocks as unknown[] | undefined)?.at(-1));
    expect(history).toContain('*v1* first recorded by <@U0ALICE> 2 Mar 09:00 UTC · happened 2 Mar 09:00 UTC\\nPaged the payments on-call"');

    // The debrief uses the latest and lists every correction, hidden entries included.
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename.endsWith('.md')));
    expect(file.content).toContain('Paged the payments on-call (Dave) _(corrected by Bob Baker at 2026-03-02 09:30)_');
    expect(file.content).not.toContain('Rewritten');
    expect(file.content).toContain('## Corrections to the timeline');
    expect(file.content).toContain('- 2026-03-02 09:00 — Declared — Alice Archer (hidden from the timeline): text corrected by Bob Baker at 2026-03-02 09:20; hidden by Erin Evans at 2026-03-02 09:40');
    expect(file.content).toContain('— Note — Alice Archer: text corrected by Bob Baker at 2026-03-02 09:30');
    const summary = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => JSON.stringify(m.blocks ?? []).includes('after-action report')));
    expect(JSON.stringify(summary.blocks)).toContain('2 entries were corrected; the file lists who corrected what, and when');
  });

  it('the database itself refuses to rewrite an entry without a version, or to change or delete a version', async () => {
    const entry = declared();
    await edit(BOB, entry.id, { [INPUTS.entryText.block]: 'Corrected once' });
    const db = h.bot.store.db;
    expect(() => db.prepare('UPDATE timeline_events SET text = ? WHERE id = ?').run('Rewritten behind its back', entry.id)).toThrow(/changes only by a new version/);
    const other = events(h, crisis.id, 'role_assigned')[0];
    expect(() => db.prepare('UPDATE timeline_events SET hidden = 1 WHERE id = ?').run(other?.id)).toThrow(/changes only by a new version/);
    expect(() => db.prepare('UPDATE timeline_entry_versions SET text = ? WHERE entry_id = ?').run('gone', entry.id)).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM timeline_entry_versions WHERE entry_id = ?').run(entry.id)).toThrow(/never deleted/);
    expect(h.bot.store.timelineVersions.ofEntry(entry.id).map((v) => v.text)).toEqual([entry.text, 'Corrected once']);
  });
});
