/**
 * Issue 10, private crises: a breach declared in text gets a private channel, and nothing of its
 * title, its statements or its customer side (impact, remedies, FAQ, complaint volume and its rise
 * notice) leaves that channel and its people's DMs. Every Web API call the emulator recorded, and
 * every reply through a response_url, is scanned. Outside, the announcement, `list` and the App
 * Home say only "private crisis", its severity and its lead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ALICE, ANNOUNCE, BOB, CAROL, DAVE, ERIN, GENERAL, type Harness } from '../helpers/harness';
import { postVolume, WEBHOOK_SECRET } from './helpers/customer-helpers';
import { ackText, crisisCommand, DAY, readable, startAt } from './helpers/declare-helpers';
import { callsCarrying, leaks } from './helpers/leaks';
import { settle } from './timeline-fixtures';
import { declare, tick } from './updates-helpers';

const TITLE = 'Customer data exposed at Acme Bank';
const STATEMENT = 'We contained a security incident affecting some Acme Bank customer records';

let h: Harness;
beforeEach(async () => {
  h = await startAt({ env: { CRISIS_WEBHOOK_SECRET: WEBHOOK_SECRET } });
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

describe('a breach declared in text', () => {
  it('gets a private channel whose name carries no title, and stays in it', async () => {
    const crisis = await declare(h, `declare breach: ${TITLE}`);
    expect(crisis).toMatchObject({ type: 'breach', severity: 'sev1', isPrivate: true, title: TITLE, channelName: `crisis-${DAY}-private` });
    const create = h.emu.calls('conversations.create');
    expect(create.map((c) => c.args)).toEqual([expect.objectContaining({ name: `crisis-${DAY}-private`, is_private: 'true' })]);
    expect(h.emu.channel(crisis.channelId)?.is_private).toBe(true);

    // Its people work in it: roles, an update with a customer-facing statement, reminders, the clock.
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> legal`);
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${CAROL}> spokesperson`);
    await crisisCommand(h, CAROL, crisis.channelId, 'update');
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === CAROL && v.open && v.payload.callback_id === 'update_modal'));
    await h.driver.submitView({ userId: CAROL, viewId: modal.id, values: { status: 'identified', update: `Scope of ${TITLE} known`, statement: STATEMENT, next_update: '30' } });
    await h.emu.waitFor(() => h.emu.messages(crisis.channelId).some((m) => readable(m).includes(STATEMENT)));
    await crisisCommand(h, ALICE, crisis.channelId, 'severity sev2');
    h.clock.advanceMinutes(60);
    await tick(h);
    h.clock.advanceMinutes(60);
    await tick(h);
    h.clock.set(new Date(Date.parse(crisis.declaredAt) + 48 * 3_600_000).toISOString());
    expect((await h.bot.services.alerts.tick()).sent).toBe(1);

    // Outside: list and the App Home, for a member and for someone who is not in it.
    for (const who of [BOB, DAVE]) {
      const list = ackText(await crisisCommand(h, who, GENERAL, 'list'));
      expect(list).toContain(':lock: _private crisis_ · sev2 · lead <@U0ALICE>');
      expect(list).not.toContain(TITLE);
      expect(list).not.toContain(crisis.channelId);
    }
    await h.driver.appHomeOpened(DAVE);
    const home = await h.emu.waitFor(() => h.emu.calls('views.publish').find((c) => c.args.user_id === DAVE));
    expect(readable(home.args.view)).toContain(':lock: _private crisis_ · sev2 · lead <@U0ALICE>');

    await crisisCommand(h, ALICE, crisis.channelId, `resolve Contained; ${TITLE} notified to the authority`);
    await h.emu.waitFor(() => h.emu.messages(ANNOUNCE).length === 3);
    await crisisCommand(h, ALICE, crisis.channelId, 'debrief');
    await h.emu.waitFor(() => h.emu.calls('files.completeUploadExternal').length === 1);

    // The announcement channel heard of it three times, never its title, channel or summary.
    const announced = h.emu.messages(ANNOUNCE).map((m) => readable(m));
    expect(announced[0]).toContain('*SEV1 private crisis declared* · Lead <@U0ALICE>');
    expect(announced[1]).toContain('*Severity changed* sev1 → *sev2* (High) for :lock: _private crisis_ (lead <@U0ALICE>)');
    expect(announced[2]).toContain(':white_check_mark: *Resolved:* :lock: _private crisis_ (lead <@U0ALICE>)');
    for (const text of announced) expect(text).not.toContain(crisis.channelId);

    // Its title was said in the channel and DMs (the check is not vacuous) and nowhere else.
    expect(h.emu.calls().filter((c) => JSON.stringify(c.args).includes(TITLE)).length).toBeGreaterThan(5);
    expect(h.emu.dmsTo(BOB).some((m) => readable(m).includes(TITLE))).toBe(true);
    expect(leaks(h, crisis, [TITLE, STATEMENT, 'Acme Bank'])).toEqual([]);
  });

  it('the word `private` makes any type private; the announcement still names severity and lead', async () => {
    const crisis = await declare(h, 'declare private sev3 Supplier contract terms leaked');
    expect(crisis).toMatchObject({ type: 'other', severity: 'sev3', isPrivate: true, channelName: `crisis-${DAY}-private` });
    const announcement = readable(h.emu.messages(ANNOUNCE)[0]);
    expect(announcement).toContain('*SEV3 private crisis declared* · Lead <@U0ALICE>');
    expect(leaks(h, crisis, ['Supplier contract'])).toEqual([]);
    // A second one the same day gets the next free name.
    const second = await declare(h, 'declare private Another one');
    expect(second.channelName).toBe(`crisis-${DAY}-private-2`);
  });
});

describe("a private crisis's customer side", () => {
  it('keeps its impact, remedies, FAQ and complaint volume in its channel and its people\'s DMs', async () => {
    const crisis = await declare(h, 'declare breach: Card numbers exposed at Zeta Pay');
    const run = async (userId: string, text: string): Promise<void> => {
      await crisisCommand(h, userId, crisis.channelId, text);
      await settle(h);
    };
    await run(ALICE, `assign <@${BOB}> legal`);
    await run(ALICE, `assign <@${CAROL}> spokesperson`);
    await run(ALICE, `assign <@${DAVE}> support`);

    const IMPACT = 'Zeta Pay card numbers of 4,100 customers exposed';
    const REMEDY = 'Free credit monitoring for Zeta Pay customers';
    const QUESTION = 'Is my Zeta Pay card still safe?';
    const SOURCE = 'zetapay-helpdesk';
    await run(ALICE, `impact ${IMPACT}`);
    await run(ALICE, `remedy ${REMEDY}`);
    await run(DAVE, `faq add ${QUESTION} | We have blocked every affected card and are sending new ones.`);
    const proposed = h.bot.store.faq.list(crisis.id).find((e) => e.state === 'proposed');
    await run(BOB, `approve F${proposed?.number ?? 0}`);
    await run(DAVE, 'faq');
    // Complaint volume from the help desk and by hand, rising sharply: the notice and the lead's DM.
    for (const count of [10, 12, 10]) {
      h.clock.advanceMinutes(5);
      expect((await postVolume(h, { channel: crisis.channelId, count, source: SOURCE })).status).toBe(200);
    }
    await settle(h);
    h.clock.advanceMinutes(5);
    await run(DAVE, `volume 45 ${SOURCE}`);
    expect(h.bot.store.timeline.list(crisis.id).some((e) => e.kind === 'volume_rise')).toBe(true);
    expect(h.emu.dmsTo(ALICE).some((m) => readable(m).includes('Card numbers exposed at Zeta Pay') && m.text.startsWith('Sharp rise'))).toBe(true);
    expect(h.emu.dmsTo(DAVE).some((m) => readable(m).includes(QUESTION))).toBe(true);

    // Outside: someone not in it lists the open crises.
    const list = ackText(await crisisCommand(h, ERIN, GENERAL, 'list'));
    expect(list).toContain(':lock: _private crisis_');
    await run(ALICE, 'resolve Cards replaced');
    await run(ALICE, 'debrief');
    await h.emu.waitFor(() => h.emu.calls('files.completeUploadExternal').length === 1);

    const secrets = ['Zeta Pay', IMPACT, REMEDY, QUESTION, SOURCE];
    // Each was said where it belongs (the check is not vacuous), and nowhere else.
    for (const secret of secrets) expect(callsCarrying(h, secret)).toBeGreaterThan(0);
    expect(leaks(h, crisis, secrets)).toEqual([]);
  });
});

describe('the check itself', () => {
  it('would catch a public crisis: its title is in the announcement', async () => {
    const crisis = await declare(h, 'declare Checkout payments failing');
    expect(crisis.isPrivate).toBe(false);
    expect(leaks(h, crisis, ['Checkout payments failing'])).toContain(`chat.postMessage → ${ANNOUNCE}`);
  });
});
