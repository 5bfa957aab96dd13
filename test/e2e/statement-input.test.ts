/**
 * Issue 11, bad input: every mistake in a statement command or form gets a reply that says what is
 * accepted, and changes nothing (row counts compared). And a private crisis: a statement's words
 * and the crisis's title never leave its channel and its people's DMs, through drafting, review,
 * publication and a broken promise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, DAVE, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { leaks } from './helpers/leaks';
import { crisisCommand, crisisWith, openModal, seen, statementRows } from './statement-helpers';

const START = '2026-03-05T09:00:00.000Z';

let h: Harness;
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

describe('bad input', () => {
  let crisis: Crisis;
  beforeEach(async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    crisis = await crisisWith(h, 'declare outage: Checkout down', { [BOB]: 'spokesperson', [CAROL]: 'legal' });
    await crisisCommand(h, BOB, crisis.channelId, 'statement from press-holding');
    await crisisCommand(h, BOB, crisis.channelId, 'publish S1 status page');
    await crisisCommand(h, DAVE, crisis.channelId, 'statement We are on it.');
  });

  it('each command mistake is answered with what is accepted, and nothing is stored', async () => {
    const before = statementRows(h);
    const cases: Array<[string, string, string]> = [
      [CAROL, 'approve S99', 'There is no statement S99 in this crisis. Statements here: S1 (published), S2 (draft). `/crisis statements` lists them. Nothing changed.'],
      [CAROL, 'approve S1', 'S1 is already published, and a published statement is never changed. To say something else, draft a new statement. Nothing changed.'],
      [CAROL, 'changes S99 Shorter', 'There is no statement S99 in this crisis.'],
      [BOB, 'publish S99', 'There is no statement S99 in this crisis.'],
      [BOB, 'statement next 0m We are on it', '`0m` is out of range: the next statement can be promised from 1 minute to 24 hours after publishing, e.g. `next 30m` or `next 2h`. Nothing changed.'],
      [BOB, 'statement next 30d We are on it', '`30d` is out of range: the next statement can be promised from 1 minute to 24 hours after publishing'],
      [BOB, 'statement next 25h We are on it', '`25h` is out of range'],
      [BOB, 'statement next 5x We are on it', '`5x` is not a duration. The next statement can be promised from 1 minute to 24 hours after publishing'],
      [BOB, 'statement from nope', 'There is no template `nope` for this crisis (Service outage). Templates: `outage-holding` (Customers, pre-approved), `outage-status` (Status page, pre-approved), `outage-macro` (Support macro, pre-approved), `outage-social` (Social media), `outage-apology` (Customers), `internal-brief` (Employees, pre-approved), `press-holding` (Press, pre-approved). Draft from one with `/crisis statement from <id>`. Nothing changed.'],
      [BOB, 'statement from recall-holding', 'There is no template `recall-holding` for this crisis (Service outage).'],
      [BOB, 'statement from', 'From which template? `/crisis statement from <template>`; `/crisis templates` lists them. Nothing changed.'],
      [BOB, 'statement next 30m', 'A statement cannot be empty.'],
      [BOB, `statement ${'a'.repeat(2801)}`, 'The statement is 2801 characters; keep it to 2800 or fewer (what one Slack message section holds). Nothing changed.'],
      [BOB, `statement ${'&'.repeat(600)}`, 'The statement is 600 characters, but 3000 in Slack, where each ampersand counts as 5 and each angle bracket as 4; keep it to 2800 or fewer.'],
      [CAROL, 'approve', "Approve what? `approve` takes a statement number like `S3` (legal's review of a statement) or an FAQ answer like `F2`, as numbered in the channel: `/crisis statements` and `/crisis faq` list them. Nothing changed."],
      [CAROL, 'approve Sx', 'is not a statement number. `approve` takes a statement number like `S3`, e.g. `/crisis approve S3`. `/crisis statements` lists them. Nothing changed.'],
      [CAROL, 'approve Q2', "I can't approve `Q2`. `approve` takes a statement number like `S3`"],
      [CAROL, 'approve S2 S1', 'Approve one statement at a time, e.g. `/crisis approve S3`.'],
      [CAROL, 'changes S2', 'Say what should change, e.g. `/crisis changes S2 Do not name the supplier`; the author gets it by DM. Nothing changed.'],
      [CAROL, `changes S2 ${'x'.repeat(1001)}`, 'That comment is 1001 characters; keep it to 1000 or fewer.'],
      [CAROL, 'changes two Shorter', '`two` is not a statement number. `changes` takes a statement number like `S3`'],
      [BOB, `publish S2 ${'w'.repeat(101)}`, 'Say where in at most 100 characters, e.g. `/crisis publish S2 status page`.'],
      [BOB, 'publish S2', 'S2 is a draft that legal has not approved yet; only an approved statement is published.'],
      [DAVE, 'statements now', '`/crisis statements` takes nothing after it.'],
      [DAVE, 'templates all', '`/crisis templates` takes nothing after it.'],
      [DAVE, 'statement hello', 'This works only in a crisis channel.'],
    ];
    for (const [who, text, expected] of cases) {
      const where = text === 'statement hello' ? GENERAL : crisis.channelId;
      const reply = await crisisCommand(h, who, where, text);
      expect(seen(reply.text)).toContain(expected);
      expect(statementRows(h)).toEqual(before);
    }
  });

  it('the forms keep a bad field open with its error, and store nothing', async () => {
    const before = statementRows(h);
    await h.driver.slashCommand({ userId: DAVE, channelId: crisis.channelId, text: 'statement' });
    const pick = await openModal(h, DAVE, 'statement_pick_modal');
    await h.driver.submitView({ userId: DAVE, viewId: pick.id, values: { statement_template: '-' } });
    const compose = await openModal(h, DAVE, 'statement_compose_modal');
    for (const [value, error] of [
      ['   ', 'A statement needs some text'],
      ['b'.repeat(2801), 'The statement is 2801 characters; keep it to 2800 or fewer'],
    ] as const) {
      const res = await h.driver.submitView({ userId: DAVE, viewId: compose.id, values: { statement_text: value } });
      expect(res.json).toMatchObject({ response_action: 'errors', errors: { statement_text: expect.stringContaining(error) } });
      expect(h.emu.view(compose.id)?.open).toBe(true);
    }
    const s2 = h.bot.store.statements.byNumber(crisis.id, 2);
    const message = h.emu.messages(crisis.channelId).find((m) => m.ts === s2?.messageTs);
    await h.driver.clickButton({ userId: DAVE, actionId: 'statement_edit', channelId: crisis.channelId, messageTs: message?.ts ?? '' });
    const edit = await openModal(h, DAVE, 'statement_edit_modal');
    const res = await h.driver.submitView({ userId: DAVE, viewId: edit.id, values: { statement_text: '<'.repeat(701) } });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { statement_text: expect.stringContaining('but 2804 in Slack') } });
    expect(statementRows(h)).toEqual(before);
  });
});

describe('a private crisis', () => {
  it("keeps its statements in its channel and its people's DMs, through review, publication and a broken promise", async () => {
    h = await startHarness({ clock: new ManualClock(START) });
    const crisis = await crisisWith(h, 'declare breach: Customer data exposed at Acme Bank', { [BOB]: 'legal', [CAROL]: 'spokesperson', [DAVE]: 'support' });
    expect(crisis.isPrivate).toBe(true);
    const WORDS = 'We contained a security incident affecting some Acme Bank customer records';
    await crisisCommand(h, DAVE, crisis.channelId, `statement next 15m ${WORDS}.`);
    await crisisCommand(h, BOB, crisis.channelId, 'changes S1 Do not say contained yet');
    await h.emu.waitFor(() => h.emu.dmsTo(DAVE).some((m) => JSON.stringify(m).includes(WORDS)));
    await crisisCommand(h, DAVE, crisis.channelId, `statement next 15m ${WORDS}, and we are investigating.`);
    await crisisCommand(h, BOB, crisis.channelId, 'approve S2');
    await crisisCommand(h, CAROL, crisis.channelId, 'publish S2 email to affected customers');
    await crisisCommand(h, DAVE, crisis.channelId, 'statements');
    h.clock.set(new Date(Date.parse(START) + 20 * 60_000).toISOString());
    await h.bot.services.alerts.tick();
    await h.emu.waitFor(() => h.emu.dmsTo(ALICE).some((m) => JSON.stringify(m).includes('A promise to customers was broken')));
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Contained');
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await h.emu.waitFor(() => h.emu.calls('files.completeUploadExternal').length === 1);
    // Said where it belongs (so the check is not vacuous), and nowhere else.
    expect(h.emu.calls().filter((c) => JSON.stringify(c.args).includes(WORDS)).length).toBeGreaterThan(4);
    expect(leaks(h, crisis, [WORDS, 'Acme Bank'])).toEqual([]);
  });
});
