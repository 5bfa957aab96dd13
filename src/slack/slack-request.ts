/**
 * What counts as a Slack request on POST /slack/events, decided before Bolt parses the body. Bolt
 * reads fields of whatever JSON it parsed without checking that it is an object, so a signed `null`,
 * number or array threw outside any handler and took the process down. This mirrors Bolt's parsing
 * (a form only with exactly `application/x-www-form-urlencoded`, its `payload` field holding JSON,
 * anything else read as JSON) and accepts only the shapes Bolt dispatches on, with objects wherever
 * Bolt dereferences one. The kind is Bolt's too (src/slack/request-kind.ts).
 */
import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';

export type SlackRequestCheck =
  | { ok: true; body: Record<string, unknown> }
  /** Slack's SSL check (a form with ssl_check=1): unsigned by design; Bolt answers it. */
  | { ok: true; sslCheck: true }
  | { ok: false; reason: string };

const FORM = 'application/x-www-form-urlencoded';

const Obj = z.looseObject({});

/** Events API bodies (JSON). */
const EventsApi = z.union([
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  // Bolt reads event.channel, event.item.channel and event.type.
  z.looseObject({ type: z.literal('event_callback'), event: z.looseObject({ type: z.string(), item: Obj.optional() }) }),
  // Slack tells the app it is dropping events; nothing to dispatch, but it is Slack's.
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

/** Slash commands (form fields). */
const Command = z.looseObject({ command: z.string(), text: z.string().optional(), trigger_id: z.string().optional() });

const INTERACTION_TYPES = [
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'message_action',
  'shortcut',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
] as const;

/** Interactivity (the JSON in a form's `payload`); Bolt reads channel.id and view's fields. */
const Interaction = z.looseObject({
  type: z.enum(INTERACTION_TYPES),
  channel: Obj.optional(),
  view: Obj.optional(),
  actions: z.array(z.unknown()).optional(),
});

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object of no known Slack shape' : `a ${typeof value}`;
}

/** Decides whether a (signature-checked) body is one Bolt can dispatch; `reason` is for the 400's body and the log. */
export function checkSlackRequest(contentType: string | undefined, raw: string): SlackRequestCheck {
  if (contentType === FORM) {
    const form = parseQuery(raw);
    if (form.ssl_check === '1') return { ok: true, sslCheck: true };
    if (form.payload !== undefined) {
      if (typeof form.payload !== 'string') return { ok: false, reason: 'the form has more than one payload field' };
      const payload = parseJson(form.payload);
      if (!payload.ok) return { ok: false, reason: 'the form field payload is not JSON' };
      // Checked, then handed on as parsed (not zod's copy): Bolt gets exactly what it would have parsed.
      return Interaction.safeParse(payload.value).success ? { ok: true, body: payload.value as Record<string, unknown> } : { ok: false, reason: `the form field payload is ${describe(payload.value)}` };
    }
    return Command.safeParse(form).success ? { ok: true, body: form } : { ok: false, reason: 'the form is neither a slash command nor an interaction payload' };
  }
  if (raw.length === 0) return { ok: false, reason: 'the body is empty' };
  const json = parseJson(raw);
  if (!json.ok) return { ok: false, reason: 'the body is not JSON (or not a form sent as application/x-www-form-urlencoded)' };
  return EventsApi.safeParse(json.value).success ? { ok: true, body: json.value as Record<string, unknown> } : { ok: false, reason: `the body is ${describe(json.value)}` };
}
