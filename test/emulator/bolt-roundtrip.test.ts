/**
 * A real Bolt app in HTTP mode against the emulator and driver: proves the driver's requests pass
 * Bolt's signature check and parse as the payloads Bolt expects, and that Bolt's client, respond()
 * and ack() work against the emulator end to end.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import { SlackDriver, type SlackEmulator } from '../../src/emulator';
import { BOT_TOKEN, rec, SIGNING_SECRET, silentLogger, startEmulator } from './helpers';

describe('a Bolt app against the emulator', () => {
  let emu: SlackEmulator;
  let app: App;
  let driver: SlackDriver;
  const seen: { pins: string[]; retries: Array<number | undefined> } = { pins: [], retries: [] };

  beforeAll(async () => {
    ({ emu } = await startEmulator());
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      logger: silentLogger,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/crisis', async ({ ack, body, client, respond }) => {
      await ack();
      if (body.text === 'declare') {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'declare',
            private_metadata: body.channel_id,
            title: { type: 'plain_text', text: 'Declare a crisis' },
            submit: { type: 'plain_text', text: 'Declare' },
            blocks: [{ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value' } }],
          },
        });
      } else {
        await respond(`You said: ${body.text}`);
      }
    });
    app.view('declare', async ({ ack, view, client }) => {
      const title = view.state.values.title?.value?.value ?? '';
      if (title.length < 3) return ack({ response_action: 'errors', errors: { title: 'Too short' } });
      await ack();
      const posted = await client.chat.postMessage({
        channel: view.private_metadata,
        text: `Crisis: ${title}`,
        blocks: [{ type: 'actions', block_id: 'card', elements: [{ type: 'button', action_id: 'resolve', value: 'x', text: { type: 'plain_text', text: 'Resolve' } }] }],
      });
      if (posted.ts) await client.pins.add({ channel: view.private_metadata, timestamp: posted.ts });
    });
    app.action('resolve', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Resolved' });
    });
    app.event('pin_added', async ({ event }) => {
      seen.pins.push(event.user);
    });
    app.event('reaction_added', async ({ context }) => {
      seen.retries.push(context.retryNum);
    });
    const server = (await app.start(0)) as Server;
    const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    emu.setEventsUrl(botUrl);
    driver = new SlackDriver(emu, { botUrl, signingSecret: SIGNING_SECRET });
  });
  afterAll(async () => {
    await emu.stop();
    await app.stop();
  });

  it('answers a command through respond()', async () => {
    const res = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'hello' });
    expect(res.status).toBe(200);
    const reply = await emu.waitFor(() => emu.ephemerals('C0GENERAL', 'U0ALICE').find((e) => e.text === 'You said: hello'));
    expect(reply.source).toBe('response_url');
  });

  it('rejects a bad signature with 401', async () => {
    const res = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'hello', signatureOverride: 'v0=bad' });
    expect(res.status).toBe(401);
  });

  it('opens a modal, validates, submits, posts, pins, and handles a button', async () => {
    await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'declare' });
    const view = await emu.waitFor(() => emu.views().find((v) => v.payload.callback_id === 'declare' && v.open));
    const invalid = await driver.submitView({ userId: 'U0ALICE', viewId: view.id, values: { title: 'x' } });
    expect(invalid.json).toEqual({ response_action: 'errors', errors: { title: 'Too short' } });
    await driver.submitView({ userId: 'U0ALICE', viewId: view.id, values: { title: 'Database down' } });
    expect(emu.view(view.id)?.open).toBe(false);
    const card = await emu.waitFor(() => emu.messages('C0GENERAL').find((m) => m.text === 'Crisis: Database down'));
    // Slack tells the bot about its own pin; Bolt's ignoreSelf drops it before any listener.
    await emu.waitFor(() => emu.pins('C0GENERAL').some((p) => p.ts === card.ts));
    await emu.flushEvents();
    expect(emu.emittedEvents().map((e) => [rec(e.body.event).type, e.status])).toEqual([['pin_added', 200]]);
    expect(seen.pins).toEqual([]);

    await driver.clickButton({ userId: 'U0BOB', actionId: 'resolve', channelId: 'C0GENERAL', messageTs: card.ts });
    await emu.waitFor(() => emu.messages('C0GENERAL').find((m) => m.ts === card.ts && m.text === 'Resolved'));
  });

  it('passes event retries to Bolt as context.retryNum', async () => {
    const ts = await driver.userPostsMessage({ userId: 'U0BOB', channelId: 'C0GENERAL', text: 'note this' });
    const first = await driver.reactionAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts, reaction: 'pushpin' });
    await driver.reactionAdded({ userId: 'U0ALICE', channelId: 'C0GENERAL', ts, reaction: 'pushpin' }, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    await emu.waitFor(() => seen.retries.length === 2);
    expect(seen.retries).toEqual([undefined, 1]);
  });
});
