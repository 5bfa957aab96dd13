/**
 * The shapes the emulator keeps in memory and hands to tests: users, channels, messages,
 * ephemerals, views, files, recorded calls and response_url posts.
 */
import type { JsonObject } from './json';

export interface EmulatedUser {
  id: string;
  name: string;
  real_name: string;
  is_bot: boolean;
  email?: string;
  tz: string;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  created: number;
  creator: string;
  members: Set<string>;
  is_archived: boolean;
  is_private: boolean;
  is_im: boolean;
  /** For an IM (`D…`): the human on the other side. */
  imUser?: string;
}

export interface EmulatedReaction {
  name: string;
  users: string[];
  count: number;
}

export interface EmulatedFileRef {
  id: string;
  name: string;
  title: string;
}

export interface EmulatedMessage {
  type: 'message';
  channel: string;
  ts: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  edited?: { user: string; ts: string };
  client_msg_id?: string;
  files?: EmulatedFileRef[];
  reactions: EmulatedReaction[];
  metadata?: unknown;
}

export interface EmulatedEphemeral {
  channel: string;
  /** The one person who sees it. */
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  source: 'chat.postEphemeral' | 'response_url' | 'ack';
}

export interface EmulatedPin {
  channel: string;
  ts: string;
  pinned_by: string;
  pinned_at: number;
}

/** A view as Slack stores it; `payload` is the full view object sent in interaction payloads. */
export interface EmulatedView {
  id: string;
  /** The user who sees it (modal opener or Home tab owner). */
  user: string;
  open: boolean;
  payload: JsonObject;
}

export interface EmulatedFile {
  id: string;
  filename: string;
  title: string;
  length: number;
  content?: Buffer;
  channelId?: string;
  completed: boolean;
}

export interface FileSummary {
  id: string;
  filename: string;
  title: string;
  content: string;
  channelId: string | undefined;
}

export interface EmulatedBookmark {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  type: string;
  emoji?: string;
  date_created: number;
}

export interface RecordedCall {
  method: string;
  args: JsonObject;
  at: Date;
  ok: boolean;
  error?: string;
  status: number;
  /** Real time (performance.now(), ms) the request arrived and was answered, latency included. */
  receivedMs: number;
  answeredMs: number;
  /** The round the call was answered in, when the emulator answers in rounds (SlackEmulator.answerInRounds). */
  round?: number;
}

/** Where a response_url leads: the conversation and person of the interaction that issued it. */
export interface ResponseUrlContext {
  channelId: string;
  userId: string;
  messageTs?: string;
  isEphemeral?: boolean;
}

export interface RecordedResponse {
  id: string;
  url: string;
  body: JsonObject;
  at: Date;
  status: number;
  context: ResponseUrlContext;
}

export interface EmittedEvent {
  body: JsonObject;
  status: number;
  error?: string;
}
