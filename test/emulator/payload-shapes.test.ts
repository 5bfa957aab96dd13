/**
 * Every payload the driver builds carries the keys of Slack's own example payloads (in
 * ../shared/slack/payloads, beside the repository), and the driver signs Slack's request-signing
 * test vector to the expected signature. Runs only where that folder exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebClient } from '@slack/web-api';
import { SlackDriver, slackSignature, type SlackEmulator } from '../../src/emulator';
import { RecordingBot, rec, SIGNING_SECRET, startEmulator } from './helpers';

const PAYLOADS = resolve(__dirname, '../../../shared/slack/payloads');
const describeShared = existsSync(PAYLOADS) ? describe : describe.skip;

/**
 * Keys Slack sends only to apps installed in an Enterprise Grid org; the emulated workspace is a
 * plain workspace, so they are left out (Slack leaves them out too).
 */
const ENTERPRISE_ONLY = ['enterprise_id', 'enterprise_name'];

function reference(file: string): Record<string, unknown> {
  const text = readFileSync(resolve(PAYLOADS, file), 'utf8');
  return file.endsWith('.form.txt') ? Object.fromEntries(new URLSearchParams(text.trim())) : rec(JSON.parse(text));
}

/** Keys of `expected` that `actual` lacks, apart from the allowed omissions. */
function missingKeys(expected: unknown, actual: unknown, omitted: string[] = []): string[] {
  const have = new Set(Object.keys(rec(actual)));
  return Object.keys(rec(expected)).filter((k) => !have.has(k) && !omitted.includes(k));
}

function at(value: unknown, ...path: Array<string | number>): unknown {
  let current: unknown = value;
  for (const key of path) {
    current = Array.isArray(current) && typeof key === 'number' ? current[key] : rec(current)[String(key)];
  }
  return current;
}

