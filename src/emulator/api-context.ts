/**
 * What Web API handlers share: the context they run in, the error they throw to answer
 * `{ok:false,error}`, and the object shapes Slack returns for conversations and messages.
 */
import { randomBytes } from 'node:crypto';
import { checkMessageBlocks } from './block-limits';
import { charCount, isObject, type JsonObject } from './json';
import { APP_ID, BOT_ID, type EmulatorState } from './state';
import type { EmulatedChannel, EmulatedMessage } from './types';

export interface ApiContext {
  readonly state: EmulatorState;
  /** `http://127.0.0.1:PORT/` */
  baseUrl(): string;
  /** Sends an Events API callback to the bot, when an events URL is set. */
  emit(event: JsonObject): void;
}

export type ApiHandler = (ctx: ApiContext, args: JsonObject) => JsonObject;

export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: JsonObject = {},
  ) {
    super(code);
  }
}

export function fail(code: string, extra?: JsonObject): never {
  throw new SlackApiError(code, extra);
}

export const MAX_TEXT = 40000;

export function argString(args: JsonObject, name: string): string {
  const value = args[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** The channel named by `args[key]` (a user ID too, for posting into IMs), or `channel_not_found`. */
export function channelArg(ctx: ApiContext, args: JsonObject, key = 'channel', allowUserId = false): EmulatedChannel {
  const channel = ctx.state.resolveChannel(argString(args, key), allowUserId);
  return channel ?? fail('channel_not_found');
}

export function requireBotMember(ctx: ApiContext, channel: EmulatedChannel): void {
  if (!channel.members.has(ctx.state.botUserId)) fail('not_in_channel');
}

export function requireNotArchived(channel: EmulatedChannel): void {
  if (channel.is_archived) fail('is_archived');
}

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** text / blocks / attachments / markdown_text, checked against Slack's limits. */
export function messageContent(args: JsonObject): MessageContent {
  const text = argString(args, 'text') || argString(args, 'markdown_text');
  if (charCount(text) > MAX_TEXT) fail('msg_too_long');
  const content: MessageContent = { text };
  if (args.blocks !== undefined) {
    if (!Array.isArray(args.blocks)) fail('invalid_blocks_format');
    const problems = checkMessageBlocks(args.blocks);
    if (problems.length > 0) fail('invalid_blocks', { response_metadata: { messages: problems } });
    content.blocks = withBlockIds(args.blocks);
  }
  if (Array.isArray(args.attachments)) content.attachments = args.attachments;
  if (!text && !content.blocks?.length && !content.attachments?.length) fail('no_text');
  return content;
}

export function conversationObject(channel: EmulatedChannel, botUserId: string): JsonObject {
  return {
    id: channel.id,
    name: channel.is_im ? undefined : channel.name,
    is_channel: !channel.is_im && !channel.is_private,
    is_group: channel.is_private,
    is_im: channel.is_im,
    is_mpim: false,
    is_private: channel.is_private,
    created: channel.created,
    creator: channel.creator,
    is_archived: channel.is_archived,
    is_general: channel.id === 'C0GENERAL',
    unlinked: 0,
    name_normalized: channel.is_im ? undefined : channel.name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: false,
    is_member: channel.members.has(botUserId),
    user: channel.imUser,
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    previous_names: [],
    num_members: channel.members.size,
  };
}

export function messageObject(message: EmulatedMessage): JsonObject {
  const out: JsonObject = { ...message };
  delete out.channel;
  if (message.reactions.length === 0) delete out.reactions;
  return out;
}

/** A message the bot posts: user is the bot user, with its bot_id and app_id as Slack adds them. */
export function botMessage(ctx: ApiContext, channelId: string, content: MessageContent, threadTs?: string): EmulatedMessage {
  return {
    type: 'message',
    channel: channelId,
    ts: ctx.state.nextTs(),
    user: ctx.state.botUserId,
    bot_id: BOT_ID,
    app_id: APP_ID,
    team: ctx.state.teamId,
    text: content.text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    reactions: [],
  };
}

export function permalink(channelId: string, ts: string): string {
  return `https://emulated.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

/** Slack gives every block without a block_id a short random one, and echoes it in payloads. */
export function withBlockIds(blocks: unknown): unknown[] {
  if (!Array.isArray(blocks)) return [];
  const taken = new Set(blocks.map((b) => (isObject(b) ? b.block_id : undefined)).filter((id) => typeof id === 'string'));
  return blocks.map((block) => {
    if (!isObject(block) || typeof block.block_id === 'string') return block;
    let id: string;
    do id = randomBytes(3).toString('base64url').slice(0, 4);
    while (taken.has(id));
    taken.add(id);
    return { ...block, block_id: id };
  });
}
