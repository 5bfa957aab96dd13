/**
 * The driver against a recording HTTP server: requests are signed as Slack signs them (checked
 * with Bolt's verifier), payloads are built from what the emulator holds, and response_urls and
 * view_submission answers change the emulator the way Slack would.
 */
import type { InputBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { SlackDriver, type SlackEmulator } from '../../src/emulator';
import { RecordingBot, rec, SIGNING_SECRET, startEmulator } from './helpers';

const button = (actionId: string, value: string) => ({
  type: 'button' as const,
  action_id: actionId,
  value,
  text: { type: 'plain_text' as const, text: `Do ${value}` },
});

describe('SlackDriver', () => {
  let emu: SlackEmulator;
  let client: WebClient;
  let bot: RecordingBot;
  let driver: SlackDriver;

  beforeAll(async () => {
    bot = new RecordingBot();
    await bot.start();
    ({ emu, client } = await startEmulator({ eventsUrl: bot.url }));
    driver = new SlackDriver(emu, { botUrl: bot.url, signingSecret: SIGNING_SECRET });
  });
  afterAll(async () => {
    await emu.stop();
    await bot.stop();
  });
  beforeEach(() => {
    bot.requests.length = 0;
    bot.responder = () => ({ status: 200, body: '' });
  });

  it('sends a slash command as a signed form with Slack’s fields', async () => {
    const res = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'declare sev1 Database down' });
    expect(res.status).toBe(200);
    const req = bot.last();
    expect(req.signatureValid).toBe(true);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.path).toBe('/slack/events');
    const form = rec(req.parsed);
    expect(Object.keys(form)).toEqual([
      'token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command', 'text',
      'api_app_id', 'is_enterprise_install', 'response_url', 'trigger_id',
    ]);
    expect(form).toMatchObject({ channel_name: 'general', user_name: 'alice', command: '/crisis', text: 'declare sev1 Database down', team_id: 'T0CRISIS' });
    expect(String(form.response_url)).toMatch(new RegExp(`^${emu.baseUrl}response/`));
    expect(emu.state.triggers.get(String(form.trigger_id))).toMatchObject({ userId: 'U0ALICE', exchanged: false });
  });

  it('can send a bad signature or a stale timestamp', async () => {
    await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'help', signatureOverride: 'v0=deadbeef' });
    expect(bot.last().signatureValid).toBe(false);
    await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'help', timestampOverride: Math.floor(Date.now() / 1000) - 301 });
    expect(bot.last().signatureValid).toBe(false);
    await driver.raw({ body: '{}', contentType: 'application/json', signature: false });
    expect(bot.last().headers['x-slack-signature']).toBeUndefined();
  });

  it('lets the bot answer through response_url, ephemerally or in the channel', async () => {
    await driver.slashCommand({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'list' });
    const url = String(rec(bot.last().parsed).response_url);
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'No open crises' }) });
    expect(emu.ephemerals('C0GENERAL', 'U0BOB')).toEqual([expect.objectContaining({ text: 'No open crises', source: 'response_url' })]);
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Everyone: calm', response_type: 'in_channel' }) });
    expect(emu.messages('C0GENERAL').slice(-1)[0]).toMatchObject({ text: 'Everyone: calm', user: 'U0BOT' });
    expect(emu.responses().map((r) => r.body.text)).toEqual(['No open crises', 'Everyone: calm']);
  });

  it('clicks a button in a channel message and can replace the message via response_url', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'card',
      blocks: [{ type: 'actions', block_id: 'card_actions', elements: [button('ack', 'c1'), button('resolve', 'c1')] }],
    });
    await driver.clickButton({ userId: 'U0CAROL', actionId: 'resolve' });
    const payload = rec(bot.last().parsed);
    expect(bot.last().signatureValid).toBe(true);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0CAROL', username: 'carol', name: 'carol', team_id: 'T0CRISIS' },
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C0GENERAL', is_ephemeral: false },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { ts: posted.ts, text: 'card', user: 'U0BOT' },
      actions: [{ type: 'button', action_id: 'resolve', block_id: 'card_actions', value: 'c1', text: { type: 'plain_text', text: 'Do c1' } }],
      state: { values: {} },
      enterprise: null,
      is_enterprise_install: false,
    });
    await fetch(String(payload.response_url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Resolved' }),
    });
    expect(emu.messages('C0GENERAL').find((m) => m.ts === posted.ts)).toMatchObject({ text: 'Resolved' });
  });

  it('throws a clear error when no such button exists', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'card', blocks: [{ type: 'actions', elements: [button('ack', 'c1')] }] });
    await expect(driver.clickButton({ userId: 'U0CAROL', actionId: 'nope' })).rejects.toThrow(/no button with action_id "nope"/);
    await expect(driver.clickButton({ userId: 'U0CAROL', actionId: 'ack', value: 'other' })).rejects.toThrow(/found: \[.*ack=c1/);
  });

  it('clicks a button in an ephemeral message without a message in the payload', async () => {
    await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0DAVE', text: 'sure?', blocks: [{ type: 'actions', elements: [button('confirm', 'yes')] }] });
    await driver.clickButton({ userId: 'U0DAVE', actionId: 'confirm', channelId: 'C0GENERAL' });
    const payload = rec(bot.last().parsed);
    expect(payload.container).toMatchObject({ is_ephemeral: true, channel_id: 'C0GENERAL' });
    expect(payload.message).toBeUndefined();
  });

  it('ticks checkboxes in a DM', async () => {
    const options = ['join', 'notify'].map((v) => ({ text: { type: 'plain_text' as const, text: v }, value: v }));
    const posted = await client.chat.postMessage({
      channel: 'U0ERIN',
      text: 'Checklist',
      blocks: [{ type: 'actions', block_id: 'checklist', elements: [{ type: 'checkboxes', action_id: 'check', options }] }],
    });
    await driver.checkbox({ userId: 'U0ERIN', channelId: String(posted.channel), messageTs: String(posted.ts), actionId: 'check', selectedValues: ['notify'] });
    const payload = rec(bot.last().parsed);
    expect(payload.actions).toEqual([expect.objectContaining({ type: 'checkboxes', action_id: 'check', block_id: 'checklist', selected_options: [options[1]] })]);
    expect(payload.state).toEqual({ values: { checklist: { check: { type: 'checkboxes', selected_options: [options[1]] } } } });
    expect(payload.channel).toEqual({ id: posted.channel, name: 'directmessage' });
  });

  it('submits a modal with state values by element type, and applies the bot’s answer', async () => {
    const severity = ['sev1', 'sev2'].map((v) => ({ text: { type: 'plain_text' as const, text: v }, value: v }));
    const input = (blockId: string, element: InputBlock['element']): InputBlock => ({
      type: 'input',
      block_id: blockId,
      label: { type: 'plain_text', text: blockId },
      element,
    });
    const opened = await client.views.open({
      trigger_id: emu.issueTrigger('U0FRANK'),
      view: {
        type: 'modal',
        callback_id: 'declare',
        private_metadata: 'C0GENERAL',
        title: { type: 'plain_text', text: 'Declare' },
        submit: { type: 'plain_text', text: 'Go' },
        blocks: [
          input('title', { type: 'plain_text_input', action_id: 'v' }),
          input('severity', { type: 'static_select', action_id: 'v', options: severity, initial_option: severity[1] }),
          input('lead', { type: 'users_select', action_id: 'v' }),
          input('helpers', { type: 'multi_users_select', action_id: 'v' }),
        ],
      },
    });
    const viewId = String(rec(opened.view).id);
    bot.responder = () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ response_action: 'errors', errors: { title: 'Too short' } }) });
    const res = await driver.submitView({ userId: 'U0FRANK', viewId, values: { title: 'x', lead: 'U0ALICE', helpers: ['U0BOB', 'U0CAROL'] } });
    expect(res.json).toEqual({ response_action: 'errors', errors: { title: 'Too short' } });
    const payload = rec(bot.last().parsed);
    expect(payload).toMatchObject({ type: 'view_submission', user: { id: 'U0FRANK' }, view: { id: viewId, callback_id: 'declare', private_metadata: 'C0GENERAL' } });
    expect(rec(rec(payload.view).state).values).toEqual({
      title: { v: { type: 'plain_text_input', value: 'x' } },
      severity: { v: { type: 'static_select', selected_option: severity[1] } },
      lead: { v: { type: 'users_select', selected_user: 'U0ALICE' } },
      helpers: { v: { type: 'multi_users_select', selected_users: ['U0BOB', 'U0CAROL'] } },
    });
    expect(emu.view(viewId)?.open).toBe(true);
    await expect(driver.submitView({ userId: 'U0FRANK', viewId, values: { nope: 'x' } })).rejects.toThrow(/no input block nope/);
    await expect(driver.submitView({ userId: 'U0FRANK', viewId, values: { severity: 'sev9' } })).rejects.toThrow(/no option with value "sev9"/);

    bot.responder = () => ({ status: 200, body: '' });
    await driver.submitView({ userId: 'U0FRANK', viewId, values: { title: 'Database down' } });
    expect(emu.view(viewId)?.open).toBe(false);
  });

  it('clicks a button inside a modal', async () => {
    const opened = await client.views.open({
      trigger_id: emu.issueTrigger('U0ALICE'),
      view: { type: 'modal', title: { type: 'plain_text', text: 'Roles' }, blocks: [{ type: 'actions', elements: [button('add_role', 'lead')] }] },
    });
    const viewId = String(rec(opened.view).id);
    await driver.clickButton({ userId: 'U0ALICE', actionId: 'add_role', viewId });
    const payload = rec(bot.last().parsed);
    expect(payload).toMatchObject({ container: { type: 'view', view_id: viewId }, view: { id: viewId } });
    expect(payload.response_url).toBeUndefined();
  });

  it('sends a message shortcut for a message a person posted', async () => {
    const ts = await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'Root cause found' });
    expect(bot.requests).toHaveLength(0);
    await driver.messageShortcut({ userId: 'U0ALICE', channelId: 'C0GENERAL', messageTs: ts, callbackId: 'add_to_timeline' });
    expect(rec(bot.last().parsed)).toMatchObject({
      type: 'message_action',
      callback_id: 'add_to_timeline',
      message_ts: ts,
      message: { type: 'message', user: 'U0BOB', text: 'Root cause found', ts },
      channel: { id: 'C0GENERAL', name: 'general' },
    });
  });

  it('sends reaction_added, and a retry with the same event_id and retry headers', async () => {
    const ts = await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'Important', sendEvent: true });
    expect(rec(rec(bot.last().parsed).event)).toMatchObject({ type: 'message', user: 'U0BOB', text: 'Important', channel_type: 'channel' });
    const first = await driver.reactionAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts, reaction: 'pushpin' });
    const firstBody = bot.last().rawBody;
    expect(bot.last().headers['content-type']).toBe('application/json');
    expect(rec(bot.last().parsed)).toMatchObject({
      type: 'event_callback',
      event_id: first.eventId,
      event: { type: 'reaction_added', user: 'U0ALICE', reaction: 'pushpin', item_user: 'U0BOB', item: { type: 'message', channel: 'C0GENERAL', ts } },
    });
    await driver.reactionAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts, reaction: 'pushpin' }, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect(bot.last().rawBody).toBe(firstBody);
    expect(bot.last().headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(emu.messages('C0GENERAL').find((m) => m.ts === ts)?.reactions).toEqual([{ name: 'pushpin', users: ['U0ALICE'], count: 1 }]);
  });

  it('emits pin_added to the bot when the bot pins, and the driver sends a person’s pin', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'card to pin' });
    await client.pins.add({ channel: 'C0GENERAL', timestamp: String(posted.ts) });
    await emu.flushEvents();
    const emitted = rec(bot.last().parsed);
    expect(bot.last().signatureValid).toBe(true);
    expect(emitted).toMatchObject({ type: 'event_callback', event: { type: 'pin_added', user: 'U0BOT', channel_id: 'C0GENERAL', item: { message: { ts: posted.ts } } } });
    expect(emu.emittedEvents().slice(-1)[0]?.status).toBe(200);

    const ts = await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'pin me' });
    await driver.pinAdded({ userId: 'U0CAROL', channelId: 'C0GENERAL', ts });
    expect(rec(bot.last().parsed)).toMatchObject({ event: { type: 'pin_added', user: 'U0CAROL', item_user: 'U0BOB', pinned_info: { pinned_by: 'U0CAROL' } } });
    expect(emu.pins('C0GENERAL').map((p) => p.ts)).toContain(ts);
  });

  it('sends app_home_opened and url_verification', async () => {
    await driver.appHomeOpened('U0DAVE');
    expect(rec(bot.last().parsed)).toMatchObject({ event: { type: 'app_home_opened', user: 'U0DAVE', tab: 'home' } });
    bot.responder = (req) => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ challenge: rec(req.parsed).challenge }) });
    const res = await driver.urlVerification('abc123');
    expect(res.json).toEqual({ challenge: 'abc123' });
    expect(rec(bot.last().parsed)).toMatchObject({ type: 'url_verification', challenge: 'abc123' });
  });
});
