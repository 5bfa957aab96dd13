/**
 * Issue 11, statements with one voice, end to end through the emulator: a pre-approved template
 * drafted unedited (its filled-in words seen by legal) is approved at once and published by the
 * spokesperson; an edited one goes to
 * legal, is sent back with a comment the author gets by DM, edited from that DM, approved and
 * published with the buttons, its message updated in place; who may approve and publish (each
 * refusal says who may), the lead standing in for a missing legal holder or spokesperson, a crisis
 * admin acting for legal; publishing a draft or a statement sent back is refused; a published one
 * is frozen; the lists; and Slack failing halfway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, startHarness, type Harness } from '../helpers/harness';
import { readable } from './helpers/declare-helpers';
import {
  buttonIds,
  card,
  clickOnStatement,
  crisisCommand,
  crisisWith,
  nextTold,
  openModal,
  publishedMessages,
  seen,
  statement,
  statementMessage,
  statementState,
  textOf,
} from './statement-helpers';

const START = '2026-03-05T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let h: Harness;
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

function kinds(crisis: Crisis, prefix: string): Array<[string, unknown]> {
  return h.bot.store.timeline
    .list(crisis.id)
    .filter((e) => e.kind.startsWith(prefix))
    .map((e) => [e.kind, e.data]);
}

describe('a pre-approved template, unedited, filled with words legal has seen', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal', [ERIN]: 'support' });
    // S1, by hand, names the title and is approved by legal: the title is words legal has seen.
    await crisisCommand(h, BOB, crisis.channelId, 'statement Checkout down: we are looking into it.');
    await crisisCommand(h, CAROL, crisis.channelId, 'approve S1');
  });

  it('is approved at once by the template; only the spokesperson publishes it; the channel, the message and the card follow', async () => {
    h.clock.set(at(5));
    const drafted = await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-holding');
    expect(drafted.text).toBe('S2 drafted from the pre-approved template `outage-holding`, unedited, so it is approved already. The spokesperson publishes it: `/crisis publish S2 &lt;where&gt;`.');
    const s2 = statement(h, crisis, 2);
    expect(s2).toMatchObject({
      state: 'approved',
      approvedAs: 'template',
      approvedBy: null,
      preApproved: true,
      templateId: 'outage-holding',
      audience: 'customers',
      authorId: BOB,
      text: "We're aware that some customers are having trouble with Checkout down. Our team is working on it right now. We'll post our next update by 10:05 UTC.",
      statedDueAt: at(65),
    });
    expect(kinds(crisis, 'statement_')).toEqual([
      ['statement_drafted', { statement: 1, audience: 'customers', template_id: null, pre_approved: false, next_minutes: null }],
      ['statement_approved', { statement: 1, as: 'legal' }],
      ['statement_drafted', { statement: 2, audience: 'customers', template_id: 'outage-holding', pre_approved: true, next_minutes: null }],
      ['statement_approved', { statement: 2, as: 'template' }],
    ]);
    const message = await statementMessage(h, crisis, 2);
    expect(buttonIds(message)).toEqual(['statement_publish', 'statement_changes', 'statement_edit']);
    expect(textOf(message)).toContain('Approved by the pre-approved template `outage-holding`. Ready for the spokesperson (<@U0BOB>) to publish.');

    // Legal may not publish: the refusal names the spokesperson, and nothing changes.
    h.clock.set(at(8));
    const before = statementState(h, crisis);
    const refused = await crisisCommand(h, CAROL, crisis.channelId, 'publish S2 status page');
    expect(seen(refused.text)).toBe(`Only the spokesperson (<@${BOB}>) publishes statements: customers hear one voice. Ask them. Nothing changed.`);
    expect(statementState(h, crisis)).toBe(before);

    const published = await crisisCommand(h, BOB, crisis.channelId, 'publish S2 status page');
    // The text promises 10:05, so that is the promise (not 60 minutes from publishing).
    expect(published.text).toBe('S2 marked published (status page). It promises the next statement by 10:05 UTC (in 57 min); you will be reminded 10 minutes before.');
    expect(statement(h, crisis, 2)).toMatchObject({ state: 'published', publishedBy: BOB, publishedAt: at(8), publishedTo: 'status page', promiseDueAt: at(65), promiseState: 'pending' });
    expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.kind.startsWith('promise')).map((a) => [a.kind, a.subject, a.dueAt, a.state])).toEqual([
      ['promise_reminder', 'promise:S2', at(55), 'pending'],
      ['promise_broken', 'promise:S2', at(65), 'pending'],
      ['promise_broken_dm', 'promise-dm:S2', at(65), 'pending'],
    ]);
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'statement').map((e) => [e.actorId, e.text, e.data])).toEqual([
      [BOB, s2.text, { statement: 2, published_to: 'status page', promise_due_at: at(65) }],
    ]);

    // The channel gets the published text; the draft's message is updated in place, buttons gone.
    expect(publishedMessages(h, crisis)).toEqual([`:mega: *S2 published* to *status page* by <@${BOB}>\n>We're aware that some customers are having trouble with Checkout down. Our team is working on it right now. We'll post our next update by 10:05 UTC.\nNext statement promised by 10:05 UTC.`]);
    const updated = await h.emu.waitFor(() => {
      const m = h.emu.messages(crisis.channelId).find((x) => x.ts === s2.messageTs);
      return m && buttonIds(m).length === 0 ? m : undefined;
    });
    expect(textOf(updated)).toContain(`:mega: Published to *status page* by <@${BOB}>`);
    expect(h.emu.calls('chat.update').some((c) => c.ok && c.args.ts === s2.messageTs)).toBe(true);

    // The card: the latest statement, short, and when the next is promised.
    await h.emu.waitFor(() => textOf(card(h, crisis)).includes('*Customer statements*'));
    expect(textOf(card(h, crisis))).toContain(`*Customer statements*\nLatest: *S2* to status page 5 Mar 09:08 UTC: _We're aware that some customers are having trouble with Checkout down.`);
    expect(textOf(card(h, crisis))).toContain('Next statement promised by *5 Mar 10:05 UTC*');

    // Published is frozen: approving, sending back, publishing again and editing are refused.
    const frozen = statementState(h, crisis);
    expect((await crisisCommand(h, CAROL, crisis.channelId, 'approve S2')).text).toBe('S2 is already published, and a published statement is never changed. To say something else, draft a new statement. Nothing changed.');
    expect((await crisisCommand(h, CAROL, crisis.channelId, 'changes S2 Too vague')).text).toContain('S2 is already published, and a published statement is never changed. A correction is a new statement.');
    expect((await crisisCommand(h, BOB, crisis.channelId, 'publish S2 X')).text).toBe('S2 was already published (status page). Nothing changed.');
    expect(statementState(h, crisis)).toBe(frozen);
  });

  it('drafted from the form unedited is approved at once; edited in the form, it goes to legal', async () => {
    h.clock.set(at(10));
    await h.driver.slashCommand({ userId: ERIN, channelId: crisis.channelId, text: 'statement' });
    const pick = await openModal(h, ERIN, 'statement_pick_modal');
    const options = (pick.payload.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }>).find((b) => b.block_id === 'statement_template')?.element?.options?.map((o) => o.value);
    // The type's templates, then the general ones.
    expect(options).toEqual(['-', 'outage-holding', 'outage-status', 'outage-macro', 'outage-social', 'outage-apology', 'internal-brief', 'press-holding']);
    await h.driver.submitView({ userId: ERIN, viewId: pick.id, values: { statement_template: 'outage-holding', statement_next: '30' } });
    const compose = await openModal(h, ERIN, 'statement_compose_modal');
    const textInput = (compose.payload.blocks as Array<{ block_id?: string; element?: { initial_value?: string } }>).find((b) => b.block_id === 'statement_text');
    expect(textInput?.element?.initial_value).toBe("We're aware that some customers are having trouble with Checkout down. Our team is working on it right now. We'll post our next update by 09:40 UTC.");
    const told = await nextTold(h, ERIN, () => h.driver.submitView({ userId: ERIN, viewId: compose.id, values: {} }));
    expect(told).toContain('S2 drafted from the pre-approved template `outage-holding`, unedited, so it is approved already.');
    expect(statement(h, crisis, 2)).toMatchObject({ state: 'approved', approvedAs: 'template', nextMinutes: 30, statedDueAt: at(40), statedDueText: '09:40 UTC' });

    // The same template, one word changed: legal must see it.
    await h.driver.slashCommand({ userId: ERIN, channelId: crisis.channelId, text: 'statement' });
    const pick2 = await openModal(h, ERIN, 'statement_pick_modal');
    await h.driver.submitView({ userId: ERIN, viewId: pick2.id, values: { statement_template: 'outage-holding', statement_next: '30' } });
    const compose2 = await openModal(h, ERIN, 'statement_compose_modal');
    await nextTold(h, ERIN, () =>
      h.driver.submitView({ userId: ERIN, viewId: compose2.id, values: { statement_text: "We're aware that many customers are having trouble with Checkout down. Our team is working on it right now. We'll post our next update by 09:40 UTC." } }),
    );
    expect(statement(h, crisis, 3)).toMatchObject({ state: 'draft', approvedAs: null, preApproved: false, templateId: 'outage-holding', statedDueAt: at(40) });
    // Another audience for the same words is an edit too.
    await h.driver.slashCommand({ userId: ERIN, channelId: crisis.channelId, text: 'statement' });
    const pick3 = await openModal(h, ERIN, 'statement_pick_modal');
    await h.driver.submitView({ userId: ERIN, viewId: pick3.id, values: { statement_template: 'outage-holding' } });
    const compose3 = await openModal(h, ERIN, 'statement_compose_modal');
    await nextTold(h, ERIN, () => h.driver.submitView({ userId: ERIN, viewId: compose3.id, values: { statement_audience: 'press' } }));
    expect(statement(h, crisis, 4)).toMatchObject({ state: 'draft', audience: 'press', preApproved: false, nextMinutes: null });
    const message = await statementMessage(h, crisis, 3);
    expect(buttonIds(message)).toEqual(['statement_approve', 'statement_changes', 'statement_edit']);
    expect(textOf(message)).toContain(`Waiting for review by legal (<@${CAROL}>).`);
    await h.emu.waitFor(() => textOf(card(h, crisis)).includes('2 drafts in review'));
  });
});

describe('review and publication with the buttons', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal', [ERIN]: 'support' });
  });

  it('legal sends it back with a comment, the author edits it from the DM, legal approves and the spokesperson publishes, each step on the timeline', async () => {
    h.clock.set(at(10));
    const drafted = await crisisCommand(h, ERIN, crisis.channelId, 'statement next 30m Checkout fails for some customers because of our payment partner.');
    expect(drafted.text).toBe('S1 drafted and posted in the channel for legal\'s review (`/crisis approve S1` or `/crisis changes S1 &lt;comment&gt;`).');

    // Someone who is not legal: refused with who may, nothing changed.
    const before = statementState(h, crisis);
    const refused = await nextTold(h, DAVE, () => clickOnStatement(h, crisis, 1, DAVE, 'statement_approve'));
    expect(seen(refused)).toContain(`Only legal (<@${CAROL}>) can approve statements. Nothing changed.`);
    const refusedChanges = await nextTold(h, BOB, () => clickOnStatement(h, crisis, 1, BOB, 'statement_changes'));
    expect(seen(refusedChanges)).toContain(`Only legal (<@${CAROL}>) can send statements back for changes. Nothing changed.`);
    expect(h.emu.views().filter((v) => v.payload.callback_id === 'statement_changes_modal')).toHaveLength(0);
    expect(statementState(h, crisis)).toBe(before);

    // Publishing a draft is refused, saying why.
    expect((await crisisCommand(h, BOB, crisis.channelId, 'publish S1')).text).toBe("S1 is a draft that legal has not approved yet; only an approved statement is published. `/crisis approve S1` once it is cleared. Nothing changed.");

    h.clock.set(at(15));
    await clickOnStatement(h, crisis, 1, CAROL, 'statement_changes');
    const changes = await openModal(h, CAROL, 'statement_changes_modal');
    const empty = await h.driver.submitView({ userId: CAROL, viewId: changes.id, values: { statement_comment: '  ' } });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { statement_comment: 'Say what should change; the author gets it by DM.' } });
    await nextTold(h, CAROL, () => h.driver.submitView({ userId: CAROL, viewId: changes.id, values: { statement_comment: 'Do not name the payment partner.' } }));
    expect(statement(h, crisis, 1)).toMatchObject({ state: 'changes_requested', reviewComment: 'Do not name the payment partner.', reviewedBy: CAROL, reviewedAt: at(15) });

    // The author's DM: the comment, the draft, and an Edit button.
    const dm = await h.emu.waitFor(() => h.emu.dmsTo(ERIN).find((m) => textOf(m).includes('sent *S1* back')));
    expect(textOf(dm)).toContain(`<@${CAROL}> sent *S1* back for changes in <#${crisis.channelId}> (*Checkout down*):\n>Do not name the payment partner.`);
    expect(buttonIds(dm)).toEqual(['statement_edit']);
    const message = await h.emu.waitFor(() => {
      const m = h.emu.messages(crisis.channelId).find((x) => x.ts === statement(h, crisis, 1).messageTs);
      return m && buttonIds(m).join() === 'statement_edit' ? m : undefined;
    });
    expect(textOf(message)).toContain(`Sent back by <@${CAROL}>: “Do not name the payment partner.” Waiting for <@${ERIN}> to edit it.`);

    // Sent back: neither publishing nor approving until it is edited.
    expect((await crisisCommand(h, BOB, crisis.channelId, 'publish S1')).text).toBe(`S1 was sent back for changes; it must be edited by &lt;@${ERIN}&gt; and approved before it is published. Nothing changed.`.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    expect((await crisisCommand(h, CAROL, crisis.channelId, 'approve S1')).text).toBe(`S1 was sent back for changes by <@${CAROL}>; once <@${ERIN}> edits it, it comes back for review. Nothing changed.`);

    // The author edits from the DM; an unchanged text is not an edit.
    h.clock.set(at(20));
    await h.driver.clickButton({ userId: ERIN, actionId: 'statement_edit', channelId: dm.channel, messageTs: dm.ts });
    const edit = await openModal(h, ERIN, 'statement_edit_modal');
    const unchanged = await h.driver.submitView({ userId: ERIN, viewId: edit.id, values: {} });
    expect(unchanged.json).toMatchObject({ response_action: 'errors', errors: { statement_text: 'The text is unchanged; change a word to send it back for review.' } });
    const EDITED = 'Checkout fails for some customers. A fix is being deployed; we will update you within 30 minutes.';
    await nextTold(h, ERIN, () => h.driver.submitView({ userId: ERIN, viewId: edit.id, values: { statement_text: EDITED } }));
    expect(statement(h, crisis, 1)).toMatchObject({ state: 'draft', text: EDITED, editedBy: ERIN, editedAt: at(20) });

    h.clock.set(at(25));
    const approved = await nextTold(h, CAROL, () => clickOnStatement(h, crisis, 1, CAROL, 'statement_approve'));
    expect(seen(approved)).toContain(`S1 approved as legal. The spokesperson (<@${BOB}>) publishes it: \`/crisis publish S1 <where>\`.`);
    expect(statement(h, crisis, 1)).toMatchObject({ state: 'approved', approvedBy: CAROL, approvedAs: 'legal', approvedAt: at(25) });

    // Only the spokesperson gets the where-form; it starts at the audience.
    const notVoice = await nextTold(h, CAROL, () => clickOnStatement(h, crisis, 1, CAROL, 'statement_publish'));
    expect(seen(notVoice)).toContain(`Only the spokesperson (<@${BOB}>) publishes statements`);
    h.clock.set(at(28));
    await clickOnStatement(h, crisis, 1, BOB, 'statement_publish');
    const publish = await openModal(h, BOB, 'statement_publish_modal');
    // The status page is offered, ticked for a statement to customers (issue 20); here it is unticked.
    expect((publish.payload.blocks as Array<{ block_id?: string; element?: { initial_options?: Array<{ value: string }> } }>).find((b) => b.block_id === 'statement_targets')?.element?.initial_options?.map((o) => o.value)).toEqual(['status-page']);
    const done = await nextTold(h, BOB, () => h.driver.submitView({ userId: BOB, viewId: publish.id, values: { statement_targets: [], statement_where: 'X (Twitter)' } }));
    expect(done).toContain('S1 marked published (X (Twitter)). It promises the next statement by 09:58 UTC (in 30 min)');
    expect(statement(h, crisis, 1)).toMatchObject({ state: 'published', publishedTo: 'X (Twitter)', promiseDueAt: at(58) });

    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind.startsWith('statement')).map((e) => [e.kind, e.actorId, e.occurredAt])).toEqual([
      ['statement_drafted', ERIN, at(10)],
      ['statement_changes_requested', CAROL, at(15)],
      ['statement_edited', ERIN, at(20)],
      ['statement_approved', CAROL, at(25)],
      ['statement', BOB, at(28)],
    ]);

    // The DM's Edit button, clicked after publication, is refused: published statements are frozen.
    const late = await nextTold(h, ERIN, () => h.driver.clickButton({ userId: ERIN, actionId: 'statement_edit', channelId: dm.channel, messageTs: dm.ts }));
    expect(late).toContain('S1 is published, and a published statement is never edited: a correction is a new statement');
    expect(h.emu.views().filter((v) => v.payload.callback_id === 'statement_edit_modal')).toHaveLength(1);
  });
});

describe('who stands in', () => {
  it('with no legal holder the lead approves, recorded so; a crisis admin acts for legal; with no spokesperson the lead publishes', async () => {
    h = await startHarness({ clock: new ManualClock(START), env: { CRISIS_ADMINS: FRANK } });
    const crisis = await crisisWith(h, 'declare Checkout down');
    h.clock.set(at(5));
    await crisisCommand(h, BOB, crisis.channelId, 'statement next 45m We are looking into failed checkouts.');
    expect(textOf(await statementMessage(h, crisis, 1))).toContain(`Waiting for review by the lead (<@${ALICE}>), as there is no legal holder.`);

    const before = statementState(h, crisis);
    expect(seen((await crisisCommand(h, BOB, crisis.channelId, 'approve S1')).text)).toBe(
      `Only legal or a crisis admin can approve statements. This crisis has no legal holder, so the lead (<@${ALICE}>) may; \`/crisis assign @person legal\` names one. Nothing changed.`,
    );
    expect(statementState(h, crisis)).toBe(before);
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'approve S1')).text).toBe('S1 approved as the lead (no legal holder). The lead (there is no spokesperson) publishes it: `/crisis publish S1 &lt;where&gt;`.');
    expect(statement(h, crisis, 1)).toMatchObject({ approvedBy: ALICE, approvedAs: 'lead' });
    expect(h.bot.store.timeline.list(crisis.id).find((e) => e.kind === 'statement_approved')?.text).toBe('S1 approved by the lead (no legal holder)');

    expect(seen((await crisisCommand(h, BOB, crisis.channelId, 'publish S1')).text)).toBe(
      `Only the spokesperson publishes statements; this crisis has none, so the lead (<@${ALICE}>) publishes. \`/crisis assign @person spokesperson\` names one. Nothing changed.`,
    );
    h.clock.set(at(10));
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'publish S1')).text).toContain('S1 marked published (Customers). It promises the next statement by 09:55 UTC (in 45 min)');

    // Once there is a legal holder, the lead no longer approves; a crisis admin still may.
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${CAROL}> legal`);
    await crisisCommand(h, DAVE, crisis.channelId, 'statement Update: payments work again for most customers.');
    expect(seen((await crisisCommand(h, ALICE, crisis.channelId, 'approve S2')).text)).toBe(`Only legal (<@${CAROL}>) or a crisis admin can approve statements. Nothing changed.`);
    expect((await crisisCommand(h, FRANK, crisis.channelId, 'approve S2')).text).toContain('S2 approved as a crisis admin.');
    expect(statement(h, crisis, 2)).toMatchObject({ approvedBy: FRANK, approvedAs: 'admin' });
  });
});

describe('the lists', () => {
  it('`templates` shows the type\'s and the general ones; `statements` shows each with its state, author, approver, where and promise', async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    const crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
    const templates = seen(readable((await h.driver.slashCommand({ userId: DAVE, channelId: crisis.channelId, text: 'templates' })).json));
    expect(templates).toContain('`outage-holding` · Customers · :white_check_mark: pre-approved');
    expect(templates).toContain('`outage-social` · Social media · needs review');
    expect(templates).toContain('`press-holding` · Press · :white_check_mark: pre-approved · general');
    expect(templates).toContain(">We're aware that some customers are having trouble with {title}. Our team is working on it right now.");

    // press-holding fills in no one's words (only the time), so it is approved at once.
    await crisisCommand(h, BOB, crisis.channelId, 'statement from press-holding');
    await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status page');
    await crisisCommand(h, DAVE, crisis.channelId, 'statement We are sorry.');
    await crisisCommand(h, CAROL, crisis.channelId, 'changes S2 Say what happened');
    const list = seen(readable((await h.driver.slashCommand({ userId: DAVE, channelId: crisis.channelId, text: 'statements' })).json));
    expect(list).toContain('*S1* · published · Press');
    expect(list).toContain(`by <@${BOB}> · template \`press-holding\` · approved by the pre-approved template \`press-holding\` · published to *status page* 09:00 UTC · next statement promised by 10:00 UTC`);
    expect(list).toContain('*S2* · changes requested · Customers\n>We are sorry.');
    expect(list).toContain(`sent back by <@${CAROL}>: “Say what happened”`);
  });
});

describe('Slack failing halfway', () => {
  it('a draft whose message could not be posted exists, the reply says so, and the next change posts it; a failed announcement of a publication only warns', async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    const crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
    h.emu.failNext('chat.postMessage', 'fatal_error');
    const drafted = await crisisCommand(h, DAVE, crisis.channelId, 'statement We are on it.');
    expect(drafted.text).toContain('S1 drafted and posted in the channel');
    expect(drafted.text).toContain('Could not show S1 in the channel');
    expect(statement(h, crisis, 1)).toMatchObject({ state: 'draft', messageTs: null });
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'statement_drafted')).toHaveLength(1);

    await crisisCommand(h, CAROL, crisis.channelId, 'approve S1');
    const message = await statementMessage(h, crisis, 1);
    expect(buttonIds(message)).toEqual(['statement_publish', 'statement_changes', 'statement_edit']);

    h.emu.failNext('chat.postMessage', 'fatal_error', 1, (args) => JSON.stringify(args).includes('S1 published'));
    const published = await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status page');
    expect(published.text).toContain('S1 marked published (status page).');
    expect(published.text).toContain('Could not post the published statement in the channel');
    expect(statement(h, crisis, 1).state).toBe('published');
    expect(publishedMessages(h, crisis)).toEqual([]);
  });
});
