/**
 * An action's owner must be in the crisis channel, where the action is posted (CONTRACT, "Authority";
 * issue 17): in a public crisis the bot invites them; in a private one it asks Slack whether they are
 * a member and, when not, refuses and says so, storing nothing, so the private words never reach
 * them (their App Home lists their actions). Slack failing halfway is a clear answer either way.
 */
import { ManualClock } from '../../src/clock';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, DAVE, startHarness, type Harness } from '../helpers/harness';
import { crisisCommand, declareCrisis, events, replyContaining, settle } from './timeline-fixtures';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock('2026-03-02T09:00:00.000Z') });
});
afterEach(async () => {
  await h.close();
});

async function declarePrivate(title: string): Promise<Crisis> {
  const res = await h.driver.slashCommand({ userId: ALICE, channelId: 'C0GENERAL', text: `declare private sev1 ${title}` });
  expect(res.status).toBe(200);
  const crisis = await h.emu.waitFor(() => h.bot.store.crises.listOpen(1000).find((c) => c.title === title));
  await h.settled();
  expect(crisis.isPrivate).toBe(true);
  return crisis;
}

function members(crisis: Crisis): string[] {
  return [...(h.emu.channel(crisis.channelId)?.members ?? [])];
}

/** Everything the bot stored or posted about actions in the crisis. */
function recorded(crisis: Crisis) {
  return {
    actions: h.bot.store.followUps.actions(crisis.id).length,
    rows: events(h, crisis.id).length,
    messages: h.emu.messages(crisis.channelId).length,
  };
}

describe('a public crisis', () => {
  it('invites the owner into the channel, together with posting the action', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    expect(members(crisis)).not.toContain(DAVE);
    await crisisCommand(h, ALICE, crisis.channelId, `action Rotate the gateway certificate <@${DAVE}|dave>`);
    await replyContaining(h, ALICE, `Follow-up action #1 added for <@${DAVE}>`);
    expect(members(crisis)).toContain(DAVE);
    expect(h.emu.calls('conversations.invite').at(-1)?.args).toMatchObject({ channel: crisis.channelId, users: DAVE });
    expect(h.bot.store.followUps.actions(crisis.id)).toMatchObject([{ text: 'Rotate the gateway certificate', ownerId: DAVE }]);
    expect(h.emu.messages(crisis.channelId).some((m) => m.text.startsWith('Follow-up action #1'))).toBe(true);
  });

  it('keeps the action when Slack refuses the invite, and says what failed', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    h.emu.failNext('conversations.invite', 'user_is_restricted');
    await crisisCommand(h, ALICE, crisis.channelId, `action Call the insurer <@${DAVE}>`);
    const reply = await replyContaining(h, ALICE, `Follow-up action #1 added for <@${DAVE}>`);
    expect(reply).toContain(`Could not invite <@${DAVE}> to the channel`);
    expect(h.bot.store.followUps.actions(crisis.id)).toHaveLength(1);
    expect(members(crisis)).not.toContain(DAVE);
  });

  it('an action without an owner invites nobody', async () => {
    const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
    const invites = h.emu.calls('conversations.invite').length;
    await crisisCommand(h, ALICE, crisis.channelId, 'action Write the post-mortem');
    await replyContaining(h, ALICE, 'Follow-up action #1 added;');
    expect(h.emu.calls('conversations.invite')).toHaveLength(invites);
  });
});

describe('a private crisis', () => {
  const SECRET = 'Call the regulator about the leaked customer list';

  it('refuses an owner who is not in the channel, says so, stores nothing, and never shows them the words', async () => {
    const crisis = await declarePrivate('Customer database exposed');
    expect(members(crisis)).not.toContain(DAVE);
    const before = recorded(crisis);
    const invites = h.emu.calls('conversations.invite').length;
    await crisisCommand(h, ALICE, crisis.channelId, `action ${SECRET} <@${DAVE}>`);
    const reply = await replyContaining(h, ALICE, `<@${DAVE}> is not in this private crisis channel`);
    expect(reply).toContain('Add them to the channel first, or give the action to someone in it. Nothing changed.');
    await settle(h);
    expect(recorded(crisis)).toEqual(before);
    expect(members(crisis)).not.toContain(DAVE);
    expect(h.emu.calls('conversations.invite')).toHaveLength(invites);
    // Nothing of it reached Dave: no Home published for him with it, no DM, no message he can see.
    const toDave = [...h.emu.calls('views.publish').filter((c) => c.args.user_id === DAVE), ...h.emu.calls('chat.postMessage').filter((c) => c.args.channel === DAVE)];
    expect(JSON.stringify(toDave)).not.toContain('regulator');
  });

  it('takes an owner who is in the channel, without inviting anyone', async () => {
    const crisis = await declarePrivate('Customer database exposed');
    await crisisCommand(h, ALICE, crisis.channelId, `assign <@${BOB}> info`);
    await h.emu.waitFor(() => (members(crisis).includes(BOB) ? true : undefined));
    const invites = h.emu.calls('conversations.invite').length;
    await crisisCommand(h, ALICE, crisis.channelId, `action ${SECRET} <@${BOB}>`);
    await replyContaining(h, ALICE, `Follow-up action #1 added for <@${BOB}>`);
    expect(h.bot.store.followUps.actions(crisis.id)).toMatchObject([{ text: SECRET, ownerId: BOB }]);
    expect(h.emu.calls('conversations.members').at(-1)?.args).toMatchObject({ channel: crisis.channelId });
    expect(h.emu.calls('conversations.invite')).toHaveLength(invites);
  });

  it('refuses, storing nothing, when Slack cannot say who is in the channel', async () => {
    const crisis = await declarePrivate('Customer database exposed');
    const before = recorded(crisis);
    h.emu.failNext('conversations.members', 'fetch_members_failed');
    await crisisCommand(h, ALICE, crisis.channelId, `action ${SECRET} <@${ALICE}>`);
    const reply = await replyContaining(h, ALICE, `I could not check with Slack whether <@${ALICE}> is in this private channel`);
    expect(reply).toContain('Nothing changed; try again.');
    await settle(h);
    expect(recorded(crisis)).toEqual(before);
  });

  it('an action without an owner needs no question to Slack', async () => {
    const crisis = await declarePrivate('Customer database exposed');
    const asked = h.emu.calls('conversations.members').length;
    await crisisCommand(h, ALICE, crisis.channelId, 'action Preserve the access logs');
    await replyContaining(h, ALICE, 'Follow-up action #1 added;');
    expect(h.emu.calls('conversations.members')).toHaveLength(asked);
  });
});
