/**
 * Issue 13, the personal App Home through the emulator (views.publish calls recorded): the
 * sections a lead, a legal holder and a bystander see, private crises hidden from the bystander,
 * a checklist ticked and an action marked done right on the tab, the Declare button, and the tab
 * republished for the people whose part changed without them opening it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/core/crisis';
import type { RecordedCall } from '../../src/emulator';
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, type Harness } from '../helpers/harness';
import { commandWithReply, declareQuick, readable, startAt } from './helpers/declare-helpers';

const SECRET = 'Customer data exposed at Acme Bank';
let h: Harness;
let open: Crisis;
let secret: Crisis;

beforeEach(async () => {
  h = await startAt({ bot: { homePublisher: { debounceMs: 20 } } });
  ({ crisis: open } = await declareQuick(h, 'sev2 Checkout payments failing', ALICE));
  ({ crisis: secret } = await declareQuick(h, `breach: ${SECRET}`, ALICE));
  for (const [c, text] of [
    [open, `assign <@${BOB}> legal`],
    [secret, `assign <@${BOB}> legal`],
    [open, `assign <@${CAROL}> spokesperson`],
    [open, `action Write the customer FAQ <@${BOB}>`],
  ] as const) {
    await commandWithReply(h, ALICE, c.channelId, text);
  }
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

function publishesTo(userId: string): RecordedCall[] {
  return h.emu.calls('views.publish').filter((c) => c.args.user_id === userId);
}

/** What the person's latest published tab reads. */
function latest(userId: string): string {
  return readable(publishesTo(userId).at(-1)?.args.view);
}

/** The tabs have caught up with the roster of beforeEach, so every publish after this is caused by what follows. */
function caughtUp(): Promise<boolean> {
  return h.emu.waitFor(() => latest(BOB).includes('Write the customer FAQ') && latest(CAROL).includes('*Spokesperson* in'));
}

/** Opens the person's Home and returns what was published for them (readable text and the view). */
async function openHome(userId: string): Promise<{ text: string; view: Record<string, unknown> }> {
  const before = publishesTo(userId).length;
  const sent = await h.driver.appHomeOpened(userId);
  expect(sent.status).toBe(200);
  const call = await h.emu.waitFor(() => publishesTo(userId)[before]);
  const view = call.args.view as Record<string, unknown>;
  return { text: readable(view.blocks), view };
}

describe('each person sees their own part', () => {
  it('the lead: both roles with their checklists, no drafts or promises yet, the open crises, a Declare button', async () => {
    const { text, view } = await openHome(ALICE);
    expect(view.type).toBe('home');
    expect(text).toContain('*Your roles* (2)');
    expect(text).toContain(`*Crisis lead* in <#${open.channelId}> *Checkout payments failing*`);
    expect(text).toContain(`*Crisis lead* in <#${secret.channelId}> *${SECRET}*`);
    expect(text).toMatch(/checklist 0\/\d+ done/);
    expect(text).toContain('*Drafts waiting for your approval*\n_None._');
    expect(text).toContain('*Promises you owe*\n_None._');
    expect(text).toContain('*Open crises: 2*');
    const blocks = view.blocks as Array<{ accessory?: { action_id?: string } }>;
    expect(blocks.some((b) => b.accessory?.action_id === 'home_declare')).toBe(true);
  });

  it('the legal holder: legal in both crises, and the action they own with Mark done', async () => {
    const { text } = await openHome(BOB);
    expect(text).toContain('*Your roles* (2)');
    expect(text).toContain('*Legal* in');
    expect(text).toContain(SECRET);
    expect(text).toContain('*Your open follow-up actions* (1)');
    expect(text).toContain('Write the customer FAQ');
    expect(text).toContain('Mark done');
  });

  it('a bystander: no roles, the open crises with the private one as "private crisis", never its title, in any publish', async () => {
    const { text } = await openHome(DAVE);
    expect(text).toContain('*Your roles* (0)');
    expect(text).toContain('*Your open follow-up actions* (0)');
    expect(text).toContain(`:lock: _private crisis_ · sev1 · lead <@${ALICE}>`);
    expect(text).toContain('*Checkout payments failing*');
    for (const call of h.emu.calls('views.publish')) {
      const member = h.emu.channel(secret.channelId)?.members.has(String(call.args.user_id));
      if (!member) expect(JSON.stringify(call.args)).not.toContain('Acme Bank');
    }
    expect(JSON.stringify(publishesTo(DAVE))).not.toContain(secret.channelId);
  });
});

