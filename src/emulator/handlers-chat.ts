/**
 * Message handlers: chat.postMessage (DMs by user ID into an IM `D…`), chat.postEphemeral,
 * chat.update, chat.getPermalink, pins.add (which also emits pin_added to the bot, as Slack does)
 * and reactions.add.
 */
import {
  argString,
  botMessage,
  channelArg,
  fail,
  messageContent,
  messageObject,
  permalink,
  requireBotMember,
  requireNotArchived,
  type ApiHandler,
} from './api-context';
import { pinAddedEvent } from './event-payloads';
import { BOT_ID } from './state';

/**
 * Real Slack lets an app with chat:write.public post in any public channel; the emulator requires
 * membership (not_in_channel) so a bot that forgets to join or invite itself is caught in tests.
 */
const postMessage: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args, 'channel', true);
  requireNotArchived(channel);
  requireBotMember(ctx, channel);
  const content = messageContent(args);
  const threadTs = argString(args, 'thread_ts') || undefined;
  const message = botMessage(ctx, channel.id, content, threadTs);
  ctx.state.channelMessages(channel.id).push(message);
  return { channel: channel.id, ts: message.ts, message: messageObject(message) };
};

const postEphemeral: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireNotArchived(channel);
  requireBotMember(ctx, channel);
  const user = argString(args, 'user');
  if (!channel.members.has(user)) fail('user_not_in_channel');
  const content = messageContent(args);
  const threadTs = argString(args, 'thread_ts') || undefined;
  const ts = ctx.state.nextTs();
  ctx.state.ephemerals.push({
    channel: channel.id,
    user,
    ts,
    text: content.text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    source: 'chat.postEphemeral',
  });
  return { message_ts: ts };
};

const update: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  const message = ctx.state.findMessage(channel.id, argString(args, 'ts'));
  if (!message) fail('message_not_found');
  if (message.user !== ctx.state.botUserId) fail('cant_update_message');
  const content = messageContent(args);
  message.text = content.text;
  // Slack keeps the old blocks when only text is sent, and drops them when blocks are sent anew.
  if (content.blocks) message.blocks = content.blocks;
  if (content.attachments) message.attachments = content.attachments;
  message.edited = { user: ctx.state.botUserId, ts: ctx.state.nextTs() };
  return {
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: { ...messageObject(message), bot_id: BOT_ID },
  };
};

const getPermalink: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  const ts = argString(args, 'message_ts');
  if (!ctx.state.findMessage(channel.id, ts)) fail('message_not_found');
  return { channel: channel.id, permalink: permalink(channel.id, ts) };
};

const pinsAdd: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireBotMember(ctx, channel);
  const ts = argString(args, 'timestamp');
  const message = ctx.state.findMessage(channel.id, ts);
  if (!message) fail('message_not_found');
  const pins = ctx.state.pinsOf(channel.id);
  if (pins.some((p) => p.ts === ts)) fail('already_pinned');
  const pinnedAt = ctx.state.nowSeconds();
  pins.push({ channel: channel.id, ts, pinned_by: ctx.state.botUserId, pinned_at: pinnedAt });
  ctx.emit(pinAddedEvent(ctx.state, message, ctx.state.botUserId, pinnedAt));
  return {};
};

/** Emoji names as Slack accepts them: no colons, optionally with a `::skin-tone-N` suffix. */
const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

const reactionsAdd: ApiHandler = (ctx, args) => {
  const channel = channelArg(ctx, args);
  requireNotArchived(channel);
  const name = argString(args, 'name');
  if (!EMOJI_NAME.test(name)) fail('invalid_name');
  const message = ctx.state.findMessage(channel.id, argString(args, 'timestamp'));
  if (!message) fail('message_not_found');
  const bot = ctx.state.botUserId;
  const existing = message.reactions.find((r) => r.name === name);
  if (existing?.users.includes(bot)) fail('already_reacted');
  if (existing) {
    existing.users.push(bot);
    existing.count += 1;
  } else {
    message.reactions.push({ name, users: [bot], count: 1 });
  }
  return {};
};

export const CHAT_HANDLERS = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.getPermalink': getPermalink,
  'pins.add': pinsAdd,
  'reactions.add': reactionsAdd,
} satisfies Record<string, ApiHandler>;
