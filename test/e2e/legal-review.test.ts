/**
 * Issue 16 and 17, legal sees every word that goes out, end to end through the emulator:
 * - a pre-approved template filled with an impact legal never approved goes to review, its message
 *   shows legal those words highlighted; once legal approved a statement holding them, the same
 *   template is approved at once (and a new impact goes to review again), by command and by form;
 * - under a playbook with `legal_required` (recall), the lead's approval is refused (command and
 *   button), the draft waits for legal or a crisis admin, the App Home does not offer it to the
 *   lead, and the channel is told once, across drafts, ticks and a restart, that a legal holder is
 *   needed;
 * - nobody approves a statement or an FAQ answer they wrote, the lead standing in included; each
 *   refusal says who may, and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, startHarness, type Harness } from '../helpers/harness';
import { clickOnStatement, crisisCommand, crisisWith, nextTold, openModal, seen, statement, statementMessage, statementState, textOf } from './statement-helpers';

const START = '2026-03-05T09:00:00.000Z';
const REFUND = 'Every affected customer will get a full refund plus a 50 EUR voucher';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(START), env: { CRISIS_ADMINS: FRANK } });
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

/** The message's section that lists the words legal has not seen, or undefined. */
async function unseenLine(crisis: Crisis, n: number): Promise<string | undefined> {
  const message = await statementMessage(h, crisis, n);
  const block = (message.blocks ?? []).find((b) => (b as { block_id?: string }).block_id === 'statement_unseen') as { text?: { text?: string } } | undefined;
  return block?.text?.text;
}

describe('a pre-approved template and the words filled into it', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
    // Legal has seen the title: S1 names it and legal approved it.
    await crisisCommand(h, BOB, crisis.channelId, 'statement Checkout down: we are looking into it.');
    await crisisCommand(h, CAROL, crisis.channelId, 'approve S1');
    await crisisCommand(h, DAVE, crisis.channelId, `impact ${REFUND}`);
  });

  it('filled with an impact legal never approved goes to review, highlighted; once legal approved it, the same template is approved at once', async () => {
    const drafted = await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-status');
    expect(drafted.text).toBe(
      "S2 drafted from the pre-approved template `outage-status`, but it fills in words legal has not approved in this crisis (the customer impact), so it is posted in the channel for legal's review (`/crisis approve S2` or `/crisis changes S2 &lt;comment&gt;`), with those words highlighted.",
    );
    expect(statement(h, crisis, 2)).toMatchObject({
      state: 'draft',
      preApproved: false,
      approvedAs: null,
      templateId: 'outage-status',
      text: `Investigating: Checkout down. ${REFUND}. Next update by 10:00 UTC.`,
      unseenWords: [{ placeholder: 'impact', text: `${REFUND}.` }],
    });
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'statement_drafted').at(-1)?.data).toMatchObject({ statement: 2, pre_approved: false, unseen: ['impact'] });
    // Legal sees which words: in bold in the quote, and listed under it.
    const message = await statementMessage(h, crisis, 2);
    expect(textOf(message)).toContain(`>Investigating: Checkout down. *${REFUND}*. Next update by 10:00 UTC.`);
    expect(await unseenLine(crisis, 2)).toBe(
      `:mag: *Legal has not seen these words* (in bold above), filled into the template from the crisis: the customer impact “${REFUND}.”.`,
    );
    expect(textOf(message)).toContain(`Waiting for review by legal (<@${CAROL}>).`);

    // Legal approves it: the marks are gone, and the impact is now words legal has seen.
    await crisisCommand(h, CAROL, crisis.channelId, 'approve S2');
    await h.emu.waitFor(() => (textOf(h.emu.messages(crisis.channelId).find((m) => m.ts === statement(h, crisis, 2).messageTs) ?? message).includes('Approved by') ? true : undefined));
    expect(await unseenLine(crisis, 2)).toBeUndefined();
    const again = await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-status');
    expect(again.text).toBe('S3 drafted from the pre-approved template `outage-status`, unedited, so it is approved already. The spokesperson publishes it: `/crisis publish S3 &lt;where&gt;`.');
    expect(statement(h, crisis, 3)).toMatchObject({ state: 'approved', approvedAs: 'template', unseenWords: [] });

    // A new impact is new words: back to review.
    await crisisCommand(h, DAVE, crisis.channelId, 'impact Orders placed today ship free');
    expect((await crisisCommand(h, BOB, crisis.channelId, 'statement from outage-status')).text).toContain('but it fills in words legal has not approved in this crisis (the customer impact)');
    expect(statement(h, crisis, 4)).toMatchObject({ state: 'draft', unseenWords: [{ placeholder: 'impact', text: 'Orders placed today ship free.' }] });
  });

  it('through the form: the second step says which words legal has not seen, and left unedited the draft goes to review', async () => {
    await h.driver.slashCommand({ userId: BOB, channelId: crisis.channelId, text: 'statement' });
    const pick = await openModal(h, BOB, 'statement_pick_modal');
    await h.driver.submitView({ userId: BOB, viewId: pick.id, values: { statement_template: 'outage-status', statement_next: '30' } });
    const compose = await openModal(h, BOB, 'statement_compose_modal');
    expect(JSON.stringify(compose.payload.blocks)).toContain(
      'From the pre-approved template `outage-status`, but legal has not approved the customer impact filled into it in this crisis, so legal reviews it before it is published.',
    );
    const told = await nextTold(h, BOB, () => h.driver.submitView({ userId: BOB, viewId: compose.id, values: {} }));
    expect(told).toContain('S2 drafted from the pre-approved template `outage-status`, but it fills in words legal has not approved in this crisis (the customer impact)');
    expect(statement(h, crisis, 2)).toMatchObject({ state: 'draft', approvedAs: null, unseenWords: [{ placeholder: 'impact', text: `${REFUND}.` }] });

    // Approved by legal, the form's unedited draft of the same template is approved at once.
    await crisisCommand(h, CAROL, crisis.channelId, 'approve S2');
    await h.driver.slashCommand({ userId: BOB, channelId: crisis.channelId, text: 'statement' });
    const pick2 = await openModal(h, BOB, 'statement_pick_modal');
    await h.driver.submitView({ userId: BOB, viewId: pick2.id, values: { statement_template: 'outage-status', statement_next: '30' } });
    const compose2 = await openModal(h, BOB, 'statement_compose_modal');
    const told2 = await nextTold(h, BOB, () => h.driver.submitView({ userId: BOB, viewId: compose2.id, values: {} }));
    expect(told2).toContain('S3 drafted from the pre-approved template `outage-status`, unedited, so it is approved already.');
    expect(statement(h, crisis, 3)).toMatchObject({ state: 'approved', approvedAs: 'template' });
  });
});

