/**
 * Issue 13, handovers that carry knowledge, through the emulator: the new holder's checklist DM
 * starts with the note and the outgoing holder's open items, the outgoing holder is relieved, the
 * timeline records it with the note; who is relieved for the roles several people hold; the form;
 * and every refusal (unknown role, oneself, a bot, a current holder, the lead without the right)
 * saying what is accepted, with nothing changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, BOT, CAROL, DAVE, ERIN, type Harness } from '../helpers/harness';
import { ackText, commandWithReply, crisisCommand, declareQuick, readable, replyText, rowCounts, startAt } from './helpers/declare-helpers';
import { escapeKeepingMentions } from '../../src/slack/views/blocks';

const NOTE = 'Holding statement is out; next one promised for 14:00. Press desk at Reuters is waiting on a call back.';
let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startAt();
  ({ crisis } = await declareQuick(h, 'sev1 Checkout payments failing', ALICE));
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

function holders(role: string): string[] {
  return h.bot.store.roles.active(crisis.id).filter((a) => a.role === role).map((a) => a.userId);
}

async function reply(userId: string, text: string): Promise<string> {
  const { reply: r } = await commandWithReply(h, userId, crisis.channelId, text);
  return replyText(r);
}

describe('a handover carries what the outgoing holder knew', () => {
  it('the new spokesperson\'s checklist DM starts with the note and what Bob left open; Bob is relieved; the timeline has the note', async () => {
    await reply(ALICE, `assign <@${BOB}> spokesperson`);
    const bobs = h.bot.store.roles.active(crisis.id).find((a) => a.userId === BOB);
    if (!bobs) throw new Error('Bob holds no role');
    const items = h.bot.store.roles.checklist(bobs.id);
    h.bot.services.checklists.tick(bobs.id, BOB, [0]);

    const said = await reply(BOB, `handover <@${CAROL}> spokesperson ${NOTE}`);
    expect(said).toContain(`Handed over spokesperson from <@${BOB}> to <@${CAROL}>; their checklist DM starts with your note and <@${BOB}>'s ${items.length - 1} open checklist items.`);
    expect(holders('spokesperson')).toEqual([CAROL]);

    const dm = await h.emu.waitFor(() => h.emu.dmsTo(CAROL).find((m) => readable(m).includes('Handover from')));
    const [first, second] = (dm.blocks ?? []) as Array<{ type: string; text?: { text: string } }>;
    expect(first?.type).toBe('section');
    expect(first?.text?.text).toContain(`:handshake: *Handover from <@${BOB}>*\n>${NOTE}`);
    expect(first?.text?.text).toContain(`*Still open from <@${BOB}>'s checklist:*`);
    for (const item of items.slice(1)) expect(first?.text?.text).toContain(`• ${item.text}`);
    expect(first?.text?.text).not.toContain(`• ${items[0]?.text ?? 'none'}`);
    expect(second).toMatchObject({ type: 'header', text: { text: 'You are spokesperson: Checkout payments failing' } });
    expect(dm.text.startsWith(`Handover from <@${BOB}>: Holding statement is out`)).toBe(true);
    // Bob, who handed over himself, is thanked (not asked to hand over what he just did); the channel hears of it.
    expect(h.emu.dmsTo(BOB).at(-1)?.text).toBe(`You are no longer *spokesperson* for <#${crisis.channelId}> (*Checkout payments failing*), as you asked. Thank you.`);
    expect(h.emu.messages(crisis.channelId).some((m) => readable(m).includes(`Spokesperson handed over from <@${BOB}> to <@${CAROL}> (by <@${BOB}>)`))).toBe(true);

    const timeline = h.bot.store.timeline.list(crisis.id);
    const handover = timeline.find((e) => e.kind === 'handover');
    expect(handover?.actorId).toBe(BOB);
    expect(escapeKeepingMentions(handover?.text ?? '')).toBe(`Handover of spokesperson from <@${BOB}> to <@${CAROL}>: ${NOTE} · ${items.length - 1} open checklist items passed on`);
    expect(handover?.data).toEqual({ role: 'spokesperson', from: BOB, to: CAROL, note: NOTE, open_items: items.slice(1).map((i) => i.text) });
    expect(timeline.find((e) => e.kind === 'role_assigned' && e.data.handover_from === BOB)).toBeDefined();
    expect(timeline.find((e) => e.kind === 'role_relieved' && e.data.user_id === BOB)?.data).toMatchObject({ reason: 'handover' });
  });

  it('stands when Slack refuses the new holder\'s DM halfway: the reply says what failed, and the note is kept for the DM', async () => {
    await reply(ALICE, `assign <@${BOB}> spokesperson`);
    h.emu.failNext('chat.postMessage', 'ratelimited', 1, (args) => args.channel === CAROL);
    const said = await reply(BOB, `handover <@${CAROL}> spokesperson ${NOTE}`);
    expect(said).toContain(`Handed over spokesperson from <@${BOB}> to <@${CAROL}>`);
    expect(said).toContain(`Could not send <@${CAROL}> their checklist`);
    expect(holders('spokesperson')).toEqual([CAROL]);
    const carols = h.bot.store.roles.active(crisis.id).find((a) => a.userId === CAROL);
    if (!carols) throw new Error('Carol holds no role');
    // The handover is stored with the assignment, so sending the DM again still starts with the note.
    expect(h.bot.store.handovers.forAssignment(carols.id)).toMatchObject({ fromUserId: BOB, note: NOTE });
    await h.bot.services.checklists.send(carols);
    expect(readable(h.emu.dmsTo(CAROL).at(-1))).toContain(`*Handover from <@${BOB}>*\n>${NOTE}`);
  });

  it('into an empty role it is an assignment with the note; nobody is relieved', async () => {
    const said = await reply(ALICE, `handover <@${DAVE}> legal Check GDPR Art. 33 first`);
    expect(said).toContain(`<@${DAVE}> is now legal; their checklist DM starts with your note.`);
    const dm = await h.emu.waitFor(() => h.emu.dmsTo(DAVE)[0]);
    expect(readable(dm)).toContain(`*Handover from <@${ALICE}>*\n>Check GDPR Art. 33 first`);
    expect(holders('legal')).toEqual([DAVE]);
  });

  it('for support, the person handing over gives up their part only; the others keep theirs', async () => {
    await reply(ALICE, `assign <@${BOB}> support`);
    await reply(ALICE, `assign <@${CAROL}> support`);
    const said = await reply(CAROL, `handover <@${DAVE}> support Macros are in the FAQ`);
    expect(said).toContain(`Handed over support rep from <@${CAROL}> to <@${DAVE}>`);
    expect(holders('support').sort()).toEqual([BOB, DAVE].sort());
    // The lead holds no support role and there are two holders: who is meant is not guessed.
    const before = rowCounts(h);
    const refusal = ackText(await crisisCommand(h, ALICE, crisis.channelId, `handover <@${ERIN}> support`));
    expect(refusal).toContain(`Several people are support rep (<@${BOB}>, <@${DAVE}>): one of them hands over their part, or use \`/crisis assign\` and \`/crisis unassign\`. Nothing changed.`);
    expect(rowCounts(h)).toEqual(before);
  });

  it('the form: opened by bare `handover`, a mistake is a field error, a good one hands over with the note', async () => {
    await reply(ALICE, `assign <@${BOB}> info`);
    await crisisCommand(h, BOB, crisis.channelId, 'handover');
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === BOB && v.open && v.payload.callback_id === 'handover_modal'));
    const self = await h.driver.submitView({ userId: BOB, viewId: modal.id, values: { handover_user: BOB, handover_role: 'info', handover_note: 'x' } });
    expect(self.json).toMatchObject({ response_action: 'errors', errors: { handover_user: expect.stringContaining("You can't hand over to yourself") } });
    expect(holders('info')).toEqual([BOB]);
    await h.driver.submitView({ userId: BOB, viewId: modal.id, values: { handover_user: ERIN, handover_role: 'info', handover_note: 'Facts sheet pinned; PayFast ETA 11:00' } });
    await h.emu.waitFor(() => holders('info').includes(ERIN));
    expect(holders('info')).toEqual([ERIN]);
    const dm = await h.emu.waitFor(() => h.emu.dmsTo(ERIN).find((m) => readable(m).includes('Handover from')));
    expect(readable(dm)).toContain('>Facts sheet pinned; PayFast ETA 11:00');
  });
});

describe('refusals say what is accepted and change nothing', () => {
  beforeEach(async () => {
    await reply(ALICE, `assign <@${BOB}> spokesperson`);
  });

  it('an unknown role', async () => {
    const before = rowCounts(h);
    const text = ackText(await crisisCommand(h, BOB, crisis.channelId, `handover <@${CAROL}> janitor Keys are on the desk`));
    expect(text).toContain('`janitor` is not a role. Roles: `lead` (`commander`), `spokesperson` (`comms`), `info` (`info-gatherer`), `legal` (`compliance`), `support` (`support-rep`).');
    expect(rowCounts(h)).toEqual(before);
  });

  it('a handover to oneself', async () => {
    const before = rowCounts(h);
    const text = ackText(await crisisCommand(h, BOB, crisis.channelId, `handover <@${BOB}> spokesperson note`));
    expect(text).toContain("You can't hand over to yourself. Name the person taking over, e.g. `/crisis handover @maria spokesperson what they need to know`. Nothing changed.");
    expect(rowCounts(h)).toEqual(before);
  });

  it('a handover to the crisis bot, and to another app\'s bot (asked of users.info)', async () => {
    const before = rowCounts(h);
    expect(ackText(await crisisCommand(h, BOB, crisis.channelId, `handover <@${BOT}> spokesperson`))).toContain(`<@${BOT}> is a bot; a role is handed over to a person. Nothing changed.`);
    h.emu.addUser({ id: 'U0DEPLOYBOT', name: 'deploybot', is_bot: true });
    const said = await reply(BOB, 'handover <@U0DEPLOYBOT> spokesperson');
    expect(said).toContain('<@U0DEPLOYBOT> is a bot; a role is handed over to a person. Nothing changed.');
    expect(h.emu.calls('users.info').some((c) => c.args.user === 'U0DEPLOYBOT')).toBe(true);
    expect(rowCounts(h)).toEqual(before);
    expect(holders('spokesperson')).toEqual([BOB]);
  });

  it('a handover to someone who already holds the role', async () => {
    const before = rowCounts(h);
    const text = ackText(await crisisCommand(h, ALICE, crisis.channelId, `handover <@${BOB}> spokesperson`));
    expect(text).toContain(`<@${BOB}> is already spokesperson. Hand over to someone who does not hold it yet. Nothing changed.`);
    expect(rowCounts(h)).toEqual(before);
  });

  it('the lead handed over by someone who may not', async () => {
    const before = rowCounts(h);
    const text = ackText(await crisisCommand(h, BOB, crisis.channelId, `handover <@${CAROL}> lead`));
    expect(text).toContain('hand over the lead');
    expect(rowCounts(h)).toEqual(before);
    expect(holders('lead')).toEqual([ALICE]);
  });

  it('outside a crisis channel', async () => {
    const text = ackText(await crisisCommand(h, BOB, 'C0GENERAL', `handover <@${CAROL}> spokesperson`));
    expect(text).toContain('This works only in a crisis channel.');
  });
});
