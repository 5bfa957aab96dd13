/**
 * Issue 10, drills and the plan that learns: `drill` runs a whole playbook as practice in a
 * `drill-YYYYMMDD-<slug>` channel with every message marked DRILL (card, announcement, DMs,
 * updates, reminders, deadline alerts, resolution, debrief), left out of what reports read; the
 * lessons form's "What should change in our plan" comes back under its own debrief heading.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, ANNOUNCE, BOB, CAROL, GENERAL, type Harness } from '../helpers/harness';
import { ackText, crisisCommand, DAY, readable, startAt } from './helpers/declare-helpers';
import { settle } from './timeline-fixtures';
import { card, declare, reminders, textOf, tick } from './updates-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

/** Every message the bot posted or edited for a crisis: in its channel, in DMs, in the announcement channel. */
function postsFor(crisis: Crisis): string[] {
  return h.emu
    .calls()
    .filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.ok)
    .filter((c) => {
      const channel = String(c.args.channel);
      const elsewhere = /^U/.test(channel) || h.emu.channel(channel)?.is_im === true || channel === ANNOUNCE;
      // A DM or an announcement is about this crisis when it links its channel.
      return channel === crisis.channelId || (elsewhere && readable(c.args).includes(`<#${crisis.channelId}>`));
    })
    .map((c) => readable(c.args));
}

describe('a drill', () => {
  it('runs the recall playbook marked DRILL everywhere, is left out of reports, and its debrief says it was a drill', async () => {
    const real = await declare(h, 'declare Checkout payments failing');
    const realPosts = postsFor(real).length;
    const started = ackText(await crisisCommand(h, ALICE, GENERAL, 'drill recall: Kettle K2 overheating'));
    expect(started).toContain('Starting a *drill*: *sev1* crisis (Product recall)');
    const drill = await h.emu.waitFor(() => h.bot.store.crises.listOpen().find((c) => c.isDrill));
    await h.emu.waitFor(() => h.emu.responses().some((r) => String(r.body.text ?? '').includes(':test_tube: Drill started.')));
    expect(drill).toMatchObject({ type: 'recall', severity: 'sev1', title: 'Kettle K2 overheating', channelName: `drill-${DAY}-kettle-k2-overheating`, isDrill: true });
    expect(h.bot.store.timeline.list(drill.id)[0]).toMatchObject({ kind: 'declared', text: 'Drill declared sev1: Kettle K2 overheating', data: expect.objectContaining({ drill: true }) });

    // The card, the announcement and the lead's checklist.
    const cardText = readable(card(h, drill));
    expect(cardText).toContain('DRILL · :red_circle: SEV1 · Kettle K2 overheating');
    expect(cardText).toContain(':test_tube: *DRILL* — practice run, not a real crisis');
    const announcement = readable(h.emu.messages(ANNOUNCE).find((m) => readable(m).includes(drill.channelId)));
    expect(announcement).toContain(':test_tube: *DRILL* — practice run, not a real crisis');
    expect(readable(h.emu.dmsTo(ALICE).at(-1))).toContain('*DRILL*');

    // Roles, an update, an update reminder and the regulator clock's reminder.
    await crisisCommand(h, ALICE, drill.channelId, `assign <@${BOB}> spokesperson`);
    await crisisCommand(h, BOB, drill.channelId, 'update Pretend: batches 4411-4420 affected');
    h.clock.advanceMinutes(60);
    await tick(h);
    expect(textOf(reminders(h, drill.channelId)[0]!)).toContain('*DRILL*');
    h.clock.advanceMinutes(11 * 60);
    expect((await h.bot.services.alerts.tick()).sent).toBe(1);
    expect(h.emu.messages(drill.channelId).at(-1)?.text).toMatch(/^\[DRILL\] Deadline in 12 h: Report to the product-safety regulator/);

    // `list` marks it too.
    const list = ackText(await crisisCommand(h, BOB, GENERAL, 'list'));
    expect(list).toContain(`*DRILL* · <#${drill.channelId}> *Kettle K2 overheating*`);

    // Resolution, lessons with a plan change, the debrief.
    await crisisCommand(h, ALICE, drill.channelId, 'resolve Drill over: the team found the batch list in 20 minutes');
    const resolved = await h.emu.waitFor(() => h.emu.messages(drill.channelId).find((m) => m.text.startsWith('[DRILL] Resolved')));
    await h.driver.clickButton({ userId: ALICE, channelId: drill.channelId, messageTs: resolved.ts, actionId: 'resolved_add_lessons' });
    const lessons = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === ALICE && v.open && v.payload.callback_id === 'lessons_modal'));
    await h.driver.submitView({
      userId: ALICE,
      viewId: lessons.id,
      values: { went_well: 'Batch list found fast', plan_changes: 'recall.yaml: the support checklist should ask for the purchase date too' },
    });
    await h.emu.waitFor(() => h.bot.store.followUps.lessons(drill.id).length === 1);
    await crisisCommand(h, ALICE, drill.channelId, 'debrief');
    const file = await h.emu.waitFor(() => h.emu.files().filter((f) => f.filename.endsWith('.md')).at(-1));
    expect(file.content).toContain('# DRILL · After-action report: Kettle K2 overheating');
    expect(file.content).toContain('**DRILL — this was a practice run, not a real crisis. It is left out of reports.**');
    expect(file.content).toContain('- Type: Product recall — drill');
    expect(file.content).toContain('## Proposed changes to our plan\n\n- recall.yaml: the support checklist should ask for the purchase date too\n');
    const summary = await h.emu.waitFor(() => h.emu.messages(drill.channelId).find((m) => m.text.includes('After-action report')));
    expect(textOf(summary)).toContain('*Proposed changes to our plan*\n• recall.yaml: the support checklist should ask for the purchase date too');
    expect(textOf(summary)).toContain(':test_tube: *DRILL* — a practice run led by <@U0ALICE>');

    // Every message the bot sent for the drill says DRILL; the real crisis's messages do not.
    const drillPosts = postsFor(drill);
    expect(drillPosts.length).toBeGreaterThan(12);
    for (const post of drillPosts) expect(post).toContain('DRILL');
    for (const post of postsFor(real).slice(0, realPosts)) expect(post).not.toContain('DRILL');

    // What a report reads leaves it out.
    expect(h.bot.store.crises.reportable('2026-01-01T00:00:00Z').map((c) => c.id)).toEqual([real.id]);
  });
});

