/**
 * Plays the people in the workspace: sends the bot signed requests exactly as Slack would for a
 * slash command, a button click, a checkbox tick, a modal submission, a message shortcut, a
 * reaction, a pin, a Home tab visit, or any raw body (for signature and timestamp tests).
 * Interactions are built from what the emulator holds, so a click on a button the bot never
 * rendered fails loudly.
 */
import { randomUUID } from 'node:crypto';
import { messageObject } from './api-context';
import { appHomeOpenedEvent, eventCallback, messageEvent, newEventId, pinAddedEvent, reactionAddedEvent } from './event-payloads';
import { blockActionsPayload, channelRef, escapeTyped, teamRef, userRef } from './driver-payloads';
import { applyViewResponse, findInteraction } from './driver-targets';
import { elementOptions, richText, viewStateValues, type SubmittedValue } from './interaction-payloads';
import { clone, isObject, type JsonObject } from './json';
import { sendSigned, type SendResult } from './signing';
import { APP_ID, TEAM_DOMAIN, VERIFICATION_TOKEN } from './state';
import type { SlackEmulator } from './slack-emulator';
import type { EmulatedMessage } from './types';

export interface SlackDriverOptions {
  /** The bot's `/slack/events` URL. */
  botUrl: string;
  signingSecret: string;
  /** Clock for signature timestamps; real time by default (Bolt rejects requests over 5 minutes old). */
  now?: () => Date;
}

/** A Slack retry reuses the event_id and adds X-Slack-Retry-Num / X-Slack-Retry-Reason. */
export interface EventSendOptions {
  retryNum?: number;
  retryReason?: string;
  eventId?: string;
}

export type EventSendResult = SendResult & { eventId: string };

export class SlackDriver {
  private readonly now: () => Date;
  private readonly sentEvents = new Map<string, JsonObject>();

