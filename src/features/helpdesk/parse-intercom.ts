/**
 * Intercom's webhook notifications, shaped as its docs show (Webhooks → Webhook models): a
 * `notification_event` with `topic`, `id` ("notif_…", unique per notification: the
 * de-duplication key), `created_at` (unix seconds) and `data.item`, here a conversation with its
 * `tags` (`{type: "tag.list", tags: [{type: "tag", id, name}]}`) and its first message: `source`
 * since API 2.0 (`{subject, body, delivered_as, type}`), `conversation_message` before.
 * - `conversation.user.created`: a customer wrote in, a new ticket.
 * - `conversation.user.replied`, `conversation.admin.*` (replied, noted, assigned, closed, opened,
 *   snoozed, unsnoozed) and `conversation_part.tag.created`: an update, carrying the conversation
 *   with its tags as they are now (how a conversation tagged later joins a crisis).
 * - `conversation.admin.single.created`: an agent started it, not a customer: ignored, as are
 *   `ping` (sent when a webhook is saved) and topics about users, contacts or companies.
 * Chats have no subject: the conversation's title, else its opening words, stand in.
 */
import { z } from 'zod';
import { htmlToText } from './html-text';
import { eventTime, type FieldRule, IdValue, idText, invalid, type ParseResult, plainText, problemsFrom, sentValue, subjectOrOpening, tagList, unixTime } from './parse-common';

const CREATED_TOPIC = 'conversation.user.created';
const UPDATE_TOPICS = new Set([
  'conversation.user.replied',
  'conversation.admin.replied',
  'conversation.admin.noted',
  'conversation.admin.assigned',
  'conversation.admin.open.assigned',
  'conversation.admin.closed',
  'conversation.admin.opened',
  'conversation.admin.snoozed',
  'conversation.admin.unsnoozed',
  'conversation_part.tag.created',
]);
const AGENT_TOPICS = new Set(['conversation.admin.single.created']);

const UnixSeconds = z.number().int().positive();

const Envelope = z.object({
  type: z.literal('notification_event'),
  topic: z.string().min(1).max(200),
});

const Message = z.object({
  type: z.string().nullish(),
  subject: z.string().nullish(),
  body: z.string().nullish(),
});

const Notification = z.object({
  id: z.string().trim().min(1).max(200),
  created_at: UnixSeconds.nullish(),
  data: z.object({
    item: z.object({
      type: z.literal('conversation'),
      id: IdValue,
      created_at: UnixSeconds,
      title: z.string().nullish(),
      source: Message.nullish(),
      conversation_message: Message.nullish(),
      tags: z.object({ tags: z.array(z.object({ name: z.string() })) }).nullish(),
    }),
  }),
});

const RULES: Record<string, FieldRule> = {
  '': 'object',
  type: 'event_type',
  topic: 'event_type',
  id: 'event_id',
  created_at: 'unix_time',
  data: 'object',
  'data.item': 'conversation',
  'data.item.type': 'conversation',
  'data.item.id': 'ticket_id',
  'data.item.created_at': 'unix_time',
  'data.item.title': 'text',
  'data.item.source': 'object',
  'data.item.conversation_message': 'object',
  'data.item.tags': 'tag_list',
  'data.item.tags.tags': 'tag_list',
};

export function parseIntercom(body: unknown, receivedAt: Date): ParseResult {
  // Intercom's test notification is not a conversation: answer it before asking for one.
  if (typeof body === 'object' && body !== null && (body as { topic?: unknown }).topic === 'ping') return { status: 'ignored', reason: { code: 'ping' } };
  const envelope = Envelope.safeParse(body, { reportInput: true });
  if (!envelope.success) return invalid(problemsFrom(envelope.error, RULES));
  const { topic } = envelope.data;
  if (AGENT_TOPICS.has(topic)) return { status: 'ignored', reason: { code: 'agent_initiated', type: topic } };
  if (topic !== CREATED_TOPIC && !UPDATE_TOPICS.has(topic)) return { status: 'ignored', reason: { code: 'not_a_ticket_event', type: topic } };

  const parsed = Notification.safeParse(body, { reportInput: true });
  if (!parsed.success) return invalid(problemsFrom(parsed.error, RULES, 'conversation'));
  const { id, created_at: notifiedAt, data } = parsed.data;
  const item = data.item;
  const ticketId = idText(item.id);
  if (ticketId === null) return invalid([{ field: 'data.item.id', rule: 'ticket_id', got: sentValue(item.id) }]);
  const message = item.source ?? item.conversation_message ?? null;
  const firstMessage = htmlToText(message?.body ?? '');
  const subject = plainText(message?.subject ? htmlToText(message.subject) : '') || plainText(item.title);
  const ticketCreatedAt = unixTime(item.created_at);
  const kind = topic === CREATED_TOPIC ? 'created' : 'updated';
  return {
    status: 'event',
    event: {
      desk: 'intercom',
      kind,
      eventId: id,
      ticketId,
      // The notification's time is when the event happened; a new conversation's is its creation.
      ...eventTime(notifiedAt ? unixTime(notifiedAt) : kind === 'created' ? ticketCreatedAt : null, receivedAt),
      ticketCreatedAt,
      subject: subjectOrOpening(subject, firstMessage),
      firstMessage,
      tags: tagList(item.tags?.tags ?? []) ?? [],
      channel: plainText(message?.type) || null,
    },
  };
}
