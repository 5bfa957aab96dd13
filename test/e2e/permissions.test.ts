/**
 * Who may resolve, reopen, change the severity and hand over the lead: the lead, the declarer and
 * CRISIS_ADMINS. Anyone else is told who can, and nothing is stored; everything else stays open.
 * Cast: ALICE declares, then hands the lead to BOB; CAROL is an admin; DAVE is just a member.
 */
import type { Crisis } from '../../src/domain/crisis';
import { roleInput, ACTIONS } from '../../src/slack/ids';
import { ALICE, BOB, CAROL, DAVE, ERIN, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { command, declare, reply, timelineKinds } from './fixtures/crisis-steps';

const FORBIDDEN = /^Only the lead, the person who declared this crisis or a crisis admin can (.+)\. Ask <@U0BOB>, <@U0ALICE>\.$/;

describe('permissions on the consequential changes', () => {
  let h: Harness;
  let crisis: Crisis;

  beforeEach(async () => {
    h = await startHarness({ env: { CRISIS_ADMINS: `${CAROL}, U0NOBODY` } });
    crisis = await declare(h, ALICE, GENERAL, 'Checkout failing');
    expect(await reply(h, ALICE, crisis.channelId, `assign <@${BOB}> lead`)).toContain(`Handed over crisis lead from <@${ALICE}> to <@${BOB}>`);
  });

  afterEach(async () => {
    await h.close();
  });

  const leads = (): string[] => h.bot.services.snapshot(h.bot.store.crises.get(crisis.id)).holders.lead;

  /** Runs a forbidden command as DAVE and checks the polite refusal and that nothing changed. */
  async function refused(text: string, action: string): Promise<void> {
    const rowsBefore = h.bot.store.timeline.list(crisis.id).length;
    const before = h.bot.store.crises.get(crisis.id);
    const messagesBefore = h.emu.messages(crisis.channelId).length;
    const answer = await reply(h, DAVE, crisis.channelId, text);
    expect(answer).toMatch(FORBIDDEN);
    expect(FORBIDDEN.exec(answer)?.[1]).toBe(action);
    expect(h.bot.store.timeline.list(crisis.id)).toHaveLength(rowsBefore);
    expect(h.bot.store.crises.get(crisis.id)).toEqual(before);
    expect(leads()).toEqual([BOB]);
    expect(h.emu.messages(crisis.channelId)).toHaveLength(messagesBefore);
  }

  it('refuses a member changing the severity, resolving, or taking or removing the lead', async () => {
    await refused('severity sev1', 'change the severity');
    await refused('resolve it went away', 'resolve');
    await refused(`assign <@${DAVE}> lead`, 'hand over the lead');
    await refused(`assign <@${ERIN}> commander`, 'hand over the lead');
    await refused(`unassign <@${BOB}> lead`, 'hand over the lead');
    // Taking all of the lead's roles takes the lead too.
    await refused(`unassign <@${BOB}>`, 'hand over the lead');
    expect(h.bot.store.crises.get(crisis.id).severity).toBe('sev2');
    expect(h.bot.store.crises.get(crisis.id).status).toBe('investigating');
  });

  it('refuses a member reopening a resolved crisis', async () => {
    expect(await reply(h, ALICE, crisis.channelId, 'resolve payments provider fixed it')).toMatch(/^Resolved\./);
    await refused('reopen', 'reopen');
    expect(h.bot.store.crises.get(crisis.id).status).toBe('resolved');
    expect(h.bot.store.reminders.get(crisis.id)?.enabled).toBe(false);
  });

  it('lets the lead, the declarer and an admin do each of them', async () => {
    // The lead (not the declarer) changes the severity.
    expect(await reply(h, BOB, crisis.channelId, 'severity sev1')).toContain('Severity is now *sev1*');
    // The declarer (no longer lead) resolves.
    expect(await reply(h, ALICE, crisis.channelId, 'resolve fixed by rollback')).toMatch(/^Resolved\./);
    // An admin (neither lead nor declarer) reopens and hands the lead on.
    expect(await reply(h, CAROL, crisis.channelId, 'reopen')).toMatch(/^Reopened/);
    expect(await reply(h, CAROL, crisis.channelId, `assign <@${ERIN}> lead`)).toContain(`Handed over crisis lead from <@${BOB}> to <@${ERIN}>`);
    expect(await reply(h, CAROL, crisis.channelId, 'severity sev3')).toContain('Severity is now *sev3*');
    // The new lead may take the lead off themselves.
    expect(await reply(h, ERIN, crisis.channelId, `unassign <@${ERIN}> lead`)).toContain(`<@${ERIN}> no longer holds: crisis lead`);
    const stored = h.bot.store.crises.get(crisis.id);
    expect(stored.severity).toBe('sev3');
    expect(stored.status).toBe('investigating');
    expect(leads()).toEqual([]);
    expect(timelineKinds(h, crisis.id).filter((k) => ['severity_changed', 'resolved', 'reopened'].includes(k))).toEqual([
      'severity_changed',
      'resolved',
      'reopened',
      'severity_changed',
    ]);
  });

  it('leaves everything else open to any member, including taking an empty lead', async () => {
    expect(await reply(h, DAVE, crisis.channelId, `assign <@${ERIN}> spokesperson`)).toContain(`<@${ERIN}> is now spokesperson`);
    expect(await reply(h, DAVE, crisis.channelId, `unassign <@${ERIN}>`)).toContain('no longer holds: spokesperson');
    expect(await reply(h, DAVE, crisis.channelId, 'update still digging')).toMatch(/^Update posted/);
    expect(await reply(h, DAVE, crisis.channelId, 'status identified')).toContain('Status is now *Identified*');
    expect(await reply(h, DAVE, crisis.channelId, 'remind every 20m')).toContain('every 20 min');
    expect((await command(h, DAVE, crisis.channelId, 'note customer called')).ack).toContain('Noted');
    // With nobody holding the lead there is nothing to hand over, so anyone may step up.
    expect(await reply(h, BOB, crisis.channelId, `unassign <@${BOB}> lead`)).toContain('no longer holds: crisis lead');
    expect(await reply(h, DAVE, crisis.channelId, `assign <@${DAVE}> lead`)).toContain(`<@${DAVE}> is now crisis lead`);
    expect(leads()).toEqual([DAVE]);
  });

  describe('the roles modal', () => {
    async function openRolesModal(userId: string): Promise<string> {
      const card = h.bot.store.crises.get(crisis.id).cardTs ?? '';
      const before = h.emu.views().length;
      await h.driver.clickButton({ userId, actionId: ACTIONS.cardAssignRoles, channelId: crisis.channelId, messageTs: card });
      const view = await h.emu.waitFor(() => h.emu.views().slice(before).find((v) => v.user === userId));
      return view.id;
    }

    it('keeps the modal open with a field error when a member changes the lead', async () => {
      const rowsBefore = h.bot.store.timeline.list(crisis.id).length;
      const viewId = await openRolesModal(DAVE);
      const res = await h.driver.submitView({ userId: DAVE, viewId, values: { [roleInput('lead').block]: DAVE } });
      expect(res.json).toEqual({
        response_action: 'errors',
        errors: { role_lead: expect.stringMatching(FORBIDDEN) },
      });
      expect(h.emu.view(viewId)?.open).toBe(true);
      expect(leads()).toEqual([BOB]);
      expect(h.bot.store.timeline.list(crisis.id)).toHaveLength(rowsBefore);
    });

    it('lets a member change other roles in the modal while the lead stays', async () => {
      const viewId = await openRolesModal(DAVE);
      const res = await h.driver.submitView({ userId: DAVE, viewId, values: { [roleInput('support').block]: [ERIN, DAVE] } });
      expect(res.status).toBe(200);
      await h.emu.waitFor(() => h.bot.services.snapshot(crisis).holders.support.length === 2);
      expect(leads()).toEqual([BOB]);
    });

    it('lets an admin hand the lead over in the modal', async () => {
      const viewId = await openRolesModal(CAROL);
      await h.driver.submitView({ userId: CAROL, viewId, values: { [roleInput('lead').block]: ERIN } });
      await h.emu.waitFor(() => leads()[0] === ERIN);
      const handover = h.bot.store.timeline.list(crisis.id).filter((e) => e.kind === 'role_assigned').at(-1);
      expect(handover?.text).toBe(`Crisis lead handed over from <@${BOB}> to <@${ERIN}>`);
      expect(handover?.actorId).toBe(CAROL);
    });
  });
});
