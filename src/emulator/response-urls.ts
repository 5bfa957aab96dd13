/**
 * What a POST to a response_url does in Slack: an ephemeral reply to the person by default, a
 * channel message with `response_type: 'in_channel'`, or replacing / deleting the message the
 * interaction came from (`replace_original` / `delete_original`).
 */
import { BOT_ID, APP_ID, type EmulatorState } from './state';
import { checkMessageBlocks } from './block-limits';
import { str, type JsonObject } from './json';
import type { ResponseUrlContext } from './types';

export interface ResponseUrlReply {
  status: number;
  body: JsonObject;
}

export function applyResponseUrlPost(state: EmulatorState, context: ResponseUrlContext, body: JsonObject): ResponseUrlReply {
  const text = str(body, 'text') ?? '';
  const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
  if (blocks) {
    const problems = checkMessageBlocks(blocks);
    if (problems.length > 0) return { status: 400, body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } } };
  }
  const { channelId, userId, messageTs } = context;
  if (body.delete_original === true && messageTs) {
    deleteOriginal(state, channelId, messageTs, userId);
    return { status: 200, body: { ok: true } };
  }
  if (!text && !blocks) return { status: 400, body: { ok: false, error: 'no_text' } };
  if (body.replace_original === true && messageTs) {
    const found = state.findAnyMessage(channelId, messageTs, userId);
    if (!found) return { status: 404, body: { ok: false, error: 'message_not_found' } };
    found.message.text = text;
    if (blocks) found.message.blocks = blocks;
    else delete found.message.blocks;
    if (found.kind === 'message' && 'reactions' in found.message) {
      found.message.edited = { user: state.botUserId, ts: state.nextTs() };
    }
    return { status: 200, body: { ok: true } };
  }
  const threadTs = str(body, 'thread_ts');
  if (str(body, 'response_type') === 'in_channel') {
    state.channelMessages(channelId).push({
      type: 'message',
      channel: channelId,
      ts: state.nextTs(),
      user: state.botUserId,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: state.teamId,
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      reactions: [],
    });
  } else {
    state.ephemerals.push({
      channel: channelId,
      user: userId,
      ts: state.nextTs(),
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      source: 'response_url',
    });
  }
  return { status: 200, body: { ok: true } };
}

function deleteOriginal(state: EmulatorState, channelId: string, ts: string, viewer: string): void {
  const list = state.messages.get(channelId);
  const index = list?.findIndex((m) => m.ts === ts) ?? -1;
  if (list && index >= 0) {
    list.splice(index, 1);
    return;
  }
  const eIndex = state.ephemerals.findIndex((e) => e.channel === channelId && e.ts === ts && e.user === viewer);
  if (eIndex >= 0) state.ephemerals.splice(eIndex, 1);
}
