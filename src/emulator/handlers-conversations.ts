/**
 * conversations.* handlers: create (Slack's name rules, name_taken across archived channels too),
 * invite (per-user errors, already_in_channel), topic and purpose, join, archive, info and members.
 */
import {
  argString,
  channelArg,
  conversationObject,
  fail,
  messageObject,
  requireBotMember,
  requireNotArchived,
  type ApiHandler,
} from './api-context';
import { charCount, type JsonObject } from './json';
import type { EmulatedChannel } from './types';

export const MAX_CHANNEL_NAME = 80;
const MAX_TOPIC = 250;

/** Slack's checks on a new channel name, in the order it reports them. */
export function channelNameError(name: string): string | undefined {
  if (name.length === 0) return 'invalid_name_required';
  if (charCount(name) > MAX_CHANNEL_NAME) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

const create: ApiHandler = (ctx, args) => {
  const name = argString(args, 'name');
  const nameError = channelNameError(name);
  if (nameError) fail(nameError);
  if (ctx.state.channelByName(name)) fail('name_taken');
  const isPrivate = args.is_private === true || args.is_private === 'true';
  const bot = ctx.state.botUserId;
  const channel = ctx.state.addChannel({ name, creator: bot, members: [bot], isPrivate });
  return { channel: conversationObject(channel, bot) };
};

function requireRealChannel(channel: EmulatedChannel): void {
  if (channel.is_im) fail('method_not_supported_for_channel_type');
}

const invite: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireRealChannel(channel);
  requireNotArchived(channel);
  requireBotMember(ctx, channel);
  const ids = argString(args, 'users')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  if (ids.length === 0) fail('no_user');
  const errors: JsonObject[] = [];
  const toAdd: string[] = [];
  for (const user of ids) {
    if (user === ctx.state.botUserId) errors.push({ user, ok: false, error: 'cant_invite_self' });
    else if (!ctx.state.users.has(user)) errors.push({ user, ok: false, error: 'user_not_found' });
    else if (!channel.members.has(user)) toAdd.push(user);
  }
  const firstError = errors[0];
  if (firstError) fail(String(firstError.error), { errors });
  if (toAdd.length === 0) fail('already_in_channel');
  for (const user of toAdd) channel.members.add(user);
  return { channel: conversationObject(channel, ctx.state.botUserId) };
};

function setField(field: 'topic' | 'purpose'): ApiHandler {
  return (ctx, args) => {
    const channel = channelArg(ctx, args);
    requireNotArchived(channel);
    requireBotMember(ctx, channel);
    const value = argString(args, field);
    if (charCount(value) > MAX_TOPIC) fail('too_long');
    channel[field] = { value, creator: ctx.state.botUserId, last_set: ctx.state.nowSeconds() };
    // Slack's docs show setTopic answering with the conversation and setPurpose with only ok.
    return field === 'topic' ? { channel: conversationObject(channel, ctx.state.botUserId) } : {};
  };
}

const join: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireRealChannel(channel);
  requireNotArchived(channel);
  const bot = ctx.state.botUserId;
  const already = channel.members.has(bot);
  channel.members.add(bot);
  const result: JsonObject = { channel: conversationObject(channel, bot) };
  if (already) {
    result.warning = 'already_in_channel';
    result.response_metadata = { warnings: ['already_in_channel'] };
  }
  return result;
};

const archive: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireRealChannel(channel);
  if (channel.is_archived) fail('already_archived');
  if (channel.id === 'C0GENERAL') fail('cant_archive_general');
  requireBotMember(ctx, channel);
  channel.is_archived = true;
  return {};
};

const info: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  return { channel: conversationObject(channel, ctx.state.botUserId) };
};

/** At most this many members a page, as Slack caps `limit`. */
const MAX_MEMBERS_PAGE = 1000;

/**
 * One page of a conversation's members; the cursor is the offset, opaque to the caller as Slack's
 * is. A private channel the bot is not in is `channel_not_found`, as Slack answers.
 */
const members: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  if (channel.is_private && !channel.members.has(ctx.state.botUserId)) fail('channel_not_found');
  const rawLimit = argString(args, 'limit');
  const limit = rawLimit === '' ? 100 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MEMBERS_PAGE) fail('invalid_limit');
  const cursor = argString(args, 'cursor');
  const offset = cursor === '' ? 0 : Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) fail('invalid_cursor');
  const all = [...channel.members];
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { members: page, response_metadata: { next_cursor: next } };
};

const TS = /^\d+(\.\d+)?$/;

/** Newest first, between oldest and latest; `inclusive` keeps messages exactly at the bounds. */
const history: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireBotMember(ctx, channel);
  const latest = argString(args, 'latest');
  const oldest = argString(args, 'oldest');
  if (latest && !TS.test(latest)) fail('invalid_ts_latest');
  if (oldest && !TS.test(oldest)) fail('invalid_ts_oldest');
  const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
  const limit = Math.min(Math.max(Number(argString(args, 'limit') || 100), 1), 999);
  const inRange = (ts: number): boolean =>
    (!latest || (inclusive ? ts <= Number(latest) : ts < Number(latest))) && (!oldest || (inclusive ? ts >= Number(oldest) : ts > Number(oldest)));
  const all = ctx.state
    .channelMessages(channel.id)
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .filter((m) => inRange(Number(m.ts)))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  return { messages: all.slice(0, limit).map(messageObject), has_more: all.length > limit };
};

/** The thread of `ts` (a parent or any reply in it): the parent first, then replies oldest first. */
const replies: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireBotMember(ctx, channel);
  const messages = ctx.state.channelMessages(channel.id);
  const target = messages.find((m) => m.ts === argString(args, 'ts'));
  if (!target) fail('thread_not_found');
  const root = target.thread_ts ?? target.ts;
  const thread = messages.filter((m) => m.ts === root || m.thread_ts === root).sort((a, b) => Number(a.ts) - Number(b.ts));
  return { messages: thread.map(messageObject), has_more: false };
};

export const CONVERSATION_HANDLERS = {
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.setTopic': setField('topic'),
  'conversations.setPurpose': setField('purpose'),
  'conversations.join': join,
  'conversations.archive': archive,
  'conversations.info': info,
  'conversations.members': members,
} satisfies Record<string, ApiHandler>;