describe("a drill's customer side", () => {
  it('marks the FAQ, its proposals, the support DMs, the remedies and the sharp-rise notice and DM DRILL too', async () => {
    await crisisCommand(h, ALICE, GENERAL, 'drill sev2 Complaint storm rehearsal');
    const drill = await h.emu.waitFor(() => h.bot.store.crises.listOpen().find((c) => c.isDrill));
    await settle(h);
    await crisisCommand(h, ALICE, drill.channelId, `assign <@${BOB}> spokesperson`);
    await crisisCommand(h, ALICE, drill.channelId, `assign <@${CAROL}> support`);
    await settle(h);
    const before = h.emu.calls().length;

    await crisisCommand(h, CAROL, drill.channelId, 'faq add Was I charged twice? | No; the second line is a pending authorisation.');
    await settle(h);
    const proposed = h.bot.store.faq.list(drill.id).find((e) => e.state === 'proposed');
    await crisisCommand(h, BOB, drill.channelId, `approve F${proposed?.number ?? 0}`);
    await settle(h);
    await crisisCommand(h, ALICE, drill.channelId, 'remedy A 10 EUR voucher');
    await settle(h);
    for (const count of [10, 12, 10, 45]) {
      h.clock.advanceMinutes(5);
      await crisisCommand(h, CAROL, drill.channelId, `volume ${count} zendesk`);
      await settle(h);
    }

    const sent = h.emu.calls().slice(before).filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.ok);
    const bodies = sent.filter((c) => c.args.ts !== h.bot.store.crises.get(drill.id).cardTs).map((c) => readable(c.args));
    // Each kind of customer-side message was sent (so the check is not vacuous)...
    for (const what of ['proposed', 'FAQ for support reps', 'The FAQ for support reps changed', 'A 10 EUR voucher', 'Sharp rise in complaints']) {
      expect(bodies.some((b) => b.includes(what))).toBe(true);
    }
    expect(h.emu.dmsTo(ALICE).some((m) => m.text.startsWith('[DRILL] Sharp rise in complaints'))).toBe(true);
    expect(h.emu.dmsTo(CAROL).some((m) => m.text.startsWith('[DRILL] The FAQ for support reps changed'))).toBe(true);
    // ...and every one of them says DRILL.
    for (const body of bodies) expect(body).toContain('DRILL');
  });
});
