/**
 * What a debug log may say about a Web API call. At LOG_LEVEL=debug the Slack client logs every
 * request body and result; those carry people's words (a private crisis's title, impact, notes,
 * statements, in messages, DMs, topics, modals and the history it reads back). They are logged
 * with every string masked except the keys that only identify or describe (ids, timestamps, types,
 * `ok` and Slack's error codes), so a log still shows which call did what to which channel, and
 * never what anyone wrote. Numbers and booleans are kept.
 */

/** Keys whose string values are ids, codes or Block Kit structure, never people's words. */
const KEPT_KEYS: ReadonlySet<string> = new Set([
  'ok',
  'error',
  'warning',
  'needed',
  'provided',
  'channel',
  'channel_id',
  'ts',
  'thread_ts',
  'message_ts',
  'timestamp',
  'latest',
  'oldest',
  'id',
  'user',
  'users',
  'user_id',
  'team',
  'team_id',
  'bot_id',
  'app_id',
  'view_id',
  'external_id',
  'callback_id',
  'trigger_id',
  'hash',
  'type',
  'subtype',
  'block_id',
  'action_id',
  'style',
  'file',
  'file_id',
  'creator',
  'cursor',
  'next_cursor',
  'response_metadata',
]);

function mask(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && KEPT_KEYS.has(key)) return value;
    return value.length === 0 ? value : `[${value.length} chars masked]`;
  }
  if (Array.isArray(value)) {
    // Slack's own error details (response_metadata.messages) are codes and pointers, kept.
    if (key === 'messages' && value.every((v) => typeof v === 'string')) return value;
    return value.map((v) => mask(v, undefined));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mask(v, k);
    return out;
  }
  return value;
}

const PAYLOAD_LINE = /^(http request body: |http request result: )([\s\S]*)$/;

/**
 * The Slack client's debug line with its payload masked; other lines as they are. A payload that
 * is not JSON is left out whole.
 */
export function maskPayloadLine(line: string): string {
  const match = PAYLOAD_LINE.exec(line);
  if (!match) return line;
  const [, prefix = '', payload = ''] = match;
  try {
    return `${prefix}${JSON.stringify(mask(JSON.parse(payload), undefined))}`;
  } catch {
    return `${prefix}[${payload.length} chars masked]`;
  }
}