  constructor(
    private readonly emulator: SlackEmulator,
    private readonly opts: SlackDriverOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** A slash command; `text` is what the person typed, sent escaped as Slack does (escapeTyped). */
  async slashCommand(input: {
    userId: string;
    channelId: string;
    text: string;
    command?: string;
    signatureOverride?: string;
    timestampOverride?: number | string;
  }): Promise<SendResult> {
    const user = this.requireUser(input.userId);
    const channel = this.requireChannel(input.channelId);
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.state.teamId,
      team_domain: TEAM_DOMAIN,
      channel_id: channel.id,
      channel_name: channel.is_im ? 'directmessage' : channel.name,
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? '/crisis',
      text: escapeTyped(input.text),
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: this.emulator.issueResponseUrl({ channelId: channel.id, userId: user.id }),
      trigger_id: this.emulator.issueTrigger(user.id),
    });
    const result = await this.raw({
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      ...(input.timestampOverride !== undefined ? { timestamp: input.timestampOverride } : {}),
      ...(input.signatureOverride !== undefined ? { signature: input.signatureOverride } : {}),
    });
    this.showAck(result, channel.id, user.id);
    return result;
  }

  /** Slack shows a command's ack body to the person as an ephemeral message; so does the emulator. */
  private showAck(result: SendResult, channelId: string, userId: string): void {
    if (result.status !== 200 || !isObject(result.json)) return;
    const text = typeof result.json.text === 'string' ? result.json.text : '';
    const blocks = Array.isArray(result.json.blocks) ? result.json.blocks : undefined;
    if (!text && !blocks) return;
    this.state.ephemerals.push({ channel: channelId, user: userId, ts: this.state.nextTs(), text, ...(blocks ? { blocks } : {}), source: 'ack' });
  }

  async clickButton(input: {
    userId: string;
    actionId: string;
    messageTs?: string;
    channelId?: string;
    viewId?: string;
    value?: string;
  }): Promise<SendResult> {
    this.requireUser(input.userId);
    const target = findInteraction(this.emulator, { ...input, elementType: 'button' });
    const { element, blockId } = target.found;
    const action: JsonObject = { type: 'button', action_id: input.actionId, block_id: blockId, text: element.text };
    if (element.value !== undefined) action.value = element.value;
    if (element.style !== undefined) action.style = element.style;
    return this.sendPayload(blockActionsPayload(this.emulator, input.userId, target, { ...action, action_ts: this.state.nextTs() }, {}));
  }

  /** Ticks checkboxes (in a message, or in a view such as the Home tab): `selectedValues` is the full new selection of that element. */
  async checkbox(input: {
    userId: string;
    channelId?: string;
    messageTs?: string;
    viewId?: string;
    actionId: string;
    selectedValues: string[];
  }): Promise<SendResult> {
    this.requireUser(input.userId);
    const target = findInteraction(this.emulator, { ...input, elementType: 'checkboxes' });
    const { element, blockId } = target.found;
    const options = elementOptions(element);
    const selected = input.selectedValues.map((v) => {
      const option = options.find((o) => o.value === v);
      if (!option) throw new Error(`SlackDriver.checkbox: ${input.actionId} has no option "${v}"`);
      return option;
    });
    const action = { type: 'checkboxes', action_id: input.actionId, block_id: blockId, selected_options: selected, action_ts: this.state.nextTs() };
    const values = { [blockId]: { [input.actionId]: { type: 'checkboxes', selected_options: selected } } };
    return this.sendPayload(blockActionsPayload(this.emulator, input.userId, target, action, values));
  }

  /** Submits a modal; applies the bot's response_action (update, push, clear) or closes it. */
  async submitView(input: { userId: string; viewId: string; values: Record<string, SubmittedValue> }): Promise<SendResult> {
    const user = this.requireUser(input.userId);
    const stored = this.emulator.view(input.viewId);
    if (!stored || !stored.open) throw new Error(`SlackDriver.submitView: no open view ${input.viewId}`);
    const view = { ...clone(stored.payload), state: { values: viewStateValues(stored.payload, input.values) } };
    const payload = {
      type: 'view_submission',
      team: teamRef(this.state),
      user: userRef(this.state, user.id),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      trigger_id: this.emulator.issueTrigger(user.id),
      view,
      response_urls: [],
      enterprise: null,
      is_enterprise_install: false,
    };
    const result = await this.sendPayload(payload);
    if (result.status === 200) applyViewResponse(this.emulator, stored, result.json);
    return result;
  }

  async messageShortcut(input: { userId: string; channelId: string; messageTs: string; callbackId: string }): Promise<SendResult> {
    const user = this.requireUser(input.userId);
    const channel = this.requireChannel(input.channelId);
    const message = this.state.findMessage(channel.id, input.messageTs);
    if (!message) throw new Error(`SlackDriver.messageShortcut: no message ${input.messageTs} in ${channel.id}`);
    return this.sendPayload({
      type: 'message_action',
      token: VERIFICATION_TOKEN,
      action_ts: this.state.nextTs(),
      team: teamRef(this.state),
      user: userRef(this.state, user.id),
      channel: channelRef(this.state, channel.id),
      callback_id: input.callbackId,
      trigger_id: this.emulator.issueTrigger(user.id),
      message_ts: message.ts,
      message: { type: 'message', ...messageObject(message) },
      response_url: this.emulator.issueResponseUrl({ channelId: channel.id, userId: user.id }),
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  /**
   * A person posts a message (its text escaped as Slack stores it: see escapeTyped); no event
   * reaches the bot unless `sendEvent` is set. Returns its ts.
   */
  async userPostsMessage(input: { userId: string; channelId: string; text: string; threadTs?: string; sendEvent?: boolean }): Promise<string> {
    const user = this.requireUser(input.userId);
    const channel = this.requireChannel(input.channelId);
    const message: EmulatedMessage = {
      type: 'message',
      channel: channel.id,
      ts: this.state.nextTs(),
      user: user.id,
      team: this.state.teamId,
      text: escapeTyped(input.text),
      client_msg_id: randomUUID(),
      blocks: [richText(input.text)],
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      reactions: [],
    };
    this.state.channelMessages(channel.id).push(message);
    if (input.sendEvent) await this.sendEvent(messageEvent(this.state, message));
    return message.ts;
  }

  async reactionAdded(input: { userId: string; channelId: string; ts: string; reaction: string }, opts: EventSendOptions = {}): Promise<EventSendResult> {
    this.requireUser(input.userId);
    const message = this.requireMessage(input.channelId, input.ts);
    const existing = message.reactions.find((r) => r.name === input.reaction);
    if (!existing) message.reactions.push({ name: input.reaction, users: [input.userId], count: 1 });
    else if (!existing.users.includes(input.userId)) {
      existing.users.push(input.userId);
      existing.count += 1;
    }
    return this.sendEvent(reactionAddedEvent(this.state, message, input.userId, input.reaction), opts);
  }

  async pinAdded(input: { userId: string; channelId: string; ts: string }, opts: EventSendOptions = {}): Promise<EventSendResult> {
    this.requireUser(input.userId);
    const message = this.requireMessage(input.channelId, input.ts);
    const pins = this.state.pinsOf(input.channelId);
    const pinnedAt = this.state.nowSeconds();
    if (!pins.some((p) => p.ts === input.ts)) pins.push({ channel: input.channelId, ts: input.ts, pinned_by: input.userId, pinned_at: pinnedAt });
    return this.sendEvent(pinAddedEvent(this.state, message, input.userId, pinnedAt), opts);
  }

  async appHomeOpened(userId: string, opts: EventSendOptions = {}): Promise<EventSendResult> {
    this.requireUser(userId);
    return this.sendEvent(appHomeOpenedEvent(this.state, userId), opts);
  }

  /** Wraps `event` in an event_callback; with `eventId` of an earlier send, resends that exact body. */
  async sendEvent(event: JsonObject, opts: EventSendOptions = {}): Promise<EventSendResult> {
    const previous = opts.eventId ? this.sentEvents.get(opts.eventId) : undefined;
    const body = previous ?? eventCallback(this.state, event, opts.eventId ?? newEventId(this.state));
    const eventId = String(body.event_id);
    this.sentEvents.set(eventId, body);
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers['X-Slack-Retry-Num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['X-Slack-Retry-Reason'] = opts.retryReason;
    const result = await this.raw({ body: JSON.stringify(body), contentType: 'application/json', headers });
    return { ...result, eventId };
  }

  async urlVerification(challenge: string): Promise<SendResult> {
    const body = { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
    return this.raw({ body: JSON.stringify(body), contentType: 'application/json' });
  }

  /** Any body, signed unless `signature` is given (`false` omits the header; likewise `timestamp`). */
  async raw(input: {
    path?: string;
    body: string;
    contentType: string;
    timestamp?: number | string | false;
    signature?: string | false;
    headers?: Record<string, string>;
  }): Promise<SendResult> {
    return sendSigned({
      url: input.path ? new URL(input.path, this.opts.botUrl).toString() : this.opts.botUrl,
      body: input.body,
      contentType: input.contentType,
      signingSecret: this.opts.signingSecret,
      timestamp: input.timestamp !== undefined ? input.timestamp : Math.floor(this.now().getTime() / 1000),
      ...(input.signature !== undefined ? { signature: input.signature } : {}),
      ...(input.headers ? { headers: input.headers } : {}),
    });
  }

  // --- payload pieces --------------------------------------------------------------------------

  private get state() {
    return this.emulator.state;
  }

  private sendPayload(payload: JsonObject): Promise<SendResult> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.raw({ body, contentType: 'application/x-www-form-urlencoded' });
  }

  private requireUser(userId: string) {
    const user = this.state.users.get(userId);
    if (!user) throw new Error(`SlackDriver: no user ${userId} in the emulator`);
    return user;
  }

  private requireChannel(channelId: string) {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`SlackDriver: no channel ${channelId} in the emulator`);
    return channel;
  }

  private requireMessage(channelId: string, ts: string): EmulatedMessage {
    const message = this.state.findMessage(channelId, ts);
    if (!message) throw new Error(`SlackDriver: no message ${ts} in ${channelId}`);
    return message;
  }
}
