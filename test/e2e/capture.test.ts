/**
 * Timeline capture from a crisis channel, end to end: a :pushpin: reaction, a pin and the message
 * shortcut each record the message with its own author, text, original time and permalink, once,
 * and confirm it quietly; other channels, other reactions and the bot's own card pin are ignored.
 */
import { permalink } from '../../src/emulator/api-context';
import { ManualClock } from '../../src/clock';
import { dataOf } from '../../src/core/timeline';
import { ALICE, BOB, BOT, CAROL, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { declareCrisis, events, replyContaining, settle } from './timeline-fixtures';

const T0 = '2026-03-02T09:00:00.000Z';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(T0) });
});

afterEach(async () => {
  await h.close();
});

function reactionsOf(channelId: string, ts: string): Array<{ name: string; users: string[] }> {
  return h.emu.messages(channelId).find((m) => m.ts === ts)?.reactions ?? [];
}

/** Declares at T0, then BOB posts a message at T0+5 min; the clock ends at T0+30 min. */
async function crisisWithMessage(text: string) {
  const crisis = await declareCrisis(h, ALICE, 'Checkout payments failing');
  h.clock.advanceMinutes(5);
  const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: crisis.channelId, text });
  h.clock.advanceMinutes(25);
  return { crisis, ts };
}

