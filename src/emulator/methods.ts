/**
 * The Web API methods the emulator answers: their required arguments (as @slack/web-api's request
 * types declare them) and every error code each can return. A test checks this table against
 * Slack's own method docs (test/emulator/methods-spec.test.ts); handlers may only fail with codes
 * listed here, which the dispatcher enforces at run time.
 */
import { isObject, type JsonObject } from './json';

export type RequiredArg =
  | { kind: 'arg'; name: string; missingError?: string }
  | { kind: 'oneOf'; names: readonly string[]; missingError?: string };

export interface MethodSpec {
  required: readonly RequiredArg[];
  /** Method-specific codes; GENERAL_ERRORS may come from any method. */
  errors: readonly string[];
}

const arg = (name: string, missingError?: string): RequiredArg => ({ kind: 'arg', name, missingError });
const oneOf = (names: readonly string[], missingError?: string): RequiredArg => ({ kind: 'oneOf', names, missingError });

const MESSAGE_CONTENT = ['text', 'blocks', 'attachments', 'markdown_text'] as const;
const BLOCK_ERRORS = ['invalid_blocks', 'invalid_blocks_format'] as const;

export const METHOD_SPECS = {
  'auth.test': { required: [], errors: [] },
  'conversations.create': {
    required: [arg('name', 'invalid_name_required')],
    errors: ['invalid_name_required', 'invalid_name_maxlength', 'invalid_name_punctuation', 'invalid_name_specials', 'name_taken'],
  },
  'conversations.invite': {
    required: [arg('channel'), arg('users', 'no_user')],
    errors: [
      'channel_not_found', 'is_archived', 'not_in_channel', 'method_not_supported_for_channel_type',
      'no_user', 'user_not_found', 'cant_invite_self', 'already_in_channel',
    ],
  },
  'conversations.setTopic': {
    required: [arg('channel'), arg('topic')],
    errors: ['channel_not_found', 'is_archived', 'not_in_channel', 'too_long'],
  },
  'conversations.setPurpose': {
    required: [arg('channel'), arg('purpose')],
    errors: ['channel_not_found', 'is_archived', 'not_in_channel', 'too_long'],
  },
  'conversations.join': {
    required: [arg('channel')],
    errors: ['channel_not_found', 'is_archived', 'method_not_supported_for_channel_type'],
  },
  'conversations.archive': {
    required: [arg('channel')],
    errors: ['channel_not_found', 'already_archived', 'cant_archive_general', 'not_in_channel', 'method_not_supported_for_channel_type'],
  },
  'conversations.info': { required: [arg('channel')], errors: ['channel_not_found'] },
  'conversations.members': {
    required: [arg('channel')],
    errors: ['channel_not_found', 'fetch_members_failed', 'invalid_cursor', 'invalid_limit', 'method_not_supported_for_channel_type'],
  },
  'conversations.history': { required: [arg('channel')], errors: ['channel_not_found', 'not_in_channel', 'invalid_ts_latest', 'invalid_ts_oldest'] },
  'conversations.replies': { required: [arg('channel'), arg('ts', 'thread_not_found')], errors: ['channel_not_found', 'not_in_channel', 'thread_not_found'] },
  'chat.postMessage': {
    required: [arg('channel'), oneOf(MESSAGE_CONTENT, 'no_text')],
    errors: ['channel_not_found', 'is_archived', 'not_in_channel', 'no_text', 'msg_too_long', ...BLOCK_ERRORS],
  },
  'chat.postEphemeral': {
    required: [arg('channel'), arg('user'), oneOf(MESSAGE_CONTENT, 'no_text')],
    errors: ['channel_not_found', 'is_archived', 'not_in_channel', 'user_not_in_channel', 'no_text', 'msg_too_long', ...BLOCK_ERRORS],
  },
  'chat.update': {
    required: [arg('channel'), arg('ts', 'message_not_found'), oneOf(MESSAGE_CONTENT, 'no_text')],
    errors: ['channel_not_found', 'message_not_found', 'cant_update_message', 'no_text', 'msg_too_long', ...BLOCK_ERRORS],
  },
  'chat.getPermalink': {
    required: [arg('channel'), arg('message_ts', 'message_not_found')],
    errors: ['channel_not_found', 'message_not_found'],
  },
  'pins.add': {
    required: [arg('channel'), arg('timestamp', 'no_item_specified')],
    errors: ['channel_not_found', 'not_in_channel', 'message_not_found', 'already_pinned', 'no_item_specified'],
  },
  'reactions.add': {
    required: [arg('channel'), arg('timestamp', 'no_item_specified'), arg('name', 'invalid_name')],
    errors: ['channel_not_found', 'is_archived', 'message_not_found', 'already_reacted', 'invalid_name', 'no_item_specified'],
  },
  'views.open': {
    required: [arg('view'), oneOf(['trigger_id', 'interactivity_pointer'])],
    errors: ['invalid_trigger_id', 'expired_trigger_id', 'exchanged_trigger_id', 'duplicate_external_id', 'view_too_large'],
  },
  'views.update': {
    required: [arg('view'), oneOf(['view_id', 'external_id'])],
    errors: ['not_found', 'hash_conflict', 'duplicate_external_id', 'view_too_large'],
  },
  'views.publish': {
    required: [arg('user_id'), arg('view')],
    errors: ['hash_conflict', 'view_too_large'],
  },
  'users.info': { required: [arg('user', 'user_not_found')], errors: ['user_not_found'] },
  'files.getUploadURLExternal': { required: [arg('filename'), arg('length')], errors: [] },
  'files.completeUploadExternal': {
    required: [arg('files')],
    errors: ['file_not_found', 'channel_not_found', 'not_in_channel'],
  },
  'bookmarks.add': {
    required: [arg('channel_id'), arg('title'), arg('type'), arg('link')],
    errors: ['channel_not_found', 'invalid_bookmark_type', 'invalid_link'],
  },
} as const satisfies Record<string, MethodSpec>;

