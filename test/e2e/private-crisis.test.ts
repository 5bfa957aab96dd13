/**
 * Issue 10, private crises: a breach declared in text gets a private channel, and nothing of its
 * title or its statements leaves that channel and its people's DMs. Every Web API call the
 * emulator recorded, and every reply through a response_url, is scanned. Outside, the announcement,
 * `list` and the App Home say only "private crisis", its severity and its lead.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/domain/crisis';
import type { RecordedCall } from '../../src/emulator';
import { ALICE, ANNOUNCE, BOB, CAROL, DAVE, GENERAL, type Harness } from '../helpers/harness';
import { ackText, crisisCommand, DAY, readable, startAt } from './helpers/declare-helpers';
import { declare, tick } from './updates-helpers';

const TITLE = 'Customer data exposed at Acme Bank';
const STATEMENT = 'We contained a security incident affecting some Acme Bank customer records';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

/** The conversation a call speaks in: its channel, or the person of a DM. */
function whereOf(call: RecordedCall): { channel: string; user?: string } {
  const channel = String(call.args.channel ?? call.args.channel_id ?? call.args.user_id ?? '');
  if (/^[UW]/.test(channel)) return { channel, user: channel };
  const im = h.emu.channel(channel);
  return im?.is_im ? { channel, ...(im.imUser ? { user: im.imUser } : {}) } : { channel };
}

/** Calls that carry any of `secrets` somewhere other than the crisis channel or a DM to one of its members. */
function leaks(crisis: Crisis, secrets: readonly string[]): string[] {
  const members = h.emu.channel(crisis.channelId)?.members ?? new Set<string>();
  const found: string[] = [];
  for (const call of h.emu.calls()) {
    const text = JSON.stringify(call.args);
    if (!secrets.some((s) => text.includes(s))) continue;
    const where = whereOf(call);
    const inside = where.channel === crisis.channelId || (where.user !== undefined && members.has(where.user));
    if (!inside) found.push(`${call.method} → ${where.channel}`);
  }
  for (const response of h.emu.responses()) {
    const text = JSON.stringify(response.body);
    if (secrets.some((s) => text.includes(s)) && response.context.channelId !== crisis.channelId) found.push(`response_url → ${response.context.channelId}`);
  }
  return found;
}

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
    expect(leaks(crisis, [TITLE, STATEMENT, 'Acme Bank'])).toEqual([]);
  });

  it('the word `private` makes any type private; the announcement still names severity and lead', async () => {
    const crisis = await declare(h, 'declare private sev3 Supplier contract terms leaked');
    expect(crisis).toMatchObject({ type: 'other', severity: 'sev3', isPrivate: true, channelName: `crisis-${DAY}-private` });
    const announcement = readable(h.emu.messages(ANNOUNCE)[0]);
    expect(announcement).toContain('*SEV3 private crisis declared* · Lead <@U0ALICE>');
    expect(leaks(crisis, ['Supplier contract'])).toEqual([]);
    // A second one the same day gets the next free name.
    const second = await declare(h, 'declare private Another one');
    expect(second.channelName).toBe(`crisis-${DAY}-private-2`);
  });
});

describe('the check itself', () => {
  it('would catch a public crisis: its title is in the announcement', async () => {
    const crisis = await declare(h, 'declare Checkout payments failing');
    expect(crisis.isPrivate).toBe(false);
    expect(leaks(crisis, ['Checkout payments failing'])).toContain(`chat.postMessage → ${ANNOUNCE}`);
  });
});