describe('capturing a message into the timeline', () => {
  it('records a :pushpin:-ed message with its own time, author, text (read from the history) and link, and reacts quietly', async () => {
    const { crisis, ts } = await crisisWithMessage('Card processor returns 502 for every EU card');
    const res = await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    expect(res.status).toBe(200);

    const [entry] = await h.emu.waitFor(() => {
      const found = events(h, crisis.id, 'message_captured');
      return found.length > 0 && found;
    });
    expect(entry).toMatchObject({
      occurredAt: '2026-03-02T09:05:00.000Z',
      recordedAt: '2026-03-02T09:30:00.000Z',
      actorId: BOB,
      text: 'Card processor returns 502 for every EU card',
      permalink: permalink(crisis.channelId, ts),
    });
    expect(dataOf(entry!, 'message_captured')).toEqual({ channel_id: crisis.channelId, ts, via: 'pushpin' });
    // The reaction event carries no text: the bot read it from the channel history.
    expect(h.emu.calls('conversations.history').some((c) => c.args.channel === crisis.channelId)).toBe(true);
    expect(h.emu.calls('chat.getPermalink').at(-1)?.args).toMatchObject({ channel: crisis.channelId, message_ts: ts });

    const confirm = await h.emu.waitFor(() => reactionsOf(crisis.channelId, ts).find((r) => r.users.includes(BOT)));
    expect(confirm.name).toBe('memo');
    // Quietly: nothing posted in the channel after the person's message.
    expect(h.emu.messages(crisis.channelId).filter((m) => Number(m.ts) > Number(ts))).toHaveLength(0);
  });

  it('records a :pushpin:-ed reply inside a thread, read through conversations.replies', async () => {
    const { crisis, ts: parent } = await crisisWithMessage('Checkout errors started at 09:12');
    h.clock.advanceMinutes(1);
    const reply = await h.driver.userPostsMessage({ userId: CAROL, channelId: crisis.channelId, text: 'Confirmed: only Visa cards', threadTs: parent });
    await h.driver.reactionAdded({ userId: ALICE, channelId: crisis.channelId, ts: reply, reaction: 'pushpin' });

    const [entry] = await h.emu.waitFor(() => {
      const found = events(h, crisis.id, 'message_captured');
      return found.length > 0 && found;
    });
    expect(entry).toMatchObject({ actorId: CAROL, text: 'Confirmed: only Visa cards', occurredAt: '2026-03-02T09:31:00.000Z' });
    expect(h.emu.calls('conversations.replies').at(-1)?.args).toMatchObject({ channel: crisis.channelId, ts: reply });
  });

  it('records a pinned message, and a :pushpin: on the same message afterwards adds nothing', async () => {
    const { crisis, ts } = await crisisWithMessage('Rolled back deploy 4812');
    await h.driver.pinAdded({ userId: ALICE, channelId: crisis.channelId, ts });
    const [entry] = await h.emu.waitFor(() => {
      const found = events(h, crisis.id, 'message_captured');
      return found.length > 0 && found;
    });
    expect(entry).toMatchObject({ occurredAt: '2026-03-02T09:05:00.000Z', actorId: BOB, text: 'Rolled back deploy 4812', permalink: permalink(crisis.channelId, ts) });
    expect(dataOf(entry!, 'message_captured').via).toBe('pin');
    await h.emu.waitFor(() => reactionsOf(crisis.channelId, ts).some((r) => r.name === 'memo'));

    h.clock.advanceMinutes(10);
    const again = await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    expect(again.status).toBe(200);
    await settle(h);
    expect(events(h, crisis.id, 'message_captured')).toHaveLength(1);
    expect(reactionsOf(crisis.channelId, ts).filter((r) => r.users.includes(BOT))).toHaveLength(1);
  });

  it('keeps one entry when a :pushpin: comes first and a pin second', async () => {
    const { crisis, ts } = await crisisWithMessage('Status page updated');
    await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    await settle(h);
    expect(events(h, crisis.id, 'message_captured')).toHaveLength(1);
    await h.driver.pinAdded({ userId: ALICE, channelId: crisis.channelId, ts });
    await settle(h);
    const captured = events(h, crisis.id, 'message_captured');
    expect(captured).toHaveLength(1);
    expect(dataOf(captured[0]!, 'message_captured').via).toBe('pushpin');
  });

  it('ignores a Slack retry of the same event', async () => {
    const { crisis, ts } = await crisisWithMessage('Vendor confirms outage on their side');
    const first = await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' });
    await settle(h);
    expect(events(h, crisis.id, 'message_captured')).toHaveLength(1);
    const retry = await h.driver.reactionAdded(
      { userId: CAROL, channelId: crisis.channelId, ts, reaction: 'pushpin' },
      { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(retry.status).toBe(200);
    await settle(h);
    expect(events(h, crisis.id, 'message_captured')).toHaveLength(1);
    expect(h.emu.calls('chat.getPermalink')).toHaveLength(1);
  });

  it('records a message sent through the "Add to crisis timeline" shortcut, and says so once', async () => {
    const { crisis, ts } = await crisisWithMessage('Customer tweets about double charges <@U0ERIN>');
    const res = await h.driver.messageShortcut({ userId: CAROL, channelId: crisis.channelId, messageTs: ts, callbackId: 'add_to_crisis_timeline' });
    expect(res.status).toBe(200);
    expect(await replyContaining(h, CAROL, 'Added to the crisis timeline.')).toContain('"response_type":"ephemeral"');

    const [entry] = events(h, crisis.id, 'message_captured');
    expect(entry).toMatchObject({
      occurredAt: '2026-03-02T09:05:00.000Z',
      actorId: BOB,
      text: 'Customer tweets about double charges <@U0ERIN>',
      permalink: permalink(crisis.channelId, ts),
    });
    expect(dataOf(entry!, 'message_captured').via).toBe('shortcut');
    expect(reactionsOf(crisis.channelId, ts).find((r) => r.users.includes(BOT))?.name).toBe('memo');

    await h.driver.messageShortcut({ userId: ALICE, channelId: crisis.channelId, messageTs: ts, callbackId: 'add_to_crisis_timeline' });
    await replyContaining(h, ALICE, 'That message is already in the timeline.');
    expect(events(h, crisis.id, 'message_captured')).toHaveLength(1);
  });

  it('ignores captures outside crisis channels; the shortcut explains why', async () => {
    await declareCrisis(h, ALICE, 'Checkout payments failing');
    const ts = await h.driver.userPostsMessage({ userId: BOB, channelId: GENERAL, text: 'lunch?' });
    await h.driver.reactionAdded({ userId: CAROL, channelId: GENERAL, ts, reaction: 'pushpin' });
    await h.driver.pinAdded({ userId: CAROL, channelId: GENERAL, ts });
    await h.driver.messageShortcut({ userId: CAROL, channelId: GENERAL, messageTs: ts, callbackId: 'add_to_crisis_timeline' });

    await settle(h);
    const reply = await replyContaining(h, CAROL, 'Only messages in a crisis channel can be added to a crisis timeline');
    expect(reply).toContain('"response_type":"ephemeral"');
    expect(h.bot.store.crises.listOpen().flatMap((c) => events(h, c.id, 'message_captured'))).toHaveLength(0);
    expect(h.emu.calls('reactions.add')).toHaveLength(0);
    expect(h.emu.calls('chat.getPermalink')).toHaveLength(0);
  });

  it('does not capture other reactions, nor the crisis card the bot pinned itself', async () => {
    const { crisis, ts } = await crisisWithMessage('Looking into it');
    await h.driver.reactionAdded({ userId: CAROL, channelId: crisis.channelId, ts, reaction: 'eyes' });

    // The emulator told the bot about its own pin of the card, as Slack does, and the bot took it.
    const cardPin = h.emu.emittedEvents().find((e) => (e.body.event as { type?: string }).type === 'pin_added');
    expect(cardPin?.status).toBe(200);
    expect(h.emu.pins(crisis.channelId).map((p) => p.ts)).toEqual([crisis.cardTs]);
    // A person pinning the card again is not an entry either: the card is not something that happened.
    await h.driver.pinAdded({ userId: ALICE, channelId: crisis.channelId, ts: crisis.cardTs! });
    await settle(h);

    expect(events(h, crisis.id, 'message_captured')).toHaveLength(0);
    expect(h.emu.calls('reactions.add')).toHaveLength(0);
  });
});
