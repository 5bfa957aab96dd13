/** The emulator answering conversations.*, auth.test and users.info through a real WebClient. */
import type { WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../src/emulator';
import { BOT_TOKEN, rec, silentLogger, slackError, startEmulator } from './helpers';

describe('SlackEmulator conversations', () => {
  let emu: SlackEmulator;
  let client: WebClient;

  beforeAll(async () => {
    ({ emu, client } = await startEmulator({ now: () => new Date('2026-11-26T09:00:00Z') }));
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.resetCalls());

  it('answers auth.test with the bot identity, and rejects bad or missing tokens', async () => {
    const me = await client.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: 'U0BOT', team_id: 'T0CRISIS', bot_id: 'B0BOT' });
    const { WebClient: Client } = await import('@slack/web-api');
    const wrong = new Client('xoxb-wrong', { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
    expect(await slackError(wrong.auth.test())).toMatchObject({ ok: false, error: 'invalid_auth' });
    const res = await fetch(`${emu.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts the token as a form field and JSON bodies with a bearer token', async () => {
    const form = await fetch(`${emu.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${BOT_TOKEN}`,
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const json = await fetch(`${emu.apiUrl}conversations.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: 'C0GENERAL' }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: { id: 'C0GENERAL', name: 'general', is_member: true } });
  });

  it('answers unknown_method for a method it does not know', async () => {
    expect(await slackError(client.apiCall('conversations.kick', { channel: 'C0GENERAL' }))).toMatchObject({
      error: 'unknown_method',
    });
  });

  it('creates a channel with the bot as creator and member, and refuses a taken name', async () => {
    const created = await client.conversations.create({ name: 'crisis-20261126-db-outage' });
    const channel = rec(created.channel);
    expect(channel).toMatchObject({
      name: 'crisis-20261126-db-outage',
      is_channel: true,
      is_member: true,
      is_archived: false,
      creator: 'U0BOT',
      created: Date.parse('2026-11-26T09:00:00Z') / 1000,
      topic: { value: '' },
      purpose: { value: '' },
    });
    expect(String(channel.id)).toMatch(/^C[A-Z0-9]+$/);
    expect(emu.channelByName('crisis-20261126-db-outage')?.members.has('U0BOT')).toBe(true);
    expect(await slackError(client.conversations.create({ name: 'crisis-20261126-db-outage' }))).toMatchObject({ error: 'name_taken' });
  });

  it('counts archived channels as taken names', async () => {
    const created = await client.conversations.create({ name: 'old-crisis' });
    await client.conversations.archive({ channel: String(rec(created.channel).id) });
    expect(await slackError(client.conversations.create({ name: 'old-crisis' }))).toMatchObject({ error: 'name_taken' });
  });

  it.each([
    ['Upper', 'invalid_name_specials'],
    ['has space', 'invalid_name_specials'],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['---', 'invalid_name_punctuation'],
  ])('refuses the channel name %j with %s', async (name, error) => {
    expect(await slackError(client.conversations.create({ name }))).toMatchObject({ error });
  });

  it('accepts an 80-character name', async () => {
    await expect(client.conversations.create({ name: 'b'.repeat(80) })).resolves.toMatchObject({ ok: true });
  });

  it('invites users, then answers already_in_channel, user_not_found and cant_invite_self', async () => {
    const id = String(rec((await client.conversations.create({ name: 'invite-test' })).channel).id);
    await client.conversations.invite({ channel: id, users: 'U0ALICE,U0BOB' });
    expect([...(emu.channel(id)?.members ?? [])].sort()).toEqual(['U0ALICE', 'U0BOB', 'U0BOT']);
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0ALICE' }))).toMatchObject({ error: 'already_in_channel' });
    const missing = await slackError(client.conversations.invite({ channel: id, users: 'U0NOBODY' }));
    expect(missing).toMatchObject({ error: 'user_not_found', errors: [{ user: 'U0NOBODY', ok: false, error: 'user_not_found' }] });
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0BOT' }))).toMatchObject({ error: 'cant_invite_self' });
    expect(await slackError(client.conversations.invite({ channel: 'C0NOPE', users: 'U0BOB' }))).toMatchObject({ error: 'channel_not_found' });
  });

  it('needs the bot in the channel and the channel unarchived to invite', async () => {
    const id = String(rec((await client.conversations.create({ name: 'gone' })).channel).id);
    emu.removeBotFromChannel(id);
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0BOB' }))).toMatchObject({ error: 'not_in_channel' });
    await client.conversations.join({ channel: id });
    emu.archiveChannel(id);
    expect(await slackError(client.conversations.invite({ channel: id, users: 'U0BOB' }))).toMatchObject({ error: 'is_archived' });
  });

  it('sets topic and purpose, refusing more than 250 characters', async () => {
    const id = String(rec((await client.conversations.create({ name: 'topics' })).channel).id);
    await client.conversations.setTopic({ channel: id, topic: 'SEV1: database down' });
    await client.conversations.setPurpose({ channel: id, purpose: 'Crisis room' });
    expect(emu.channel(id)).toMatchObject({ topic: { value: 'SEV1: database down' }, purpose: { value: 'Crisis room' } });
    expect(await slackError(client.conversations.setTopic({ channel: id, topic: 'x'.repeat(251) }))).toMatchObject({ error: 'too_long' });
  });

  it('reports a missing channel as channel_not_found and other missing arguments as invalid_arguments', async () => {
    expect(await slackError(client.apiCall('conversations.setTopic', { topic: 'x' }))).toMatchObject({ error: 'channel_not_found' });
    const noTopic = await slackError(client.apiCall('conversations.setTopic', { channel: 'C0GENERAL' }));
    expect(noTopic).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: topic'] } });
  });

  it('looks up users and records every call with its arguments', async () => {
    const info = await client.users.info({ user: 'U0CAROL' });
    expect(rec(info.user)).toMatchObject({ id: 'U0CAROL', name: 'carol', is_bot: false });
    expect(await slackError(client.users.info({ user: 'U0NOBODY' }))).toMatchObject({ error: 'user_not_found' });
    expect(emu.calls('users.info')).toEqual([
      expect.objectContaining({ method: 'users.info', args: { user: 'U0CAROL' }, ok: true, status: 200 }),
      expect.objectContaining({ method: 'users.info', ok: false, error: 'user_not_found', status: 200 }),
    ]);
    expect(emu.calls('users.info')[0]?.at).toEqual(new Date('2026-11-26T09:00:00Z'));
  });

  it('seeds the announce and general channels with everyone', () => {
    expect(emu.channel('C0ANNOUNCE')?.name).toBe('crisis-announcements');
    expect(emu.channel('C0ANNOUNCE')?.members.size).toBe(7);
    expect(emu.users.map((u) => u.name)).toEqual(['crisisbot', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    expect(emu.addUser({ name: 'grace' }).id).toMatch(/^U/);
  });
});
