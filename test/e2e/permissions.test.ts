/**
 * Who may do the consequential things (CONTRACT, "Authority"): resolving, reopening and changing the
 * severity are for the lead, the declarer and CRISIS_ADMINS; so is giving, taking or handing over
 * lead, legal or spokesperson, except that their holder may hand over their own. info and support
 * stay open to anyone in the channel. Anyone else is told who may, by name, and nothing is stored.
 * Cast: ALICE declares, then hands the lead to BOB; CAROL is an admin; DAVE is just a member; ERIN
 * is legal and FRANK the spokesperson when a test gives them those roles.
 */
import type { Crisis } from '../../src/core/crisis';
import { roleInput, ACTIONS } from '../../src/slack/ids';
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { command, declare, reply, timelineKinds } from './fixtures/crisis-steps';
import { escapeKeepingMentions } from '../../src/slack/views/blocks';

/** A refusal: what was refused, and the people who may, by name (holders of the role between the declarer and the admins). */
const FORBIDDEN =
  /^Only the lead, the person who declared this crisis or a crisis admin can (.+?)(; its holder may hand over their own)?\. Ask <@U0BOB> \(lead\), <@U0ALICE> \(declarer\)(, <@U0[A-Z]+> \([a-z ]+\))? or a crisis admin \(<@U0CAROL>, <@U0NOBODY>\)\. Nothing changed\.$/;

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

  const holders = () => h.bot.services.snapshot(h.bot.store.crises.get(crisis.id)).holders;
  const leads = (): string[] => holders().lead;

  /** The state a refusal must leave as it was. */
  function state() {
    return {
      rows: h.bot.store.timeline.list(crisis.id).length,
      crisis: h.bot.store.crises.get(crisis.id),
      holders: holders(),
      assignments: h.bot.store.roles.history(crisis.id).length,
      messages: h.emu.messages(crisis.channelId).length,
    };
  }

  /** Runs a forbidden command as DAVE and checks the refusal names who may, and that nothing changed. */
  async function refused(text: string, action: string, how: 'reply' | 'ack' = 'reply'): Promise<string> {
    const before = state();
    const answer = how === 'reply' ? await reply(h, DAVE, crisis.channelId, text) : (await command(h, DAVE, crisis.channelId, text)).ack;
    expect(answer).toMatch(FORBIDDEN);
    expect(FORBIDDEN.exec(answer)?.[1]).toBe(action);
    expect(state()).toEqual(before);
    return answer;
  }

  it('refuses a member changing the severity, resolving, or taking or removing the lead', async () => {
    await refused('severity sev1', 'change the severity');
    await refused('resolve it went away', 'resolve');
    await refused(`assign <@${DAVE}> lead`, 'give, take or hand over the lead');
    await refused(`assign <@${ERIN}> commander`, 'give, take or hand over the lead');
    await refused(`unassign <@${BOB}> lead`, 'give, take or hand over the lead');
    // Taking all of the lead's roles takes the lead too.
    await refused(`unassign <@${BOB}>`, 'give, take or hand over the lead');
    await refused(`handover <@${DAVE}> lead`, 'give, take or hand over the lead', 'ack');
    expect(h.bot.store.crises.get(crisis.id).severity).toBe('sev2');
    expect(h.bot.store.crises.get(crisis.id).status).toBe('investigating');
    expect(leads()).toEqual([BOB]);
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

  describe('legal and spokesperson', () => {
    beforeEach(async () => {
      expect(await reply(h, ALICE, crisis.channelId, `assign <@${ERIN}> legal`)).toContain(`<@${ERIN}> is now legal.`);
      expect(await reply(h, ALICE, crisis.channelId, `assign <@${FRANK}> spokesperson`)).toContain(`<@${FRANK}> is now spokesperson.`);
    });

    it('a member with no role cannot make themselves legal: refused naming who may, the legal holder unchanged', async () => {
      const answer = await refused(`assign <@${DAVE}> legal`, 'give, take or hand over the legal role');
      expect(answer).toBe(
        `Only the lead, the person who declared this crisis or a crisis admin can give, take or hand over the legal role; its holder may hand over their own. Ask <@${BOB}> (lead), <@${ALICE}> (declarer), <@${ERIN}> (legal) or a crisis admin (<@${CAROL}>, <@U0NOBODY>). Nothing changed.`,
      );
      expect(holders().legal).toEqual([ERIN]);
      await refused(`assign <@${DAVE}> compliance`, 'give, take or hand over the legal role');
      await refused(`unassign <@${ERIN}> legal`, 'give, take or hand over the legal role');
      expect(holders().legal).toEqual([ERIN]);
    });

    it('a member cannot take, remove or hand over the spokesperson, by any command', async () => {
      await refused(`assign <@${DAVE}> spokesperson`, 'give, take or hand over the spokesperson role');
      await refused(`assign <@${CAROL}> comms`, 'give, take or hand over the spokesperson role');
      await refused(`unassign <@${FRANK}> spokesperson`, 'give, take or hand over the spokesperson role');
      await refused(`unassign <@${FRANK}>`, 'give, take or hand over the spokesperson role');
      // `handover` by someone who does not hold it is refused in the ack, before anything is asked of Slack.
      await refused(`handover <@${DAVE}> spokesperson I'll take it from here`, 'give, take or hand over the spokesperson role', 'ack');
      await refused(`handover <@${CAROL}> spokesperson`, 'give, take or hand over the spokesperson role', 'ack');
      expect(holders().spokesperson).toEqual([FRANK]);
    });

    it('the handover form refuses a member handing over the spokesperson, with a field error and nothing changed', async () => {
      const before = state();
      await command(h, DAVE, crisis.channelId, 'handover');
      const modal = await h.emu.waitFor(() => h.emu.views().find((v) => v.user === DAVE && v.open && v.payload.callback_id === 'handover_modal'));
      const res = await h.driver.submitView({ userId: DAVE, viewId: modal.id, values: { handover_user: CAROL, handover_role: 'spokesperson', handover_note: 'over to you' } });
      expect(res.json).toEqual({ response_action: 'errors', errors: { handover_user: expect.stringMatching(FORBIDDEN) } });
      expect(h.emu.view(modal.id)?.open).toBe(true);
      expect(state()).toEqual(before);
    });

    it('an empty legal or spokesperson role is not for the taking either', async () => {
      expect(await reply(h, ALICE, crisis.channelId, `unassign <@${FRANK}> spokesperson`)).toContain('no longer holds: spokesperson');
      await refused(`assign <@${DAVE}> spokesperson`, 'give, take or hand over the spokesperson role');
      await refused(`handover <@${DAVE}> spokesperson`, 'give, take or hand over the spokesperson role', 'ack');
      expect(holders().spokesperson).toEqual([]);
    });

    it('the holder hands over their own role (by handover or assign) and may step down; an admin gives it', async () => {
      expect(await reply(h, FRANK, crisis.channelId, `handover <@${DAVE}> spokesperson Press desk waiting on a call`)).toContain(
        `Handed over spokesperson from <@${FRANK}> to <@${DAVE}>`,
      );
      expect(holders().spokesperson).toEqual([DAVE]);
      expect(await reply(h, ERIN, crisis.channelId, `assign <@${FRANK}> legal`)).toContain(`Handed over legal from <@${ERIN}> to <@${FRANK}>.`);
      expect(holders().legal).toEqual([FRANK]);
      // Stepping down from one's own role relieves only oneself.
      expect(await reply(h, DAVE, crisis.channelId, `unassign <@${DAVE}> spokesperson`)).toContain(`<@${DAVE}> no longer holds: spokesperson.`);
      // Having handed it over, ERIN is nobody special any more.
      expect(await reply(h, ERIN, crisis.channelId, `assign <@${ERIN}> legal`)).toMatch(/^Only the lead, .* can give, take or hand over the legal role/);
      expect(await reply(h, CAROL, crisis.channelId, `assign <@${ERIN}> spokesperson`)).toContain(`<@${ERIN}> is now spokesperson.`);
      expect(holders()).toMatchObject({ lead: [BOB], legal: [FRANK], spokesperson: [ERIN] });
    });
  });

  it('leaves info, support and the rest open to any member', async () => {
    expect(await reply(h, DAVE, crisis.channelId, `assign <@${DAVE}> info`)).toContain(`<@${DAVE}> is now info gatherer`);
    expect(await reply(h, DAVE, crisis.channelId, `assign <@${ERIN}> support`)).toContain(`<@${ERIN}> is now support rep`);
    expect(await reply(h, DAVE, crisis.channelId, `unassign <@${ERIN}>`)).toContain('no longer holds: support rep');
    expect(await reply(h, DAVE, crisis.channelId, `handover <@${FRANK}> info Facts sheet is pinned`)).toContain(`Handed over info gatherer from <@${DAVE}> to <@${FRANK}>`);
    expect(await reply(h, DAVE, crisis.channelId, `handover <@${ERIN}> support`)).toContain(`<@${ERIN}> is now support rep`);
    expect(holders()).toMatchObject({ info: [FRANK], support: [ERIN] });
    expect(await reply(h, DAVE, crisis.channelId, 'update still digging')).toMatch(/^Update posted/);
    expect(await reply(h, DAVE, crisis.channelId, 'status identified')).toContain('Status is now *Identified*');
    expect(await reply(h, DAVE, crisis.channelId, 'remind every 20m')).toContain('every 20 min');
    expect((await command(h, DAVE, crisis.channelId, 'note customer called')).ack).toContain('Noted');
  });

  it('an empty lead is given by the declarer or an admin, not taken by a member', async () => {
    expect(await reply(h, BOB, crisis.channelId, `unassign <@${BOB}> lead`)).toContain('no longer holds: crisis lead');
    const answer = await reply(h, DAVE, crisis.channelId, `assign <@${DAVE}> lead`);
    expect(answer).toBe(
      `Only the lead, the person who declared this crisis or a crisis admin can give, take or hand over the lead; its holder may hand over their own. Ask <@${ALICE}> (declarer) or a crisis admin (<@${CAROL}>, <@U0NOBODY>). Nothing changed.`,
    );
    expect(leads()).toEqual([]);
    expect(await reply(h, ALICE, crisis.channelId, `assign <@${DAVE}> lead`)).toContain(`<@${DAVE}> is now crisis lead`);
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

    it('refuses a member giving legal or spokesperson in the modal, with a field error on that picker and nothing else applied', async () => {
      const before = state();
      const viewId = await openRolesModal(DAVE);
      const legal = await h.driver.submitView({ userId: DAVE, viewId, values: { [roleInput('legal').block]: DAVE } });
      expect(legal.json).toEqual({ response_action: 'errors', errors: { role_legal: expect.stringMatching(FORBIDDEN) } });
      expect(FORBIDDEN.exec(String((legal.json as { errors: Record<string, string> }).errors.role_legal))?.[1]).toBe('give, take or hand over the legal role');
      // A support change beside it is not applied either: the form is refused as a whole.
      const both = await h.driver.submitView({ userId: DAVE, viewId, values: { [roleInput('support').block]: [DAVE], [roleInput('spokesperson').block]: ERIN } });
      expect(both.json).toEqual({ response_action: 'errors', errors: { role_spokesperson: expect.stringMatching(FORBIDDEN) } });
      expect(h.emu.view(viewId)?.open).toBe(true);
      expect(state()).toEqual(before);
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
      expect(escapeKeepingMentions(handover?.text ?? '')).toBe(`Crisis lead handed over from <@${BOB}> to <@${ERIN}>`);
      expect(handover?.actorId).toBe(CAROL);
    });
  });
});
