/**
 * The words a help desk's admin reads in an answer from `POST /hooks/helpdesk/<name>` (the 401's
 * and 400's `error`, the 200's `ignored`), from the codes and facts the checks and parsers return.
 * The one place these sentences are written, as issue 18 asks of every feature's words.
 */
import { type Helpdesk, helpdeskSecretVariable, HELPDESK_LABELS } from './desks';
import type { FieldRule, IgnoredReason, ParseProblem, SentValue } from './parse-common';
import type { HeaderRule, HelpdeskRefusal } from './verify';

const HEADER_NAMES: Record<string, string> = {
  'x-zendesk-webhook-signature': 'X-Zendesk-Webhook-Signature',
  'x-zendesk-webhook-signature-timestamp': 'X-Zendesk-Webhook-Signature-Timestamp',
  'x-hub-signature': 'X-Hub-Signature',
  'x-crisis-token': 'X-Crisis-Token',
};

const HEADER_RULES: Record<HeaderRule, string> = {
  iso_time: 'an ISO-8601 time with a zone, as Zendesk sends it (e.g. 2026-12-07T10:15:00Z)',
  base64_sha256: 'a base64 HMAC-SHA256 (44 characters)',
  sha1_hex: 'sha1=<40 hex digits>',
  one_value: 'sent once',
};

function headerName(header: string): string {
  return HEADER_NAMES[header] ?? header;
}

/** The 401's `error`. */
export function refusalText(desk: Helpdesk, refusal: HelpdeskRefusal): string {
  const name = headerName(refusal.header);
  switch (refusal.code) {
    case 'missing_header':
      return `missing ${name}`;
    case 'malformed_header':
      return `${name} must be ${HEADER_RULES[refusal.rule]}`;
    case 'stale_timestamp':
      return `${name} is ${refusal.skewSeconds} seconds from now; at most ${refusal.maxSkewSeconds} are accepted`;
    case 'bad_signature':
      return `${name} does not match: check that ${helpdeskSecretVariable(desk)} is ${HELPDESK_LABELS[desk]}'s ${desk === 'intercom' ? "app client secret" : 'webhook signing secret'}`;
    case 'bad_token':
      return `${name} does not match ${helpdeskSecretVariable(desk)}`;
  }
}

const FIELD_RULES: Record<FieldRule, string> = {
  json: 'JSON',
  object: 'a JSON object',
  ticket_id: 'a ticket id (text or a whole number, 1 to 200 characters)',
  event_id: 'an event id (text, 1 to 200 characters)',
  event_type: 'the event type as text',
  text: 'text',
  iso_time: 'an ISO-8601 time with a zone',
  unix_time: 'a time in unix seconds',
  tag_list: 'a list of tags (a JSON array, or names separated by commas)',
  conversation: 'a conversation',
  unfilled_placeholder: 'filled in by the help desk',
};

export function sentText(got: SentValue): string {
  switch (got.kind) {
    case 'nothing':
      return 'nothing';
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'a boolean';
    case 'long_string':
      return 'a string too long to show';
    case 'number':
      return String(got.value);
    case 'string':
      return JSON.stringify(got.value);
  }
}

export function problemText(problem: ParseProblem): string {
  if (problem.rule === 'json') return problem.got.kind === 'nothing' ? 'the body is empty; a JSON object is expected' : 'the body is not valid JSON';
  if (problem.rule === 'unfilled_placeholder') {
    return `${problem.field} came as ${sentText(problem.got)}: the help desk did not fill that placeholder; check the template against the README`;
  }
  if (problem.got.kind === 'nothing') return `${problem.field} is required: ${FIELD_RULES[problem.rule]}`;
  return `${problem.field} must be ${FIELD_RULES[problem.rule]}, got ${sentText(problem.got)}`;
}

/** The 400's `error`: every problem, so the admin fixes them all at once. */
export function problemsText(problems: readonly ParseProblem[]): string {
  if (problems.length === 0) return 'the body is not as documented';
  return [...new Set(problems.map(problemText))].join('; ');
}

/** The 200's `ignored`: why nothing was counted. */
export function ignoredText(reason: IgnoredReason): string {
  switch (reason.code) {
    case 'ping':
      return 'ping received; nothing to count';
    case 'not_a_ticket_event':
      return `${reason.type} is not a ticket event; nothing counted`;
    case 'agent_initiated':
      return `${reason.type} is a conversation an agent started; only customers writing in are counted`;
    case 'ticket_gone':
      return `${reason.type}: nothing new to count`;
  }
}