describeShared('driver payloads against Slack’s examples', () => {
  let emu: SlackEmulator;
  let client: WebClient;
  let bot: RecordingBot;
  let driver: SlackDriver;
  let humanTs: string;

  beforeAll(async () => {
    bot = new RecordingBot();
    await bot.start();
    ({ emu, client } = await startEmulator());
    driver = new SlackDriver(emu, { botUrl: bot.url, signingSecret: SIGNING_SECRET });
    humanTs = await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'Root cause found' });
  });
  afterAll(async () => {
    await emu.stop();
    await bot.stop();
  });

  it('slash command form fields', async () => {
    await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'help' });
    const sent = bot.last().parsed;
    for (const file of ['slash_command.form.txt', 'slash_command.bolt-python.form.txt']) {
      expect(missingKeys(reference(file), sent, ENTERPRISE_ONLY)).toEqual([]);
    }
  });

  it('block_actions (ephemeral button)', async () => {
    const button = { type: 'button' as const, action_id: 'a', value: 'click_me_123', text: { type: 'plain_text' as const, text: 'Button' } };
    await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 't', blocks: [{ type: 'actions', block_id: 'b', elements: [button] }] });
    await driver.clickButton({ userId: 'U0ALICE', actionId: 'a', channelId: 'C0GENERAL' });
    const sent = bot.last().parsed;
    const ref = reference('block_actions.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    for (const key of ['user', 'container', 'channel']) expect(missingKeys(ref[key], at(sent, key))).toEqual([]);
    expect(missingKeys(ref.team, at(sent, 'team'), ENTERPRISE_ONLY)).toEqual([]);
    expect(missingKeys(at(ref, 'actions', 0), at(sent, 'actions', 0))).toEqual([]);
    // Interactivity travels as one form field, `payload`, as in block_actions.form.txt.
    const formKeys = (body: string) => [...new URLSearchParams(body.trim()).keys()];
    expect(formKeys(bot.last().rawBody)).toEqual(formKeys(readFileSync(resolve(PAYLOADS, 'block_actions.form.txt'), 'utf8')));
  });

  it('view_submission', async () => {
    const opened = await client.views.open({
      trigger_id: emu.issueTrigger('U0ALICE'),
      view: {
        type: 'modal',
        callback_id: 'view-id',
        private_metadata: 'This is for you!',
        title: { type: 'plain_text', text: 'My App' },
        submit: { type: 'plain_text', text: 'Submit' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [{ type: 'input', block_id: 'hspI', label: { type: 'plain_text', text: 'Label' }, element: { type: 'plain_text_input', action_id: 'maBWU' } }],
      },
    });
    await driver.submitView({ userId: 'U0ALICE', viewId: String(rec(opened.view).id), values: { hspI: 'test' } });
    const sent = bot.last().parsed;
    const ref = reference('view_submission.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    expect(missingKeys(ref.user, at(sent, 'user'))).toEqual([]);
    expect(missingKeys(ref.view, at(sent, 'view'))).toEqual([]);
    expect(at(sent, 'view', 'state')).toEqual(at(ref, 'view', 'state'));
  });

  it('message_action (message shortcut)', async () => {
    await driver.messageShortcut({ userId: 'U0ALICE', channelId: 'C0GENERAL', messageTs: humanTs, callbackId: 'test-shortcut' });
    const sent = bot.last().parsed;
    const ref = reference('message_action.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    for (const key of ['user', 'channel', 'message']) expect(missingKeys(ref[key], at(sent, key))).toEqual([]);
    expect(missingKeys(ref.team, at(sent, 'team'), ENTERPRISE_ONLY)).toEqual([]);
  });

  it('event_callback wrapper and reaction_added', async () => {
    await driver.reactionAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts: humanTs, reaction: 'thumbsup' });
    const sent = bot.last().parsed;
    const ref = reference('event_reaction_added.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    expect(missingKeys(ref.event, at(sent, 'event'))).toEqual([]);
    expect(missingKeys(at(ref, 'event', 'item'), at(sent, 'event', 'item'))).toEqual([]);
    expect(missingKeys(at(ref, 'authorizations', 0), at(sent, 'authorizations', 0))).toEqual([]);
  });

  it('pin_added', async () => {
    await driver.pinAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts: humanTs });
    const sent = bot.last().parsed;
    const ref = reference('event_pin_added.composite.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    for (const path of [['event'], ['event', 'item'], ['event', 'item', 'message'], ['event', 'pinned_info']]) {
      expect({ path, missing: missingKeys(at(ref, ...path), at(sent, ...path)) }).toEqual({ path, missing: [] });
    }
  });

  it('message event', async () => {
    await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'Live long', sendEvent: true });
    const sent = bot.last().parsed;
    const ref = reference('event_message_channels.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    expect(missingKeys(ref.event, at(sent, 'event'))).toEqual([]);
  });

  it('app_home_opened with the published Home tab', async () => {
    await client.views.publish({ user_id: 'U0CAROL', view: { type: 'home', blocks: [] } });
    await driver.appHomeOpened('U0CAROL');
    const sent = bot.last().parsed;
    const ref = reference('event_app_home_opened.json');
    expect(missingKeys(ref, sent)).toEqual([]);
    expect(missingKeys(ref.event, at(sent, 'event'))).toEqual([]);
    expect(missingKeys(at(ref, 'event', 'view'), at(sent, 'event', 'view'))).toEqual([]);
  });

  it('url_verification', async () => {
    await driver.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(missingKeys(reference('url_verification.json'), bot.last().parsed)).toEqual([]);
  });

  it('signs Slack’s test vector to the expected signature', async () => {
    const vector = reference('signing_test_vector.json');
    const headers = rec(vector.headers);
    const expected = String(headers['X-Slack-Signature']);
    const timestamp = String(headers['X-Slack-Request-Timestamp']);
    expect(slackSignature(String(vector.signing_secret), timestamp, String(vector.body))).toBe(expected);

    const vectorDriver = new SlackDriver(emu, { botUrl: bot.url, signingSecret: String(vector.signing_secret) });
    await vectorDriver.raw({ body: String(vector.body), contentType: 'application/x-www-form-urlencoded', timestamp: Number(timestamp) });
    expect(bot.last().headers['x-slack-signature']).toBe(expected);
    expect(bot.last().headers['x-slack-request-timestamp']).toBe(timestamp);
  });
});
