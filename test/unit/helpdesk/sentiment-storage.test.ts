/**
 * Sentiment of a ticket's subject and first message, and what is kept of a ticket: the score,
 * times, tags, ids and which of our keywords matched; never the customer's words or identity
 * (checked at compile time on the stored type, and on what is actually built).
 */
import { compileKeywords, parseKeywordList } from '../../../src/features/helpdesk/matching';
import { parseTicketEvent } from '../../../src/features/helpdesk/parse';
import { isNegative, scoreSentiment, sentimentFromStore } from '../../../src/features/helpdesk/sentiment';
import { type StoredTicketEvent, type TicketEvent, ticketTime, toStoredTicketEvent } from '../../../src/features/helpdesk/ticket-event';
import { fixture } from './fixtures';

describe('sentiment', () => {
  it('scores complaints below 0, thanks above, and the plain or empty at 0', () => {
    for (const [subject, message] of [
      ['Charged twice for my order', 'Nobody answers. This is unacceptable.'],
      ['App not working since update', ''],
      ['', "It doesn't work :("],
      ['Item arrived damaged', 'Really disappointed'],
    ] as const) {
      expect(isNegative(scoreSentiment(subject, message))).toBe(true);
    }
    expect(scoreSentiment('Thank you!', 'Great service, quick refund')).toBeGreaterThan(0);
    expect(scoreSentiment('Change of address', 'My new address is 2 Main St')).toBe(0);
    expect(scoreSentiment('', '')).toBe(0);
    expect(Object.is(scoreSentiment('', ''), -0)).toBe(false);
  });

  it('reads a negation: "not happy" is negative, where the word alone is positive', () => {
    expect(scoreSentiment('happy', '')).toBeGreaterThan(0);
    expect(scoreSentiment('not happy', '')).toBeLessThan(0);
  });

  it('stays within -5…5 at two decimals, and a stored value is checked on the way back', () => {
    const score = scoreSentiment('worst worst worst terrible awful', 'hate hate hate');
    expect(score).toBeGreaterThanOrEqual(-5);
    expect(Math.round(score * 100) / 100).toBe(score);
    expect(sentimentFromStore(-2.5)).toBe(-2.5);
    expect(sentimentFromStore(7)).toBeNull();
    expect(sentimentFromStore(Number.NaN)).toBeNull();
  });
});

/** Compile-time: the stored event has no field that could hold the customer's words or identity. */
type Forbidden = 'subject' | 'firstMessage' | 'channel' | 'email' | 'name' | 'requester' | 'body' | 'text';
type Leaks = Extract<keyof StoredTicketEvent, Forbidden>;
const noLeak: [Leaks] extends [never] ? true : false = true;
/** And the event a parser makes does hold them (so the check above means something). */
const eventHasWords: ['subject' | 'firstMessage'] extends [Extract<keyof TicketEvent, 'subject' | 'firstMessage'>] ? true : false = true;

describe('what is kept of a ticket event', () => {
  const keywords = parseKeywordList('charged twice, refund, recall');
  if (!keywords.ok) throw new Error('keywords');
  const matcher = compileKeywords(keywords.keywords);
  const received = new Date('2026-12-07T10:30:00Z');

  it('its ids, times, tags, score and our keywords found in its subject, and nothing else', () => {
    expect(noLeak && eventHasWords).toBe(true);
    const parsed = parseTicketEvent('zendesk', fixture('zendesk-ticket-created.json'), received);
    if (parsed.status !== 'event') throw new Error('event');
    const stored = toStoredTicketEvent(parsed.event, matcher);
    expect(Object.keys(stored).sort()).toEqual(['desk', 'eventId', 'keywordMatch', 'kind', 'occurredAt', 'sentiment', 'tags', 'ticketCreatedAt', 'ticketId']);
    expect(stored.keywordMatch).toEqual({ keywords: ['charged twice'] });
    expect(isNegative(stored.sentiment)).toBe(true);
    expect(ticketTime(stored)).toBe('2026-12-07T10:12:07.000Z');
  });

  it("holds none of the customer's words, whatever the desk", () => {
    for (const [desk, name] of [
      ['zendesk', 'zendesk-ticket-created.json'],
      ['intercom', 'intercom-conversation-user-created.json'],
      ['freshdesk', 'freshdesk-ticket-created.json'],
      ['gorgias', 'gorgias-ticket-created.json'],
    ] as const) {
      const parsed = parseTicketEvent(desk, fixture(name), received);
      if (parsed.status !== 'event') throw new Error(name);
      const kept = JSON.stringify(toStoredTicketEvent(parsed.event, matcher)).toLowerCase();
      // Every word of four letters or more of the subject and message that is not one of our keywords or a tag.
      const words = `${parsed.event.subject} ${parsed.event.firstMessage}`.toLowerCase().match(/[a-z]{4,}/g) ?? [];
      const allowed = new Set(['charged', 'twice', 'refund', 'recall', 'crisis', 'billing', 'late', 'delivery', 'created', 'updated']);
      for (const word of words) if (!allowed.has(word)) expect({ word, kept: kept.includes(word) }).toEqual({ word, kept: false });
      expect(kept).not.toContain('example.com');
    }
  });
});
