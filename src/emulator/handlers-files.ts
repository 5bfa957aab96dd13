/**
 * The v2 file upload flow (files.getUploadURLExternal → POST to the upload URL →
 * files.completeUploadExternal, which shares the file into a channel as a message) and
 * bookmarks.add.
 */
import { argString, botMessage, fail, requireBotMember, type ApiHandler } from './api-context';
import { isObject, str } from './json';
import type { EmulatedFileRef } from './types';

const getUploadURLExternal: ApiHandler = (ctx, args) => {
  const length = Number(argString(args, 'length'));
  if (!Number.isInteger(length) || length < 0) {
    fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] length must be a non-negative integer'] } });
  }
  const id = ctx.state.nextId('F');
  const filename = argString(args, 'filename');
  ctx.state.files.set(id, { id, filename, title: filename, length, completed: false });
  return { upload_url: `${ctx.baseUrl()}upload/${id}`, file_id: id };
};

const completeUploadExternal: ApiHandler = (ctx, args) => {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => isObject(f) && typeof f.id === 'string')) {
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] files must be a list of {id, title}'] } });
  }
  const stored = files.map((f) => {
    const file = ctx.state.files.get(str(f, 'id') ?? '');
    if (!file || file.content === undefined) return fail('file_not_found');
    return { file, title: str(f, 'title') };
  });
  // `channel_id` is a channel; `channels` may also name users, which means each one's DM (Slack's docs).
  const channelId = argString(args, 'channel_id');
  const channelRef = channelId || argString(args, 'channels').split(',')[0] || '';
  const channel = channelRef ? ctx.state.resolveChannel(channelRef, !channelId) : undefined;
  if (channelRef && !channel) fail('channel_not_found');
  if (channel) requireBotMember(ctx, channel);
  const refs: EmulatedFileRef[] = [];
  for (const { file, title } of stored) {
    if (title) file.title = title;
    file.completed = true;
    if (channel) file.channelId = channel.id;
    refs.push({ id: file.id, name: file.filename, title: file.title });
  }
  if (channel) {
    const threadTs = argString(args, 'thread_ts') || undefined;
    const message = botMessage(ctx, channel.id, { text: argString(args, 'initial_comment') }, threadTs);
    message.files = refs;
    ctx.state.channelMessages(channel.id).push(message);
  }
  return { files: refs.map((r) => ({ id: r.id, title: r.title })) };
};

const bookmarksAdd: ApiHandler = (ctx, args) => {
  const channel = ctx.state.resolveChannel(argString(args, 'channel_id'));
  // Slack does not show a channel the app cannot see, so a channel without the bot is "not found".
  if (!channel || !channel.members.has(ctx.state.botUserId)) fail('channel_not_found');
  const type = argString(args, 'type');
  if (type !== 'link') fail('invalid_bookmark_type');
  const link = argString(args, 'link');
  if (!/^https?:\/\/\S+$/.test(link)) fail('invalid_link');
  const bookmark = {
    id: ctx.state.nextId('Bk'),
    channel_id: channel.id,
    title: argString(args, 'title'),
    link,
    type,
    ...(argString(args, 'emoji') ? { emoji: argString(args, 'emoji') } : {}),
    date_created: ctx.state.nowSeconds(),
  };
  const list = ctx.state.bookmarks.get(channel.id) ?? [];
  list.push(bookmark);
  ctx.state.bookmarks.set(channel.id, list);
  return {
    bookmark: { ...bookmark, icon_url: null, entity_id: null, date_updated: 0, rank: 'g', last_updated_by_user_id: ctx.state.botUserId },
  };
};

export const FILE_HANDLERS = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'bookmarks.add': bookmarksAdd,
} satisfies Record<string, ApiHandler>;
