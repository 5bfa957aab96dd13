/** The emulator answering chat.*, pins.add and reactions.add through a real WebClient. */
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../src/emulator';
import { rec, slackError, startEmulator } from './helpers';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('SlackEmulator messages', () => {
  let emu: SlackEmulator;
  let client: WebClient;
  let clock = new Date('2026-11-26T09:00:00Z');

  beforeAll(async () => {
    ({ emu, client } = await startEmulator({ now: () => clock }));
  });
  afterAll(() => emu.stop());

  it('posts, updates, pins and links a message', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'Crisis declared', blocks: [section('*SEV1*')] });
    expect(posted).toMatchObject({ ok: true, channel: 'C0GENERAL', message: { user: 'U0BOT', bot_id: 'B0BOT', text: 'Crisis declared' } });
    const ts = String(posted.ts);
    expect(ts).toMatch(/^1795683600\.\d{6}$/);

    await client.chat.update({ channel: 'C0GENERAL', ts, text: 'Crisis declared (updated)', blocks: [section('*SEV2*')] });
    const [message] = emu.messages('C0GENERAL');
    expect(message).toMatchObject({ ts, text: 'Crisis declared (updated)', edited: { user: 'U0BOT' } });
    expect(message?.blocks).toEqual([expect.objectContaining({ text: { type: 'mrkdwn', text: '*SEV2*' } })]);

    await client.pins.add({ channel: 'C0GENERAL', timestamp: ts });
    expect(emu.pins('C0GENERAL')).toEqual([expect.objectContaining({ ts, pinned_by: 'U0BOT' })]);
    expect(await slackError(client.pins.add({ channel: 'C0GENERAL', timestamp: ts }))).toMatchObject({ error: 'already_pinned' });
    expect(await slackError(client.pins.add({ channel: 'C0GENERAL', timestamp: '1.000001' }))).toMatchObject({ error: 'message_not_found' });
    expect(await slackError(client.apiCall('pins.add', { channel: 'C0GENERAL' }))).toMatchObject({ error: 'no_item_specified' });

    const link = await client.chat.getPermalink({ channel: 'C0GENERAL', message_ts: ts });
    expect(link).toMatchObject({ channel: 'C0GENERAL', permalink: `https://emulated.slack.com/archives/C0GENERAL/p${ts.replace('.', '')}` });
  });

  it('gives strictly increasing ts values even when the clock stands still, and follows it when it moves', async () => {
    const a = String((await client.chat.postMessage({ channel: 'C0GENERAL', text: 'a' })).ts);
    const b = String((await client.chat.postMessage({ channel: 'C0GENERAL', text: 'b' })).ts);
    expect(Number(b)).toBeGreaterThan(Number(a));
    clock = new Date('2026-11-26T10:00:00Z');
    const c = String((await client.chat.postMessage({ channel: 'C0GENERAL', text: 'c' })).ts);
    expect(c).toBe('1795687200.000000');
  });

  it('refuses what Slack refuses when posting', async () => {
    const id = String(rec((await client.conversations.create({ name: 'no-bot' })).channel).id);
    emu.removeBotFromChannel(id);
    expect(await slackError(client.chat.postMessage({ channel: id, text: 'hi' }))).toMatchObject({ error: 'not_in_channel' });
    emu.archiveChannel(id);
    expect(await slackError(client.chat.postMessage({ channel: id, text: 'hi' }))).toMatchObject({ error: 'is_archived' });
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'hi' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await slackError(client.apiCall('chat.postMessage', { channel: 'C0GENERAL' }))).toMatchObject({ error: 'no_text' });
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x'.repeat(40001) }))).toMatchObject({ error: 'msg_too_long' });
  });

  it('enforces Block Kit limits with invalid_blocks and Slack-style messages', async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`block ${i}`));
    const err = await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: tooMany }));
    expect(err).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] } });
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    const headerErr = await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [header] }));
    expect(headerErr).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'] } });
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: tooMany.slice(0, 50) })).resolves.toMatchObject({ ok: true });
    const badFormat = await slackError(client.apiCall('chat.postMessage', { channel: 'C0GENERAL', text: 'x', blocks: 'not json' }));
    expect(badFormat).toMatchObject({ error: 'invalid_blocks_format' });
  });

  it('records blocks decoded from their JSON form field', async () => {
    emu.resetCalls();
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [section('hello')] });
    expect(emu.calls('chat.postMessage')[0]?.args.blocks).toEqual([section('hello')]);
  });

  it('opens an IM when posting to a user ID and answers with the D… channel', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0DAVE', text: 'Your checklist' });
    expect(String(posted.channel)).toMatch(/^D/);
    const again = await client.chat.postMessage({ channel: 'U0DAVE', text: 'Second' });
    expect(again.channel).toBe(posted.channel);
    expect(emu.dmsTo('U0DAVE').map((m) => m.text)).toEqual(['Your checklist', 'Second']);
    expect(emu.dmsTo('U0ERIN')).toEqual([]);
  });

  it('stores ephemerals per channel and user, only for members', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'Only you' });
    expect(String(res.message_ts)).toMatch(/^\d+\.\d{6}$/);
    expect(emu.ephemerals('C0GENERAL', 'U0ALICE')).toEqual([expect.objectContaining({ text: 'Only you', ts: res.message_ts })]);
    expect(emu.ephemerals('C0GENERAL', 'U0BOB')).toEqual([]);
    const id = String(rec((await client.conversations.create({ name: 'ephemeral-room' })).channel).id);
    expect(await slackError(client.chat.postEphemeral({ channel: id, user: 'U0ALICE', text: 'x' }))).toMatchObject({ error: 'user_not_in_channel' });
  });

  it('refuses to update missing messages and messages that are not the bot’s', async () => {
    expect(await slackError(client.chat.update({ channel: 'C0GENERAL', ts: '1.000001', text: 'x' }))).toMatchObject({ error: 'message_not_found' });
    emu.state.channelMessages('C0GENERAL').push({
      type: 'message', channel: 'C0GENERAL', ts: '1700000000.000001', user: 'U0ALICE', team: 'T0CRISIS', text: 'human', reactions: [],
    });
    const err = await slackError(client.chat.update({ channel: 'C0GENERAL', ts: '1700000000.000001', text: 'x' }));
    expect(err).toMatchObject({ error: 'cant_update_message' });
  });

  it('adds reactions once, with valid names', async () => {
    const ts = String((await client.chat.postMessage({ channel: 'C0GENERAL', text: 'react' })).ts);
    await client.reactions.add({ channel: 'C0GENERAL', timestamp: ts, name: 'eyes' });
    expect(emu.messages('C0GENERAL').find((m) => m.ts === ts)?.reactions).toEqual([{ name: 'eyes', users: ['U0BOT'], count: 1 }]);
    expect(await slackError(client.reactions.add({ channel: 'C0GENERAL', timestamp: ts, name: 'eyes' }))).toMatchObject({ error: 'already_reacted' });
    expect(await slackError(client.reactions.add({ channel: 'C0GENERAL', timestamp: ts, name: ':eyes:' }))).toMatchObject({ error: 'invalid_name' });
    expect(await slackError(client.reactions.add({ channel: 'C0GENERAL', timestamp: '1.000001', name: 'eyes' }))).toMatchObject({ error: 'message_not_found' });
  });

  it('adds link bookmarks', async () => {
    const res = await client.bookmarks.add({ channel_id: 'C0GENERAL', title: 'Runbook', type: 'link', link: 'https://example.com/runbook' });
    expect(rec(res.bookmark)).toMatchObject({ channel_id: 'C0GENERAL', title: 'Runbook', link: 'https://example.com/runbook' });
    expect(emu.bookmarks('C0GENERAL')).toHaveLength(1);
    const bad = await slackError(client.bookmarks.add({ channel_id: 'C0GENERAL', title: 'x', type: 'link', link: 'not a url' }));
    expect(bad).toMatchObject({ error: 'invalid_link' });
  });
});
