/**
 * Each desk's native ticket events (Zendesk's event webhooks, Intercom's conversation
 * notifications) and our Freshdesk/Gorgias template, parsed into one TicketEvent; what is not a
 * ticket event answered and counted nowhere; and bad input answered with every field's "why".
 */
import fc from 'fast-check';
import { problemsText, ignoredText } from '../../../src/features/helpdesk/http-text';
import { parseHelpdeskBody, parseTicketEvent, type ParseResult } from '../../../src/features/helpdesk/parse';
import type { TicketEvent } from '../../../src/features/helpdesk/ticket-event';
import { HELPDESKS } from '../../../src/features/helpdesk/desks';
import { fixture, fixtureText, FIXTURE_DIR } from './fixtures';
import fs from 'node:fs';

const RECEIVED = new Date('2026-12-07T10:30:00Z');

function eventOf(result: ParseResult): TicketEvent {
  if (result.status !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

function errorOf(result: ParseResult): string {
  if (result.status !== 'invalid') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return problemsText(result.problems);
}

function ignoredOf(result: ParseResult): string {
  if (result.status !== 'ignored') throw new Error(`expected it ignored, got ${JSON.stringify(result)}`);
  return ignoredText(result.reason);
}

describe('Zendesk event webhooks', () => {
  it('ticket.created: a new ticket, with its own event id, times, subject, first comment, tags and channel', () => {
    expect(eventOf(parseTicketEvent('zendesk', fixture('zendesk-ticket-created.json'), RECEIVED))).toEqual({
      desk: 'zendesk',
      kind: 'created',
      eventId: 'cbe4028c-7239-495d-b020-f22348516046',
      ticketId: '5158',
      occurredAt: '2026-12-07T10:12:07.672Z',
      timeFrom: 'desk',
      ticketCreatedAt: '2026-12-07T10:12:07.000Z',
      subject: 'Charged twice for my order',
      firstMessage: 'I was charged twice for order 1182 and nobody answers my emails. This is unacceptable.',
      tags: ['billing', 'crisis-12'],
      channel: 'web_form',
    });
  });

  it('ticket.tags_changed: an update carrying the ticket with its tags as they are now', () => {
    const event = eventOf(parseTicketEvent('zendesk', fixture('zendesk-ticket-tags-changed.json'), RECEIVED));
    expect(event).toMatchObject({ kind: 'updated', eventId: 'd4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52', ticketId: '5160', occurredAt: '2026-12-07T10:14:30.123Z', ticketCreatedAt: '2026-12-07T09:40:00.000Z', tags: ['refund', 'crisis-12'] });
  });

  it('answers user events and deleted or spam tickets without counting them', () => {
    expect(ignoredOf(parseTicketEvent('zendesk', fixture('zendesk-user-active-changed.json'), RECEIVED))).toBe('zen:event-type:user.active_changed is not a ticket event; nothing counted');
    const spam = { ...(fixture('zendesk-ticket-created.json') as object), type: 'zen:event-type:ticket.marked_as_spam' };
    expect(ignoredOf(parseTicketEvent('zendesk', spam, RECEIVED))).toBe('zen:event-type:ticket.marked_as_spam: nothing new to count');
  });

  it('does not believe a time more than 5 minutes ahead: the time of receipt stands in', () => {
    const ahead = { ...(fixture('zendesk-ticket-created.json') as object), time: '2026-12-07T11:00:00Z' };
    expect(eventOf(parseTicketEvent('zendesk', ahead, RECEIVED))).toMatchObject({ occurredAt: RECEIVED.toISOString(), timeFrom: 'received' });
  });

  it('names every field that is wrong, and what it must be', () => {
    const base = fixture('zendesk-ticket-created.json') as { detail: Record<string, unknown> };
    expect(errorOf(parseTicketEvent('zendesk', { ...base, id: undefined, time: 'yesterday', detail: { ...base.detail, id: { n: 5 } } }, RECEIVED))).toBe(
      'id is required: an event id (text, 1 to 200 characters); detail.id must be a ticket id (text or a whole number, 1 to 200 characters), got an object',
    );
    expect(errorOf(parseTicketEvent('zendesk', { ...base, time: 'yesterday' }, RECEIVED))).toBe('time must be an ISO-8601 time with a zone, got "yesterday"');
    expect(errorOf(parseTicketEvent('zendesk', { ...base, detail: { ...base.detail, tags: 'crisis-12' } }, RECEIVED))).toBe(
      'detail.tags must be a list of tags (a JSON array, or names separated by commas), got "crisis-12"',
    );
    expect(errorOf(parseTicketEvent('zendesk', { type: 'zen:event-type:ticket.created' }, RECEIVED))).toBe(
      'id is required: an event id (text, 1 to 200 characters); time is required: an ISO-8601 time with a zone; detail is required: a JSON object',
    );
    expect(errorOf(parseTicketEvent('zendesk', null, RECEIVED))).toBe('body must be a JSON object, got null');
    expect(errorOf(parseTicketEvent('zendesk', [1, 2], RECEIVED))).toBe('body must be a JSON object, got an array');
    expect(errorOf(parseTicketEvent('zendesk', { type: 7 }, RECEIVED))).toBe('type must be the event type as text, got 7');
  });
});

describe('Intercom conversation notifications', () => {
  it('conversation.user.created (API 2.x): a new ticket; a chat without a subject takes its opening words', () => {
    expect(eventOf(parseTicketEvent('intercom', fixture('intercom-conversation-user-created.json'), RECEIVED))).toEqual({
      desk: 'intercom',
      kind: 'created',
      eventId: 'notif_3ac27816-d27c-45fd-a65a-bbaf021cf780',
      ticketId: '1911149811',
      occurredAt: '2026-12-07T10:10:01.000Z',
      timeFrom: 'desk',
      ticketCreatedAt: '2026-12-07T10:10:00.000Z',
      subject: "Hi, my order arrived broken & I can't reach anyone. Not happy at all.",
      firstMessage: "Hi, my order arrived broken & I can't reach anyone. Not happy at all.",
      tags: ['crisis-12'],
      channel: 'conversation',
    });
  });

  it('conversation_part.tag.created (API 1.x conversation_message): an update with the tags now on it', () => {
    expect(eventOf(parseTicketEvent('intercom', fixture('intercom-conversation-part-tag-created-v1.json'), RECEIVED))).toMatchObject({
      kind: 'updated',
      eventId: 'notif_11aef68a-8049-4f29-bbd9-48a7adfc8f30',
      ticketId: '21330067382',
      occurredAt: '2026-12-07T10:15:44.000Z',
      firstMessage: 'My kettle stopped working. Is it part of the recall?',
      subject: 'My kettle stopped working. Is it part of the recall?',
      tags: ['recall'],
    });
  });

  it("a subject, when there is one, is the subject; a long opening is cut on a whole word", () => {
    const base = fixture('intercom-conversation-user-created.json') as { data: { item: { source: Record<string, unknown> } } };
    const withSubject = structuredClone(base);
    withSubject.data.item.source.subject = '<p>Charged twice</p>';
    expect(eventOf(parseTicketEvent('intercom', withSubject, RECEIVED)).subject).toBe('Charged twice');
    const long = structuredClone(base);
    long.data.item.source.body = `<p>${'word '.repeat(40)}end</p>`;
    const subject = eventOf(parseTicketEvent('intercom', long, RECEIVED)).subject;
    expect(subject.length).toBeLessThanOrEqual(120);
    expect(subject.endsWith('word')).toBe(true);
  });

  it('answers ping, conversations an agent started, and other topics, counting nothing', () => {
    expect(ignoredOf(parseTicketEvent('intercom', fixture('intercom-ping.json'), RECEIVED))).toBe('ping received; nothing to count');
    const agent = { ...(fixture('intercom-conversation-user-created.json') as object), topic: 'conversation.admin.single.created' };
    expect(ignoredOf(parseTicketEvent('intercom', agent, RECEIVED))).toBe('conversation.admin.single.created is a conversation an agent started; only customers writing in are counted');
    const user = { ...(fixture('intercom-conversation-user-created.json') as object), topic: 'user.created' };
    expect(ignoredOf(parseTicketEvent('intercom', user, RECEIVED))).toBe('user.created is not a ticket event; nothing counted');
  });

  it('refuses a notification without its conversation, or not a notification at all', () => {
    const base = fixture('intercom-conversation-user-created.json') as Record<string, unknown>;
    expect(errorOf(parseTicketEvent('intercom', { ...base, data: { type: 'notification_event_data' } }, RECEIVED))).toBe('data.item is required: a conversation');
    expect(errorOf(parseTicketEvent('intercom', { ...base, type: 'event' }, RECEIVED))).toBe('type must be the event type as text, got "event"');
    expect(errorOf(parseTicketEvent('intercom', { ...base, id: null }, RECEIVED))).toBe('id must be an event id (text, 1 to 200 characters), got null');
  });
});

describe('Freshdesk: our template, filled by an automation rule', () => {
  it('on creation: the ticket id makes the event id, and a time without a zone gives way to the time of receipt', () => {
    expect(eventOf(parseTicketEvent('freshdesk', fixture('freshdesk-ticket-created.json'), RECEIVED))).toEqual({
      desk: 'freshdesk',
      kind: 'created',
      eventId: 'created:11',
      ticketId: '11',
      occurredAt: RECEIVED.toISOString(),
      timeFrom: 'received',
      ticketCreatedAt: null,
      subject: 'Charged twice for my order ☃',
      firstMessage: "I was charged twice for order 1182. Please refund me, I'm not happy.",
      tags: ['billing', 'crisis-12'],
      channel: 'Portal',
    });
  });

  it('an update without an updated time: the same change twice is one event, another change another', () => {
    const first = eventOf(parseTicketEvent('freshdesk', fixture('freshdesk-ticket-updated.json'), RECEIVED));
    const again = eventOf(parseTicketEvent('freshdesk', fixture('freshdesk-ticket-updated.json'), new Date('2026-12-07T10:31:00Z')));
    expect(first.kind).toBe('updated');
    expect(first.eventId).toMatch(/^updated:11:[0-9a-f]{16}$/);
    expect(again.eventId).toBe(first.eventId);
    const other = { ...(fixture('freshdesk-ticket-updated.json') as object), tags: 'billing, crisis-12, refund, escalated' };
    expect(eventOf(parseTicketEvent('freshdesk', other, RECEIVED)).eventId).not.toBe(first.eventId);
    expect(eventOf(parseTicketEvent('freshdesk', fixture('freshdesk-ticket-created.json'), RECEIVED)).eventId).not.toBe(first.eventId);
  });

  it('a time with a zone is believed; `kind` given wins over the event text', () => {
    const body = { ...(fixture('freshdesk-ticket-created.json') as object), created_at: '2026-12-07T11:20:05+01:00', kind: 'updated' };
    expect(eventOf(parseTicketEvent('freshdesk', body, RECEIVED))).toMatchObject({ kind: 'updated', ticketCreatedAt: '2026-12-07T10:20:05.000Z' });
  });

  it('refuses a template whose ticket id the desk did not fill, or without one, or with tags that are no list', () => {
    expect(errorOf(parseTicketEvent('freshdesk', { ticket_id: '{{ticket.display_id}}' }, RECEIVED))).toBe(
      'ticket_id came as "{{ticket.display_id}}": the help desk did not fill that placeholder; check the template against the README',
    );
    expect(errorOf(parseTicketEvent('freshdesk', { subject: 'Refund' }, RECEIVED))).toBe('ticket_id is required: a ticket id (text or a whole number, 1 to 200 characters)');
    expect(errorOf(parseTicketEvent('freshdesk', { ticket_id: '  ' }, RECEIVED))).toBe('ticket_id must be a ticket id (text or a whole number, 1 to 200 characters), got "  "');
    expect(errorOf(parseTicketEvent('freshdesk', { ticket_id: 11, tags: 12 }, RECEIVED))).toBe('tags must be a list of tags (a JSON array, or names separated by commas), got 12');
  });
});

describe('Gorgias: our template, filled by an HTTP integration', () => {
  it("takes Gorgias's event id, its zone-less UTC times, and its tags as Jinja prints a list of tag objects", () => {
    expect(eventOf(parseTicketEvent('gorgias', fixture('gorgias-ticket-created.json'), RECEIVED))).toEqual({
      desk: 'gorgias',
      kind: 'created',
      eventId: '81234567',
      ticketId: '4517841',
      occurredAt: '2026-12-07T10:21:04.221Z',
      timeFrom: 'desk',
      ticketCreatedAt: '2026-12-07T10:21:04.221Z',
      subject: 'Where is my order?',
      firstMessage: "Hello, my order 1182 is three weeks late and the tracking link doesn't work.",
      tags: ['late delivery', 'crisis-12'],
      channel: 'email',
    });
  });

  it('reads placeholders left unfilled as absent: the update is keyed by its updated time', () => {
    expect(eventOf(parseTicketEvent('gorgias', fixture('gorgias-ticket-updated-unfilled.json'), RECEIVED))).toMatchObject({
      kind: 'updated',
      eventId: 'updated:4517841:2026-12-07T10:25:40.009Z',
      occurredAt: '2026-12-07T10:25:40.009Z',
      firstMessage: '',
      tags: ['late delivery', 'crisis-12', 'refund'],
    });
  });

  it('a message added is an update, whatever its event text says', () => {
    const body = { ...(fixture('gorgias-ticket-created.json') as object), event: 'ticket-message-created', event_id: 81234570 };
    expect(eventOf(parseTicketEvent('gorgias', body, RECEIVED))).toMatchObject({ kind: 'updated', eventId: '81234570' });
  });
});

describe('any body at all', () => {
  it('every fixture parses to an event or an answer, never a throw', () => {
    const files = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const desk = HELPDESKS.find((d) => file.startsWith(d));
      if (desk === undefined) throw new Error(`fixture ${file} names no desk`);
      expect(['event', 'ignored']).toContain(parseHelpdeskBody(desk, Buffer.from(fixtureText(file)), RECEIVED).status);
    }
  });

  it('not JSON, empty, or JSON after a byte-order mark', () => {
    expect(errorOf(parseHelpdeskBody('gorgias', Buffer.from('ticket_id=5'), RECEIVED))).toBe('the body is not valid JSON');
    expect(errorOf(parseHelpdeskBody('gorgias', Buffer.alloc(0), RECEIVED))).toBe('the body is empty; a JSON object is expected');
    expect(parseHelpdeskBody('gorgias', Buffer.from(`\uFEFF${fixtureText('gorgias-ticket-created.json')}`), RECEIVED).status).toBe('event');
  });

  it('any JSON value, to any desk, gets an outcome, and a problem always has words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HELPDESKS), fc.jsonValue(), (desk, value) => {
        const result = parseTicketEvent(desk, value, RECEIVED);
        if (result.status === 'invalid') expect(problemsText(result.problems).length).toBeGreaterThan(0);
        if (result.status === 'event') expect(result.event.ticketId.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