describe('working from the tab', () => {
  it('ticks a checklist item there: recorded, the DM updated, the tab republished with the progress', async () => {
    await openHome(BOB);
    const holding = h.bot.store.roles.active(open.id).find((a) => a.userId === BOB && a.role === 'legal');
    const viewId = h.emu.homeView(BOB)?.id;
    if (!holding || !viewId) throw new Error('no legal holding or no Home tab');
    const before = publishesTo(BOB).length;
    const updates = h.emu.calls('chat.update').length;
    const sent = await h.driver.checkbox({ userId: BOB, viewId, actionId: 'checklist_toggle', selectedValues: [`${holding.id}:0`] });
    expect(sent.status).toBe(200);
    await h.emu.waitFor(() => h.bot.store.roles.checklist(holding.id)[0]?.doneAt !== null);
    expect(h.bot.store.roles.checklist(holding.id)[0]).toMatchObject({ doneBy: BOB });
    // The DM's copy of the checklist follows, and the tab is republished with "1/N done".
    await h.emu.waitFor(() => h.emu.calls('chat.update').slice(updates).some((c) => readable(c.args.blocks).includes('(1/')));
    const republished = await h.emu.waitFor(() => publishesTo(BOB).slice(before).find((c) => readable(c.args.view).includes('checklist 1/')));
    expect(readable(republished.args.view)).toMatch(/\*Legal\* in <#C[A-Z0-9]+> \*Checkout payments failing\*\nsev2 · Investigating · checklist 1\/\d+ done/);
  });

  it('marks an action done there: done by them, gone from the republished tab', async () => {
    await openHome(BOB);
    const viewId = h.emu.homeView(BOB)?.id;
    const [action] = h.bot.store.followUps.actions(open.id);
    if (!viewId || !action) throw new Error('no Home tab or no action');
    const before = publishesTo(BOB).length;
    const sent = await h.driver.clickButton({ userId: BOB, actionId: 'action_toggle', viewId, value: `${action.id}:done` });
    expect(sent.status).toBe(200);
    await h.emu.waitFor(() => h.bot.store.followUps.action(action.id)?.doneAt !== null);
    expect(h.bot.store.followUps.action(action.id)).toMatchObject({ doneBy: BOB });
    const republished = await h.emu.waitFor(() => publishesTo(BOB).slice(before).find((c) => readable(c.args.view).includes('*Your open follow-up actions* (0)')));
    expect(readable(republished.args.view)).not.toContain('Write the customer FAQ');
    // The channel's message still shows "Mark done": clicking it keeps the action done (the button
    // says what it means, it does not toggle) and the message catches up.
    const message = h.emu.messages(open.channelId).find((m) => m.text.startsWith(`Follow-up action #${action.id}`));
    if (!message) throw new Error('no action message in the channel');
    await h.driver.clickButton({ userId: ALICE, actionId: 'action_toggle', channelId: open.channelId, messageTs: message.ts });
    await h.emu.waitFor(() => readable(h.emu.messages(open.channelId).find((m) => m.ts === message.ts)).includes('Reopen'));
    expect(h.bot.store.followUps.action(action.id)).toMatchObject({ doneBy: BOB });
    expect(h.bot.store.timeline.list(open.id).filter((e) => e.kind === 'action_done')).toHaveLength(1);
  });

  it('opens the declare form from the Declare button', async () => {
    await openHome(DAVE);
    const viewId = h.emu.homeView(DAVE)?.id;
    if (!viewId) throw new Error('no Home tab');
    await h.driver.clickButton({ userId: DAVE, actionId: 'home_declare', viewId });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === DAVE && v.open && v.payload.callback_id === 'declare_modal'));
    expect(readable(modal.payload.blocks)).toContain('Crisis type');
  });
});