describe('a playbook that requires legal (recall)', () => {
  it('the lead never stands in: approval refused by command and button, the draft waits for legal or an admin, and the channel is told once that a legal holder is needed', async () => {
    const crisis = await crisisWith(h, 'declare recall: Kettle K9 overheats', { [BOB]: 'spokesperson' });
    const drafted = await crisisCommand(h, BOB, crisis.channelId, 'statement Please stop using the Kettle K9.');
    expect(drafted.text).toContain(
      'This crisis type needs legal for every statement, and there is no legal holder: it waits for one (`/crisis assign @person legal`) or a crisis admin; the lead does not stand in.',
    );
    expect(textOf(await statementMessage(h, crisis, 1))).toContain(
      'Waiting for review by legal: this crisis type needs legal for every statement and nobody holds legal yet (`/crisis assign @person legal`); the lead does not stand in.',
    );

    const before = statementState(h, crisis);
    const refusal =
      "Only legal or a crisis admin can approve statements: this crisis type's playbook requires legal, so the lead does not stand in. This crisis has no legal holder; `/crisis assign @person legal` names one. Nothing changed.";
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'approve S1')).text).toBe(refusal);
    expect(await nextTold(h, ALICE, () => clickOnStatement(h, crisis, 1, ALICE, 'statement_approve'))).toContain(refusal);
    expect(statementState(h, crisis)).toBe(before);
    // The App Home does not offer the lead a draft the lead may not approve.
    expect(h.bot.services.statements.draftsAwaitingApproval(ALICE)).toEqual([]);

    // The channel is told once, whatever follows: another draft, ticks, a restart.
    const notices = (): string[] => h.emu.messages(crisis.channelId).filter((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'legal_needed')).map(textOf);
    await h.bot.services.alerts.tick();
    expect(notices()).toEqual([
      `:scales: <@${ALICE}>: a legal holder is needed. This crisis type's playbook (Product recall) requires legal to approve every statement, so the lead does not stand in, and nobody holds legal: S1 waits. Name one with \`/crisis assign @person legal\`; a crisis admin may also approve.`,
    ]);
    await crisisCommand(h, BOB, crisis.channelId, 'statement Affected batches: 2611 to 2619.');
    await crisisCommand(h, ALICE, crisis.channelId, 'approve S2');
    await h.bot.services.alerts.tick();
    await h.restartBot();
    await h.bot.services.alerts.tick();
    expect(notices()).toHaveLength(1);
    expect(h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'role_nudge').map((e) => e.data)).toEqual([{ role: 'legal' }]);

    // A crisis admin may approve; once legal is named, legal reviews and the lead still does not.
    expect((await crisisCommand(h, FRANK, crisis.channelId, 'approve S1')).text).toContain('S1 approved as a crisis admin.');
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${CAROL}> legal`);
    expect(seen((await crisisCommand(h, ALICE, crisis.channelId, 'approve S2')).text)).toBe(`Only legal (<@${CAROL}>) or a crisis admin can approve statements. Nothing changed.`);
    expect((await crisisCommand(h, CAROL, crisis.channelId, 'approve S2')).text).toContain('S2 approved as legal.');
  });

  it('a crisis of a type without it: the lead stands in while there is no legal holder, and nobody is told a legal holder is needed', async () => {
    const crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson' });
    await crisisCommand(h, BOB, crisis.channelId, 'statement We are looking into it.');
    expect((await crisisCommand(h, ALICE, crisis.channelId, 'approve S1')).text).toContain('S1 approved as the lead (no legal holder).');
    await h.bot.services.alerts.tick();
    expect(h.bot.store.alerts.ofCrisis(crisis.id).filter((a) => a.kind === 'legal_needed')).toEqual([]);
  });
});

describe('nobody approves their own words', () => {
  it('a statement: legal may not approve its own draft (command and button), nor the lead standing in; the refusal says who may', async () => {
    const crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
    await crisisCommand(h, CAROL, crisis.channelId, 'statement We are looking into failed checkouts.');
    const before = statementState(h, crisis);
    const own = 'You drafted S1, and nobody approves their own words. It waits for a crisis admin. Nothing changed.';
    expect((await crisisCommand(h, CAROL, crisis.channelId, 'approve S1')).text).toBe(own);
    expect(await nextTold(h, CAROL, () => clickOnStatement(h, crisis, 1, CAROL, 'statement_approve'))).toContain(own);
    expect(statementState(h, crisis)).toBe(before);
    expect(textOf(await statementMessage(h, crisis, 1))).toContain(`Waiting for review by a crisis admin: legal (<@${CAROL}>) wrote it, and nobody approves their own words.`);
    // Sending one's own draft back is allowed (it only returns it for editing); an admin approves.
    expect((await crisisCommand(h, FRANK, crisis.channelId, 'approve S1')).text).toContain('S1 approved as a crisis admin.');

    // The lead standing in for legal: its own draft waits for legal or an admin.
    const second = await crisisWith(h, 'declare outage: Search down', { [BOB]: 'spokesperson' });
    await crisisCommand(h, ALICE, second.channelId, 'statement Search is down.');
    expect((await crisisCommand(h, ALICE, second.channelId, 'approve S1')).text).toBe(
      'You drafted S1, and nobody approves their own words, not even the lead standing in for legal. It waits for a legal holder (`/crisis assign @person legal` names one) or a crisis admin. Nothing changed.',
    );
    expect(statement(h, second, 1).state).toBe('draft');
    // Whoever edits a draft wrote words in it too.
    await crisisCommand(h, DAVE, second.channelId, 'statement Search is slow.');
    await h.bot.services.statements.edit(second, ALICE, 2, 'Search is slow for some customers.');
    expect((await crisisCommand(h, ALICE, second.channelId, 'approve S2')).text).toContain('You edited S2, and nobody approves their own words, not even the lead standing in for legal.');
    // Neither is offered to the lead on the App Home; a draft of someone else's is.
    await crisisCommand(h, DAVE, second.channelId, 'statement Search works again.');
    expect(h.bot.services.statements.draftsAwaitingApproval(ALICE).map((d) => [d.crisisId, d.statement.number])).toEqual([[second.id, 3]]);
  });

  it('an FAQ answer: its proposer may not approve it (command and button), as legal or as the lead standing in; another approver may', async () => {
    const crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal', [ERIN]: 'support' });
    const proposed = await crisisCommand(h, CAROL, crisis.channelId, 'faq add Was I charged twice? | No: failed orders were never charged.');
    const label = /\*(F\d+)\*/.exec(proposed.text)?.[1];
    if (!label) throw new Error(`not proposed: ${proposed.text}`);
    expect(proposed.text).toContain(`Legal or the spokesperson (<@${BOB}>) can approve it`);
    const rows = (): string => JSON.stringify(h.bot.store.faq.list(crisis.id));
    const before = rows();
    const own = `You proposed ${label}, and nobody approves their own words. It waits for legal or the spokesperson (<@${BOB}>) or a crisis admin. Nothing changed.`;
    expect((await crisisCommand(h, CAROL, crisis.channelId, `approve ${label}`)).text).toBe(own);
    const proposal = await h.emu.waitFor(() => h.emu.messages(crisis.channelId).find((m) => (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'faq_proposal')));
    const clicked = await nextTold(h, CAROL, () => h.driver.clickButton({ userId: CAROL, actionId: 'faq_approve', channelId: crisis.channelId, messageTs: proposal.ts }));
    expect(clicked).toContain(own);
    expect(rows()).toBe(before);
    expect((await crisisCommand(h, BOB, crisis.channelId, `approve ${label}`)).text).toContain(`*${label}* approved`);

    // The lead standing in (no legal holder, no spokesperson) may not approve its own answer either.
    const bare = await crisisWith(h, 'declare outage: Search down');
    const mine = await crisisCommand(h, ALICE, bare.channelId, 'faq add Is search back? | Not yet.');
    const mineLabel = /\*(F\d+)\*/.exec(mine.text)?.[1] ?? '';
    expect((await crisisCommand(h, ALICE, bare.channelId, `approve ${mineLabel}`)).text).toBe(
      `You proposed ${mineLabel}, and nobody approves their own words, not even the lead standing in. It waits for legal or the spokesperson once assigned (\`/crisis assign @person legal\`) or a crisis admin. Nothing changed.`,
    );
  });
});
