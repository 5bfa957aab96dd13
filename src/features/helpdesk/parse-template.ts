/**
 * Freshdesk and Gorgias have no fixed ticket event: an automation rule (Freshdesk) or an HTTP
 * integration (Gorgias) sends the JSON the admin writes, filled from placeholders. The bot defines
 * that JSON (the README gives it to paste, one per desk):
 *
 *   {"event": "…", "event_id": "…", "ticket_id": "…", "created_at": "…", "updated_at": "…",
 *    "subject": "…", "first_message": "…", "tags": "…", "channel": "…", "kind": "created|updated"}
 *
 * Only `ticket_id` is required. A value still holding `{{…}}` is a placeholder the desk did not
 * know: for `ticket_id` that is an error (the template is wrong), anywhere else the field counts
 * as absent. What kind of event it is: `kind` when given, else read from `event` (Gorgias's
 * `{{event.type}}` "ticket-created", Freshdesk's `{{triggered_event}}` naming "created"), else
 * an update. The de-duplication key: Gorgias's `{{event.id}}` when filled; else a new ticket is
 * `created:<ticket id>` (a ticket is created once), and an update `updated:<ticket id>:<updated_at>`
 * or, without that time (Freshdesk has no such placeholder), a digest of what changed (event,
 * tags, subject), so the same change delivered twice records once and a new change does not.
 * Times: ISO-8601 with a zone is taken as is; without a zone, Gorgias's are UTC (as its API
 * documents) and Freshdesk's are in the account's own zone, which the request does not say, so
 * the time of receipt stands in (a rule fires within seconds of the change).
 */
import { z } from 'zod';
import type { Helpdesk } from './desks';
import { htmlToText } from './html-text';
import { deskTime, digest, eventTime, type FieldRule, IdValue, idText, invalid, isUnfilledPlaceholder, type ParseResult, plainText, problemsFrom, sentValue, subjectOrOpening, tagList } from './parse-common';
import type { TicketEventKind } from './ticket-event';

export type TemplateDesk = Extract<Helpdesk, 'freshdesk' | 'gorgias'>;

const Text = z.union([z.string(), z.number()]).transform(String).nullish();

const Body = z.object({
  ticket_id: IdValue,
  event_id: IdValue.nullish(),
  event: Text,
  kind: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  subject: Text,
  first_message: Text,
  tags: z.unknown().optional(),
  channel: Text,
});

const RULES: Record<string, FieldRule> = {
  '': 'object',
  ticket_id: 'ticket_id',
  event_id: 'event_id',
  event: 'text',
  kind: 'text',
  created_at: 'iso_time',
  updated_at: 'iso_time',
  subject: 'text',
  first_message: 'text',
  channel: 'text',
};

function kindOf(kind: string | null | undefined, event: string): TicketEventKind {
  const explicit = plainText(kind).toLowerCase();
  if (explicit === 'created' || explicit === 'updated') return explicit;
  if (/message/i.test(event)) return 'updated';
  return /created/i.test(event) ? 'created' : 'updated';
}

export function parseTemplate(desk: TemplateDesk, body: unknown, receivedAt: Date): ParseResult {
  const parsed = Body.safeParse(body, { reportInput: true });
  if (!parsed.success) return invalid(problemsFrom(parsed.error, RULES));
  const data = parsed.data;
  const rawTicketId = String(data.ticket_id);
  if (isUnfilledPlaceholder(rawTicketId)) return invalid([{ field: 'ticket_id', rule: 'unfilled_placeholder', got: sentValue(data.ticket_id) }]);
  const ticketId = idText(data.ticket_id);
  if (ticketId === null) return invalid([{ field: 'ticket_id', rule: 'ticket_id', got: sentValue(data.ticket_id) }]);
  const tags = tagList(data.tags);
  if (tags === null) return invalid([{ field: 'tags', rule: 'tag_list', got: sentValue(data.tags) }]);

  const zoneless = desk === 'gorgias' ? 'utc' : 'unknown';
  const createdAt = deskTime(data.created_at, zoneless);
  const updatedAt = deskTime(data.updated_at, zoneless);
  const event = plainText(data.event);
  const kind = kindOf(data.kind, event);
  const firstMessage = htmlToText(plainText(data.first_message));
  const subject = subjectOrOpening(htmlToText(plainText(data.subject)), firstMessage);
  const deskEventId = idText(data.event_id);
  const eventId =
    deskEventId ??
    (kind === 'created' ? `created:${ticketId}` : updatedAt !== null ? `updated:${ticketId}:${updatedAt}` : `updated:${ticketId}:${digest([event, tags.join(','), subject])}`);
  return {
    status: 'event',
    event: {
      desk,
      kind,
      eventId,
      ticketId,
      ...eventTime(kind === 'created' ? createdAt : updatedAt, receivedAt),
      ticketCreatedAt: createdAt,
      subject,
      firstMessage,
      tags,
      channel: plainText(data.channel) || null,
    },
  };
}
