/**
 * A Slack request's idempotency key: Slack's own id for it (event_id, the action's action_ts, the
 * view's id and hash, the command's trigger_id), which a retry carries again. Read with the schema
 * of the request's kind only, not tried against every kind. A `/crisis` command's text is parsed
 * here once, and the parse is kept in the request's context for the command listener
 * (parsedCommandIn), so no request parses its text twice.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isReadOnlyCommand, parseCommand, type ParseResult } from './commands/parse-command';
import type { RequestKind } from '../metrics';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 16);
}

const KEYED: Partial<Record<RequestKind, z.ZodType<string>>> = {
  event: z.object({ type: z.literal('event_callback'), event_id: z.string() }).transform((b) => `event:${b.event_id}`),
  action: z.object({ type: z.literal('block_actions'), user: z.object({ id: z.string() }), actions: z.array(z.object({ action_ts: z.string() })).min(1) }).transform((b) => `action:${b.user.id}:${b.actions[0]?.action_ts}`),
  // A modal answered with field errors keeps its id and hash, so the corrected resubmission is told
  // apart from a retry by what was typed.
  view: z.object({ type: z.literal('view_submission'), view: z.object({ id: z.string(), hash: z.string(), state: z.unknown().optional() }) }).transform((b) => `view:${b.view.id}:${b.view.hash}:${digest(b.view.state)}`),
  shortcut: z.object({ type: z.literal('message_action'), action_ts: z.string(), user: z.object({ id: z.string() }) }).transform((b) => `shortcut:${b.user.id}:${b.action_ts}`),
};

const PARSED = Symbol('crisis command parse');

type WithParse = { [PARSED]?: ParseResult };

/** The parse the request guard made of this request's `/crisis` text, if it made one. */
export function parsedCommandIn(context: object): ParseResult | undefined {
  return (context as WithParse)[PARSED];
}

/**
 * The key of `body` (of kind `kind`), or undefined when it has none or needs none: a read-only
 * command (help, list, …) is idempotent, so its ack skips the database write. For a command, the
 * parse of its text is left in `context`.
 */
export function requestKey(body: unknown, kind: RequestKind, context: object = {}): string | undefined {
  if (kind === 'command') {
    const b = body as { text?: unknown; trigger_id?: unknown };
    if (typeof b.trigger_id !== 'string') return undefined;
    const parsed = parseCommand(typeof b.text === 'string' ? b.text : '');
    (context as WithParse)[PARSED] = parsed;
    return !parsed.ok || isReadOnlyCommand(parsed.command.kind) ? undefined : `command:${b.trigger_id}`;
  }
  const schema = KEYED[kind];
  const parsed = schema?.safeParse(body);
  return parsed?.success ? parsed.data : undefined;
}