describe('republished when something of theirs changes', () => {
  it('a new role holder, a new action owner and everyone in a resolved crisis get a fresh tab without opening it', async () => {
    await commandWithReply(h, ALICE, open.channelId, `assign <@${ERIN}> support`);
    const erin = await h.emu.waitFor(() => publishesTo(ERIN)[0]);
    expect(readable(erin.args.view)).toContain('*Support rep* in');
    await commandWithReply(h, ALICE, open.channelId, `action Check the refund queue <@${DAVE}>`);
    const dave = await h.emu.waitFor(() => publishesTo(DAVE)[0]);
    expect(readable(dave.args.view)).toContain('Check the refund queue');

    const carolBefore = publishesTo(CAROL).length;
    await commandWithReply(h, ALICE, open.channelId, 'resolve Payments restored');
    const carol = await h.emu.waitFor(() => publishesTo(CAROL)[carolBefore]);
    expect(readable(carol.args.view)).toContain('*Your roles* (0)');
    // Someone who never took part and never opened the tab is not published for.
    expect(publishesTo(FRANK)).toEqual([]);
  });

  it('a draft republishes the legal holder\'s tab with it; once approved it leaves, and publishing puts the promise on the spokesperson\'s tab', async () => {
    await caughtUp();
    const bobBefore = publishesTo(BOB).length;
    await commandWithReply(h, DAVE, open.channelId, 'statement We are looking into failed card payments.');
    const withDraft = await h.emu.waitFor(() => publishesTo(BOB).slice(bobBefore).find((c) => readable(c.args.view).includes('*Drafts waiting for your approval* (1)')));
    expect(readable(withDraft.args.view)).toContain(
      `*S1* in <#${open.channelId}> *Checkout payments failing* by <@${DAVE}>: “We are looking into failed card payments.” — \`/crisis approve S1\` in the channel`,
    );

    const bobApproving = publishesTo(BOB).length;
    await commandWithReply(h, BOB, open.channelId, 'approve S1');
    await h.emu.waitFor(() => publishesTo(BOB).slice(bobApproving).find((c) => readable(c.args.view).includes('*Drafts waiting for your approval*\n_None._')));

    const carolBefore = publishesTo(CAROL).length;
    await commandWithReply(h, CAROL, open.channelId, 'publish S1 status page');
    const withPromise = await h.emu.waitFor(() => publishesTo(CAROL).slice(carolBefore).find((c) => readable(c.args.view).includes('*Promises you owe* (1)')));
    // sev2: the next statement is promised an hour after publishing (09:00 + 1 h on this clock).
    expect(readable(withPromise.args.view)).toContain(`next statement after *S1* in <#${open.channelId}> *Checkout payments failing*: due 10:00 UTC (in 1 h)`);
    // The author, who reviews nothing and owes nothing, is not published for.
    expect(publishesTo(DAVE)).toEqual([]);
  });

  it('a severity or status change republishes its holders\' tabs; a broken promise leaves the spokesperson\'s', async () => {
    await caughtUp();
    const bobBefore = publishesTo(BOB).length;
    await commandWithReply(h, ALICE, open.channelId, 'severity sev1');
    await h.emu.waitFor(() => publishesTo(BOB).length > bobBefore && latest(CAROL).includes('sev1 · Investigating'));
    expect(latest(BOB)).toContain(`*Legal* in <#${open.channelId}> *Checkout payments failing*\nsev1 · Investigating`);
    const carolBefore = publishesTo(CAROL).length;
    await commandWithReply(h, BOB, open.channelId, 'status identified');
    await h.emu.waitFor(() => publishesTo(CAROL).length > carolBefore);
    expect(latest(CAROL)).toContain('sev1 · Identified');

    await commandWithReply(h, DAVE, open.channelId, 'statement next 30m We are on it.');
    await commandWithReply(h, BOB, open.channelId, 'approve S1');
    await commandWithReply(h, CAROL, open.channelId, 'publish S1 status page');
    await h.emu.waitFor(() => latest(CAROL).includes('*Promises you owe* (1)'));
    const carolOwing = publishesTo(CAROL).length;
    h.clock.advanceMinutes(31);
    await h.bot.services.alerts.tick();
    expect(h.bot.store.statements.byNumber(open.id, 1)?.promiseState).toBe('broken');
    await h.emu.waitFor(() => publishesTo(CAROL).length > carolOwing);
    expect(latest(CAROL)).toContain('*Promises you owe*\n_None._');
  });

  it('coalesces a burst: a whole roster for one person is one publish', async () => {
    const before = publishesTo(DAVE).length;
    await commandWithReply(h, ALICE, open.channelId, `assign <@${DAVE}> info`);
    await commandWithReply(h, ALICE, secret.channelId, `assign <@${DAVE}> support`);
    await h.emu.waitFor(() => publishesTo(DAVE).length > before);
    await h.settled();
    const last = publishesTo(DAVE).at(-1);
    expect(readable(last?.args.view)).toContain('*Your roles* (2)');
    expect(publishesTo(DAVE).length - before).toBeLessThanOrEqual(2);
  });
});
