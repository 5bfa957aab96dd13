/**
 * What the parsers share: the outcome type, field problems as codes and facts (http-text.ts words
 * them for the 400 answer), ids, times, tags, and the placeholders a help desk left unfilled.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cleanText } from '../../core/text';
import { normaliseTags } from './matching';
import type { TicketEvent } from './ticket-event';

/** The rule a field broke, for the sender's 400 answer. */
export type FieldRule =
  | 'json'
  | 'object'
  | 'ticket_id'
  | 'event_id'
  | 'event_type'
  | 'text'
  | 'iso_time'
  | 'unix_time'
  | 'tag_list'
  | 'conversation'
  | 'unfilled_placeholder';

/** What was sent instead, described without repeating more than a short value. */
export type SentValue =
  | { kind: 'nothing' | 'null' | 'array' | 'object' | 'boolean' | 'long_string' }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string };

export interface ParseProblem {
  /** Where in the body, e.g. `detail.id`. */
  field: string;
  rule: FieldRule;
  got: SentValue;
}

/** Why an event is answered 200 and counted nowhere (so the help desk does not retry it, or switch the webhook off). */
export type IgnoredReason =
  /** Intercom's test notification when a webhook is saved. */
  | { code: 'ping' }
  /** An event about something else than a ticket (a user, an organisation, an article). */
  | { code: 'not_a_ticket_event'; type: string }
  /** A conversation an agent started: not a customer writing in. */
  | { code: 'agent_initiated'; type: string }
  /** A ticket deleted, merged away or marked as spam: nothing new to count. */
  | { code: 'ticket_gone'; type: string };

export type ParseResult =
  | { status: 'event'; event: TicketEvent }
  | { status: 'ignored'; reason: IgnoredReason }
  | { status: 'invalid'; problems: ParseProblem[] };

export const MAX_ID_LENGTH = 200;
/** A value shown back in an error at most this long; longer ones are only named. */
const MAX_SHOWN_LENGTH = 40;
/** How far ahead of the time of receipt a desk's clock may be before its time is not believed. */
export const MAX_AHEAD_MS = 5 * 60_000;

export function sentValue(value: unknown): SentValue {
  if (value === undefined) return { kind: 'nothing' };
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'array' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'string') return value.length <= MAX_SHOWN_LENGTH ? { kind: 'string', value: cleanText(value) } : { kind: 'long_string' };
  return { kind: 'object' };
}

export function invalid(problems: ParseProblem[]): ParseResult {
  return { status: 'invalid', problems };
}

/** Zod's issues as problems, each field's rule looked up by its path (the first rule of an unknown path is `fallback`). */
export function problemsFrom(error: z.ZodError, rules: Readonly<Record<string, FieldRule>>, fallback: FieldRule = 'object'): ParseProblem[] {
  const seen = new Set<string>();
  const problems: ParseProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field: field === '' ? 'body' : field, rule: rules[field] ?? fallback, got: sentValue((issue as { input?: unknown }).input) });
  }
  return problems;
}

/** A help desk's `{{…}}` sent back as it was: the placeholder is one it does not know. */
export function isUnfilledPlaceholder(value: string): boolean {
  return /\{\{[^{}]*\}\}/.test(value);
}

/** An id as the desks send them: text or a whole number. */
export const IdValue = z.union([z.string(), z.number().int().nonnegative()]);

/** An id as kept: text, trimmed, 1 to MAX_ID_LENGTH characters, no controls; null when it is not one. */
export function idText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = cleanText(String(value)).trim();
  if (text.length === 0 || text.length > MAX_ID_LENGTH || isUnfilledPlaceholder(text)) return null;
  return text;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A desk's time as ISO-8601 UTC, or null when it is not one we can trust. Fractions beyond
 * milliseconds are cut (Zendesk sends nanoseconds). A time without a zone is UTC when the desk
 * documents its times so (`zoneless: 'utc'`, Gorgias), and unknown otherwise (Freshdesk's
 * `{{ticket.created_on}}` is in the account's own time zone, which the request does not say).
 */
export function deskTime(value: string | null | undefined, zoneless: 'utc' | 'unknown'): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let normalised: string;
  if (ISO_WITH_ZONE.test(text)) normalised = text;
  else if (zoneless === 'utc' && ISO_WITHOUT_ZONE.test(text)) normalised = `${text}Z`;
  else return null;
  normalised = normalised.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Unix seconds (Intercom) as ISO-8601 UTC. */
export function unixTime(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 32503680000) return null;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/**
 * When the event happened: the desk's time when it gives one that is not in the future (a clock
 * more than 5 minutes ahead is not believed), else the time of receipt.
 */
export function eventTime(deskIso: string | null, receivedAt: Date): { occurredAt: string; timeFrom: 'desk' | 'received' } {
  if (deskIso !== null && Date.parse(deskIso) <= receivedAt.getTime() + MAX_AHEAD_MS) return { occurredAt: deskIso, timeFrom: 'desk' };
  return { occurredAt: receivedAt.toISOString(), timeFrom: 'received' };
}

/** Plain text from a desk's field: controls gone, spaces single. */
export function plainText(value: string | null | undefined): string {
  if (typeof value !== 'string' || isUnfilledPlaceholder(value)) return '';
  return cleanText(value).replace(/\s+/g, ' ').trim();
}

/** How many of a chat's opening words stand in for the subject it does not have. */
export const SUBJECT_FROM_MESSAGE_CHARS = 120;

/** The subject, or for a chat without one, the opening of its first message (where its topic is). */
export function subjectOrOpening(subject: string, firstMessage: string): string {
  if (subject.length > 0) return subject;
  if (firstMessage.length <= SUBJECT_FROM_MESSAGE_CHARS) return firstMessage;
  const cut = firstMessage.slice(0, SUBJECT_FROM_MESSAGE_CHARS);
  // End on a whole word.
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

/**
 * Tags in any of the shapes a template can render them: a JSON array of names or of `{name}`
 * objects, a string holding such an array, or names separated by commas (Freshdesk renders
 * `{{ticket.tags}}` as "refund, crisis-12"). Null when the value is none of these.
 */
export function tagList(value: unknown): string[] | null {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    const names: string[] = [];
    for (const item of value) {
      if (typeof item === 'string') names.push(item);
      else if (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string') names.push((item as { name: string }).name);
      else return null;
    }
    return normaliseTags(names);
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text.length === 0 || isUnfilledPlaceholder(text)) return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const fromJson = tagList(parsed);
      if (fromJson !== null) return fromJson;
    } catch {
      // Not JSON: a list printed another way, e.g. [{'name': 'refund'}]; its names are what count.
    }
    const names = [...text.matchAll(/['"]name['"]\s*:\s*['"]([^'"]*)['"]/g)].map((m) => m[1] ?? '');
    if (names.length > 0) return normaliseTags(names);
    return normaliseTags(text.replace(/^\[|\]$/g, '').split(',').map((t) => t.replace(/^\s*['"]|['"]\s*$/g, '')));
  }
  return normaliseTags(text.split(','));
}

/** A short stable digest, for an event id made from what happened when the desk gives none. */
export function digest(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
