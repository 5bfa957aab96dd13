/**
 * A help desk's request body to a ticket event: JSON first (any bytes get an answer), then the
 * desk's own shape. Pure: the time of receipt is passed in (it stands in where a desk gives none).
 */
import type { Helpdesk } from './desks';
import { invalid, type ParseResult } from './parse-common';
import { parseIntercom } from './parse-intercom';
import { parseTemplate } from './parse-template';
import { parseZendesk } from './parse-zendesk';

export type { IgnoredReason, ParseProblem, ParseResult } from './parse-common';

export function parseTicketEvent(desk: Helpdesk, body: unknown, receivedAt: Date): ParseResult {
  switch (desk) {
    case 'zendesk':
      return parseZendesk(body, receivedAt);
    case 'intercom':
      return parseIntercom(body, receivedAt);
    case 'freshdesk':
    case 'gorgias':
      return parseTemplate(desk, body, receivedAt);
  }
}

/** The raw body (already within 64 KiB and verified) to an outcome; not JSON is a problem, not a throw. */
export function parseHelpdeskBody(desk: Helpdesk, raw: Buffer, receivedAt: Date): ParseResult {
  let json: unknown;
  try {
    // A byte-order mark is not JSON, but some senders put one in front.
    json = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return invalid([{ field: 'body', rule: 'json', got: { kind: raw.length === 0 ? 'nothing' : 'long_string' } }]);
  }
  return parseTicketEvent(desk, json, receivedAt);
}
