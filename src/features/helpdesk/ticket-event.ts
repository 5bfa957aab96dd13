/**
 * A help desk's ticket event, normalised, and what of it is kept.
 *
 * `TicketEvent` is what a parser makes of a request: it holds the customer's words (subject, first
 * message) only for as long as it takes to score them and to look for keywords in the subject.
 * `StoredTicketEvent` is what may be written anywhere: the ticket's id, times, tags, the sentiment
 * score and which of *our* keywords matched. It has no field that could hold the customer's words
 * or identity, and it is built field by field (never by spreading a TicketEvent), so a new field on
 * the event does not leak into storage unnoticed; the unit tests check both at compile time.
 */
import type { Helpdesk } from './desks';
import type { Keyword, KeywordMatcher } from './matching';
import { scoreSentiment, type SentimentScore } from './sentiment';

export type TicketEventKind = 'created' | 'updated';

export interface TicketEvent {
  desk: Helpdesk;
  /** A new ticket, or a change to one (a reply, a tag, a status). */
  kind: TicketEventKind;
  /**
   * For de-duplication, unique per desk: the desk's own event id where it has one (Zendesk's event
   * `id`, Intercom's notification `id`, Gorgias's `{{event.id}}`), else derived from the ticket id
   * and what happened (see the parsers).
   */
  eventId: string;
  ticketId: string;
  /** When the event happened (ISO-8601 UTC): the desk's time, or the time of receipt when it gives none. */
  occurredAt: string;
  /** Where `occurredAt` came from. */
  timeFrom: 'desk' | 'received';
  /** When the ticket was created, when the desk says (ISO-8601 UTC). */
  ticketCreatedAt: string | null;
  /** Plain text; for a chat with no subject, the opening words of its first message. */
  subject: string;
  /** Plain text, HTML stripped, at most MAX_MESSAGE_CHARS. */
  firstMessage: string;
  /** Normalised (lower case, no repeats). */
  tags: readonly string[];
  /** How the customer wrote in (email, web, chat…), as the desk names it; null when it does not say. */
  channel: string | null;
}

/** Which of our keywords a ticket's subject holds: keywords only, never the subject itself. */
export interface KeywordMatch {
  readonly keywords: readonly Keyword[];
}

/** What is kept of a ticket event: no customer words, no customer identity. */
export interface StoredTicketEvent {
  readonly desk: Helpdesk;
  readonly kind: TicketEventKind;
  readonly eventId: string;
  readonly ticketId: string;
  readonly occurredAt: string;
  readonly ticketCreatedAt: string | null;
  readonly tags: readonly string[];
  readonly sentiment: SentimentScore;
  readonly keywordMatch: KeywordMatch;
}

/**
 * Scores the event and matches its subject against `keywords` (every open crisis's and every
 * playbook's), then drops the words. This is the only way from a TicketEvent to what is stored.
 */
export function toStoredTicketEvent(event: TicketEvent, keywords: KeywordMatcher): StoredTicketEvent {
  return {
    desk: event.desk,
    kind: event.kind,
    eventId: event.eventId,
    ticketId: event.ticketId,
    occurredAt: event.occurredAt,
    ticketCreatedAt: event.ticketCreatedAt,
    tags: [...event.tags],
    sentiment: scoreSentiment(event.subject, event.firstMessage),
    keywordMatch: { keywords: keywords.match(event.subject) },
  };
}

/** When a ticket counts in time series: when it was created, where the desk says, else when it was first heard of. */
export function ticketTime(event: Pick<StoredTicketEvent, 'occurredAt' | 'ticketCreatedAt'>): string {
  return event.ticketCreatedAt ?? event.occurredAt;
}