export type MethodName = keyof typeof METHOD_SPECS;

/**
 * Real Slack methods that the shared copy of Slack's docs (methods-summary.json) does not include;
 * their required arguments and error codes follow docs.slack.dev.
 */
export const EXTRA_METHODS: ReadonlySet<string> = new Set(['conversations.info', 'conversations.members', 'conversations.history', 'conversations.replies', 'chat.getPermalink']);

/** Codes any method can return, about the request rather than the method. */
export const GENERAL_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth', 'not_authed', 'ratelimited', 'invalid_arguments', 'unknown_method', 'invalid_form_data',
]);

/**
 * Codes real Slack returns that the shared docs copy does not list for that method. chat.postMessage
 * answers `msg_too_long` for text over 40,000 characters (seen in practice and in older docs), though
 * the current docs list it only for chat.update and chat.postEphemeral.
 */
export const UNDOCUMENTED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  'chat.postMessage': ['msg_too_long'],
};

export function isMethodName(method: string): method is MethodName {
  return Object.prototype.hasOwnProperty.call(METHOD_SPECS, method);
}

export function methodErrors(method: MethodName): ReadonlySet<string> {
  return new Set<string>([...METHOD_SPECS[method].errors, ...GENERAL_ERRORS]);
}

/** Present as Slack sees it: an empty string or an empty list counts as missing. */
export function hasArg(args: JsonObject, name: string): boolean {
  const value = args[name];
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !(isObject(value) && Object.keys(value).length === 0 && name !== 'view');
}

/** The first missing required argument, as Slack reports it, or undefined when all are there. */
export function missingArgument(method: MethodName, args: JsonObject): { error: string; message: string } | undefined {
  for (const req of METHOD_SPECS[method].required as readonly RequiredArg[]) {
    if (req.kind === 'arg' && !hasArg(args, req.name)) {
      const fallback = req.name === 'channel' || req.name === 'channel_id' ? 'channel_not_found' : 'invalid_arguments';
      return { error: req.missingError ?? fallback, message: `[ERROR] missing required field: ${req.name}` };
    }
    if (req.kind === 'oneOf' && !req.names.some((n) => hasArg(args, n))) {
      return { error: req.missingError ?? 'invalid_arguments', message: `[ERROR] one of ${req.names.join(', ')} is required` };
    }
  }
  return undefined;
}
