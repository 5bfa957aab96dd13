/**
 * Zendesk's event webhooks, shaped as its developer docs show (Webhooks → Event types → Ticket
 * events): `{type: "zen:event-type:ticket.created", id, time, subject: "zen:ticket:<id>",
 * detail: {id, subject, description, tags, via: {channel}, created_at, updated_at, …}, event: {…}}`.
 * Every ticket event carries the whole ticket in `detail`, so a ticket tagged after it came in
 * (`ticket.tags_changed`) is seen with its new tags. `ticket.created` is a new ticket; the other
 * ticket events are updates, but for deletions, merges and spam, which count nothing new; events
 * about users, organisations or articles are not tickets. The event's `id` is Zendesk's own, unique
 * per event: the de-duplication key. `detail.description` is the ticket's first comment.
 */
import { z } from 'zod';
import { htmlToText } from './html-text';
import { deskTime, eventTime, type FieldRule, IdValue, idText, invalid, type ParseResult, plainText, problemsFrom, sentValue, subjectOrOpening, tagList } from './parse-common';

const TICKET_EVENT_PREFIX = 'zen:event-type:ticket.';
/** Ticket events after which there is no ticket to count anew. */
const GONE = new Set(['soft_deleted', 'permanently_deleted', 'marked_as_spam', 'merged']);

const Envelope = z.object({ type: z.string().min(1).max(200) });

const Event = z.object({
  type: z.string(),
  id: z.string().trim().min(1).max(200),
  time: z.string(),
  detail: z.object({
    id: IdValue,
    subject: z.string().nullish(),
    description: z.string().nullish(),
    tags: z.array(z.string()).nullish(),
    via: z.object({ channel: z.string().nullish() }).nullish(),
    created_at: z.string().nullish(),
  }),
});

const RULES: Record<string, FieldRule> = {
  '': 'object',
  type: 'event_type',
  id: 'event_id',
  time: 'iso_time',
  detail: 'object',
  'detail.id': 'ticket_id',
  'detail.subject': 'text',
  'detail.description': 'text',
  'detail.tags': 'tag_list',
  'detail.via': 'object',
  'detail.via.channel': 'text',
  'detail.created_at': 'iso_time',
};

export function parseZendesk(body: unknown, receivedAt: Date): ParseResult {
  const envelope = Envelope.safeParse(body, { reportInput: true });
  if (!envelope.success) return invalid(problemsFrom(envelope.error, RULES));
  const { type } = envelope.data;
  if (!type.startsWith(TICKET_EVENT_PREFIX)) return { status: 'ignored', reason: { code: 'not_a_ticket_event', type } };
  const name = type.slice(TICKET_EVENT_PREFIX.length);
  if (GONE.has(name)) return { status: 'ignored', reason: { code: 'ticket_gone', type } };

  const parsed = Event.safeParse(body, { reportInput: true });
  if (!parsed.success) return invalid(problemsFrom(parsed.error, RULES));
  const { id, time, detail } = parsed.data;
  const ticketId = idText(detail.id);
  if (ticketId === null) return invalid([{ field: 'detail.id', rule: 'ticket_id', got: sentValue(detail.id) }]);
  const sentAt = deskTime(time, 'unknown');
  if (sentAt === null) return invalid([{ field: 'time', rule: 'iso_time', got: sentValue(time) }]);
  const firstMessage = htmlToText(detail.description ?? '');
  return {
    status: 'event',
    event: {
      desk: 'zendesk',
      kind: name === 'created' ? 'created' : 'updated',
      eventId: id,
      ticketId,
      ...eventTime(sentAt, receivedAt),
      ticketCreatedAt: deskTime(detail.created_at, 'unknown'),
      subject: subjectOrOpening(plainText(detail.subject), firstMessage),
      firstMessage,
      tags: tagList(detail.tags ?? []) ?? [],
      channel: plainText(detail.via?.channel) || null,
    },
  };
}
