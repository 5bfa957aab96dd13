/** Views (trigger_id lifetime, hash, Home tab), file uploads through uploadV2, and fault injection. */
import { WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import type { SlackEmulator } from '../../src/emulator';
import { BOT_TOKEN, rec, slackError, startEmulator } from './helpers';

const modal = (title = 'Declare a crisis') => ({
  type: 'modal' as const,
  callback_id: 'declare',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Declare' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'title',
      label: { type: 'plain_text' as const, text: 'Title' },
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
  ],
});

describe('SlackEmulator views, files and faults', () => {
  let emu: SlackEmulator;
  let client: WebClient;

  beforeAll(async () => {
    ({ emu, client } = await startEmulator({}, { rejectRateLimitedCalls: true }));
  });
  afterAll(() => emu.stop());
  afterEach(() => emu.clearFaults());

  it('opens a modal with a fresh trigger_id, once', async () => {
    const trigger = emu.issueTrigger('U0ALICE');
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    const view = rec(opened.view);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'declare', state: { values: {} }, title: { text: 'Declare a crisis' } });
    expect(String(view.id)).toMatch(/^V/);
    expect(emu.view(String(view.id))).toMatchObject({ user: 'U0ALICE', open: true });
    expect(emu.views()).toHaveLength(1);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toMatchObject({ error: 'exchanged_trigger_id' });
  });

  it('refuses unknown and expired trigger_ids', async () => {
    expect(await slackError(client.views.open({ trigger_id: '1.2.abc', view: modal() }))).toMatchObject({ error: 'invalid_trigger_id' });
    const trigger = emu.issueTrigger('U0ALICE');
    const issued = emu.state.triggers.get(trigger);
    if (issued) issued.issuedAtMs -= 3001;
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal() }))).toMatchObject({ error: 'expired_trigger_id' });
  });

  it('checks modal limits with invalid_arguments', async () => {
    const err = await slackError(client.views.open({ trigger_id: emu.issueTrigger('U0ALICE'), view: modal('x'.repeat(25)) }));
    expect(err).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] } });
    const long = { ...modal(), private_metadata: 'm'.repeat(3001) };
    expect(await slackError(client.views.open({ trigger_id: emu.issueTrigger('U0ALICE'), view: long }))).toMatchObject({ error: 'invalid_arguments' });
  });

  it('updates a view by id, refusing a stale hash', async () => {
    const opened = rec((await client.views.open({ trigger_id: emu.issueTrigger('U0BOB'), view: modal() })).view);
    const id = String(opened.id);
    const updated = rec((await client.views.update({ view_id: id, hash: String(opened.hash), view: modal('Updated') })).view);
    expect(updated).toMatchObject({ id, title: { text: 'Updated' } });
    expect(await slackError(client.views.update({ view_id: id, hash: String(opened.hash), view: modal() }))).toMatchObject({ error: 'hash_conflict' });
    expect(await slackError(client.views.update({ view_id: 'V0NOPE', view: modal() }))).toMatchObject({ error: 'not_found' });
  });

  it('publishes a Home tab per user', async () => {
    const home = { type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Open crises: 0' } }] };
    await client.views.publish({ user_id: 'U0CAROL', view: home });
    expect(emu.homeView('U0CAROL')?.payload.blocks).toEqual([expect.objectContaining({ text: { type: 'mrkdwn', text: 'Open crises: 0' } })]);
    expect(await slackError(client.views.publish({ user_id: 'U0NOBODY', view: home }))).toMatchObject({ error: 'invalid_arguments' });
  });

  it('takes a file through files.uploadV2 and shares it in the channel', async () => {
    const res = await client.files.uploadV2({ channel_id: 'C0GENERAL', content: '# Debrief\n\nAll good.', filename: 'debrief.md', title: 'Debrief' });
    expect(res.ok).toBe(true);
    const [file] = emu.files();
    expect(file).toMatchObject({ filename: 'debrief.md', title: 'Debrief', content: '# Debrief\n\nAll good.', channelId: 'C0GENERAL' });
    const shared = emu.messages('C0GENERAL').find((m) => m.files?.length);
    expect(shared?.files).toEqual([{ id: file?.id, name: 'debrief.md', title: 'Debrief' }]);
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).toMatchObject({ error: 'file_not_found' });
  });

  it('shares a file into a person\'s DM when `channels` names the user, with the comment as the message; `channel_id` takes channels only', async () => {
    const upload = async (name: string): Promise<string> => {
      const { upload_url: url, file_id: id } = (await client.files.getUploadURLExternal({ filename: name, length: 2 })) as { upload_url: string; file_id: string };
      await fetch(url, { method: 'POST', body: 'hi' });
      return id;
    };
    const id = await upload('report.md');
    // Slack documents `channels` (channel or user IDs); @slack/web-api's argument type names only channel_id.
    await client.apiCall('files.completeUploadExternal', { files: JSON.stringify([{ id, title: 'Report' }]), channels: 'U0CAROL', initial_comment: 'Your report' });
    const shared = emu.dmsTo('U0CAROL').find((m) => m.files?.some((f) => f.id === id));
    expect(shared?.text).toBe('Your report');
    const other = await upload('other.md');
    expect(await slackError(client.files.completeUploadExternal({ files: [{ id: other }], channel_id: 'U0CAROL' }))).toMatchObject({ error: 'channel_not_found' });
  });

  it('fails the next calls on demand, then recovers', async () => {
    emu.failNext('chat.postMessage', 'fatal_error', 2);
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'a' }))).toMatchObject({ error: 'fatal_error' });
    expect(await slackError(client.chat.postMessage({ channel: 'C0GENERAL', text: 'b' }))).toMatchObject({ error: 'fatal_error' });
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'c' })).resolves.toMatchObject({ ok: true });
    expect(emu.calls('chat.postMessage').slice(-3).map((c) => c.ok)).toEqual([false, false, true]);
  });

  it('rate-limits with HTTP 429 and Retry-After', async () => {
    emu.rateLimit('conversations.create', 7);
    const limited = client.conversations.create({ name: 'limited' });
    await expect(limited).rejects.toBeInstanceOf(WebAPIRateLimitedError);
    await expect(limited).rejects.toMatchObject({ retryAfter: 7 });
    emu.rateLimit('conversations.create', 3);
    const res = await fetch(`${emu.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${BOT_TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=limited',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(emu.calls('conversations.create').slice(-1)[0]).toMatchObject({ ok: false, error: 'ratelimited', status: 429 });
    await expect(client.conversations.create({ name: 'limited' })).resolves.toMatchObject({ ok: true });
  });

  it('waits for a condition', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: 'C0ANNOUNCE', text: 'later' }), 20);
    const message = await emu.waitFor(() => emu.messages('C0ANNOUNCE').find((m) => m.text === 'later'));
    expect(message.user).toBe('U0BOT');
    await expect(emu.waitFor(() => false, 30)).rejects.toThrow('not met within 30 ms');
  });
});
