/**
 * Resolving and reopening, end to end: the summary is required, resolving stops reminders at once,
 * repaints the card, announces, and invites lessons through a button and modal; a second resolve
 * changes nothing; reopening goes back to investigating with reminders running, recorded.
 */
import { ManualClock } from '../../src/clock';
import { ALICE, ANNOUNCE, BOB, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events, replyContaining, settle } from './timeline-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';
const SUMMARY = 'Payments restored; the expired gateway certificate was renewed';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(T0) });
});

afterEach(async () => {
  await h.close();
});

function announcements(text: string) {
  return h.emu.messages(ANNOUNCE).filter((m) => JSON.stringify(m.blocks).includes(text));
}

function cardOf(channelId: string, cardTs: string | null): string {
  return JSON.stringify(h.emu.messages(channelId).find((m) => m.ts === cardTs)?.blocks ?? []);
}

async function declareAndResolve() {
  const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
  h.clock.advanceMinutes(45);
  await crisisCommand(h, ALICE, crisis.channelId, `resolve ${SUMMARY}`);
  await replyContaining(h, ALICE, 'Resolved. Reminders are stopped.');
  return crisis;
}

describe('/crisis resolve', () => {
  it('needs a summary, and stores nothing without one', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    const res = await crisisCommand(h, ALICE, crisis.channelId, 'resolve');
    expect(JSON.stringify(res.json)).toContain('A resolution summary');
    await settle(h);
    expect(h.bot.store.crises.get(crisis.id).status).toBe('investigating');
    expect(events(h, crisis.id, 'resolved')).toHaveLength(0);
  });

  it('is refused to someone who is neither lead, declarer nor admin', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    await crisisCommand(h, BOB, crisis.channelId, `resolve ${SUMMARY}`);
    expect(await replyContaining(h, BOB, 'Only the lead')).toContain('can resolve');
    expect(h.bot.store.crises.get(crisis.id).status).toBe('investigating');
  });

  it('resolves: status, summary, reminders stopped at once, card repainted, announced, lessons invited', async () => {
    const crisis = await declareAndResolve();
    const stored = h.bot.store.crises.get(crisis.id);
    expect(stored).toMatchObject({ status: 'resolved', resolvedAt: '2026-03-02T09:45:00.000Z', resolutionSummary: SUMMARY });
    const [resolved] = events(h, crisis.id, 'resolved');
    expect(resolved).toMatchObject({ actorId: ALICE, text: SUMMARY, occurredAt: '2026-03-02T09:45:00.000Z' });
    expect(h.bot.store.reminders.get(crisis.id)?.enabled).toBe(false);

    // The sev2 reminder was due at 10:00; hours later a tick sends nothing.
    const postsBefore = h.emu.messages(crisis.channelId).length;
    h.clock.advanceMinutes(180);
    const tick = await h.bot.services.reminders.tick();
    expect(tick.sent).toBe(0);
    expect(h.emu.messages(crisis.channelId)).toHaveLength(postsBefore);
    expect(events(h, crisis.id, 'reminder_sent')).toHaveLength(0);

    const card = cardOf(crisis.channelId, crisis.cardTs);
    expect(card).toContain(':white_check_mark: RESOLVED · Checkout payments failing');
    expect(card).toContain(`*Resolution*\\n${SUMMARY}`);
    expect(card).not.toContain('card_post_update');

    const [announced] = announcements('*Resolved:* *Checkout payments failing*');
    expect(JSON.stringify(announced?.blocks)).toContain(`by <@${ALICE}>`);
    expect(JSON.stringify(announced?.blocks)).toContain(SUMMARY);

    const notice = h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Resolved:'));
    expect(JSON.stringify(notice?.blocks)).toContain('"action_id":"resolved_add_lessons"');
    expect(JSON.stringify(notice?.blocks)).toContain('Add lessons');
  });

  it('takes lessons from the "Add lessons" button and modal', async () => {
    const crisis = await declareAndResolve();
    const notice = h.emu.messages(crisis.channelId).find((m) => m.text.startsWith('Resolved:'));
    h.clock.advanceMinutes(60);
    await h.driver.clickButton({ userId: ALICE, actionId: 'resolved_add_lessons', messageTs: notice!.ts, channelId: crisis.channelId });
    const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.open && v.payload.callback_id === 'lessons_modal'));

    const empty = await h.driver.submitView({ userId: ALICE, viewId: modal.id, values: {} });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { went_well: 'Write at least one lesson.' } });

    await h.driver.submitView({
      userId: ALICE,
      viewId: modal.id,
      values: { went_well: 'Status page within 10 minutes', went_badly: 'Nobody owned the certificate', root_causes: 'Certificate expiry not monitored' },
    });
    expect(h.bot.store.followUps.lessons(crisis.id)).toEqual([
      expect.objectContaining({
        wentWell: 'Status page within 10 minutes',
        wentBadly: 'Nobody owned the certificate',
        rootCauses: 'Certificate expiry not monitored',
        submittedBy: ALICE,
        submittedAt: '2026-03-02T10:45:00.000Z',
      }),
    ]);
    expect(events(h, crisis.id, 'lessons_recorded')).toHaveLength(1);
    await h.emu.waitFor(() => h.emu.ephemerals(crisis.channelId, ALICE).find((e) => e.text.startsWith('Lessons recorded.')));
  });

  it('changes nothing when resolved a second time', async () => {
    const crisis = await declareAndResolve();
    const announced = h.emu.messages(ANNOUNCE).length;
    const posts = h.emu.messages(crisis.channelId).length;
    h.clock.advanceMinutes(10);
    await crisisCommand(h, ALICE, crisis.channelId, 'resolve Something else entirely');
    await replyContaining(h, ALICE, 'already resolved. Nothing changed.');
    await settle(h);
    expect(h.bot.store.crises.get(crisis.id)).toMatchObject({ resolvedAt: '2026-03-02T09:45:00.000Z', resolutionSummary: SUMMARY });
    expect(events(h, crisis.id, 'resolved')).toHaveLength(1);
    expect(h.emu.messages(ANNOUNCE)).toHaveLength(announced);
    expect(h.emu.messages(crisis.channelId)).toHaveLength(posts);
  });

  it('resolves once when two people resolve at the same moment', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    await crisisCommand(h, ALICE, crisis.channelId, 'assign <@U0BOB> lead');
    await h.emu.waitFor(() => h.bot.store.roles.active(crisis.id).some((a) => a.userId === BOB && a.role === 'lead'));
    await settle(h);
    h.clock.advanceMinutes(30);
    await Promise.all([
      crisisCommand(h, ALICE, crisis.channelId, `resolve ${SUMMARY}`),
      crisisCommand(h, BOB, crisis.channelId, 'resolve Fixed by Bob'),
    ]);
    await settle(h);
    await h.emu.waitFor(() => h.emu.responses().filter((r) => JSON.stringify(r.body).includes('esolved')).length >= 2);
    expect(events(h, crisis.id, 'resolved')).toHaveLength(1);
    expect(announcements('*Resolved:*')).toHaveLength(1);
  });
});

describe('/crisis reopen', () => {
  it('puts a resolved crisis back to investigating, recorded and announced, with reminders running again', async () => {
    const crisis = await declareAndResolve();
    h.clock.advanceMinutes(15);
    await crisisCommand(h, ALICE, crisis.channelId, 'reopen');
    await replyContaining(h, ALICE, 'Reopened: the status is back to investigating');

    expect(h.bot.store.crises.get(crisis.id)).toMatchObject({ status: 'investigating', resolvedAt: null });
    const [reopened] = events(h, crisis.id, 'reopened');
    expect(reopened).toMatchObject({ actorId: ALICE, occurredAt: '2026-03-02T10:00:00.000Z', text: 'Reopened: back to investigating' });
    expect(announcements('*Reopened:* *Checkout payments failing*')).toHaveLength(1);
    expect(cardOf(crisis.channelId, crisis.cardTs)).toContain('card_post_update');

    // sev2: the next update is owed 60 minutes after the reopening.
    h.clock.advanceMinutes(59);
    expect((await h.bot.services.reminders.tick()).sent).toBe(0);
    h.clock.advanceMinutes(1);
    expect((await h.bot.services.reminders.tick()).sent).toBe(1);
  });

  it('refuses to reopen a crisis that is not resolved', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    await crisisCommand(h, ALICE, crisis.channelId, 'reopen');
    await replyContaining(h, ALICE, 'not resolved, so there is nothing to reopen');
    expect(events(h, crisis.id, 'reopened')).toHaveLength(0);
  });
});
