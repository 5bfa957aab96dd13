/**
 * The outbox's rules, pure: a delivery (one statement to one target) is pending until its first
 * attempt, retrying (with the last error) after a failure that may pass, and ends delivered or
 * failed. Network errors, timeouts, 5xx, 408/425 and rate limits (429, and Statuspage's 420) are
 * worth another try; any other answer is final, since sending the same request again gets the same
 * refusal. Retries back off from 30 seconds to an hour, each delay moved by a bounded jitter (±20%)
 * so deliveries failed together do not return together; a Retry-After is obeyed (up to an hour).
 * Twenty-four hours after the publish the delivery gives up.
 *
 * Every attempt of one delivery carries the same Idempotency-Key, so a receiver that saw an attempt
 * whose answer was lost can tell the retry is not a new statement.
 */
import { createHash } from 'node:crypto';

export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60_000;
/** Each backoff delay is multiplied by a factor drawn from [1 − JITTER, 1 + JITTER). */
export const JITTER = 0.2;
/** A Retry-After is obeyed up to this long; past it, the server is asked again then. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** One request's timeout; an attempt makes at most MAX_REQUESTS_PER_ATTEMPT of them. */
export const REQUEST_TIMEOUT_MS = 15_000;
export const MAX_REQUESTS_PER_ATTEMPT = 3;
/**
 * How long a claimed delivery is held by the sender that claimed it. Longer than the longest
 * attempt can take, so a live sender never loses its claim mid-send; a sender that died frees it
 * when it lapses.
 */
export const LEASE_MS = 2 * MAX_REQUESTS_PER_ATTEMPT * REQUEST_TIMEOUT_MS + 30_000;
/** The last error kept on a delivery (and shown in the channel), at most this long. */
export const MAX_ERROR_LENGTH = 300;

/** Why an attempt did not deliver. `message` is short and technical, for the record and the channel. */
export type AttemptFailure =
  | { kind: 'network'; message: string }
  | { kind: 'http'; status: number; message: string; retryAfterSeconds?: number };

/** What a delivery client reports of one attempt; `ref` is what the target calls it (incident id, macro id). */
export type AttemptResult = { ok: true; ref: string | null } | { ok: false; failure: AttemptFailure };

export interface DeliveryProgress {
  state: DeliveryState;
  attempts: number;
  /** When the delivery was written (with the publish); the 24 hours count from here. */
  createdAt: string;
  /** When it should next be tried; null once settled. */
  nextAttemptAt: string | null;
  lastError: string | null;
  /** The HTTP status of the last failed attempt; null for a network error or before any. */
  lastStatus: number | null;
  /** When it was delivered or given up. */
  settledAt: string | null;
  ref: string | null;
}

export function newDelivery(createdAt: string): DeliveryProgress {
  return { state: 'pending', attempts: 0, createdAt, nextAttemptAt: createdAt, lastError: null, lastStatus: null, settledAt: null, ref: null };
}

const RETRYABLE_4XX = new Set([408, 420, 425, 429]);

export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.kind === 'network') return true;
  return failure.status >= 500 || RETRYABLE_4XX.has(failure.status);
}

/**
 * The wait after the `failures`-th failed attempt (1 for the first): 30 s, 1 min, 2, 4, 8, 16, 32,
 * then an hour, each times a jitter factor in [0.8, 1.2).
 */
export function backoffMs(failures: number, random: () => number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(base * (1 - JITTER + 2 * JITTER * r));
}

/** The wait a failure asks for: its Retry-After (at least a second, at most an hour, plus up to 10%), or the backoff. */
export function retryDelayMs(failure: AttemptFailure, failures: number, random: () => number): number {
  if (failure.kind === 'http' && failure.retryAfterSeconds !== undefined && Number.isFinite(failure.retryAfterSeconds)) {
    const asked = Math.min(Math.max(failure.retryAfterSeconds * 1000, 1000), MAX_RETRY_AFTER_MS);
    // Only later, never sooner than asked.
    return Math.round(asked * (1 + 0.1 * Math.min(Math.max(random(), 0), 1)));
  }
  return backoffMs(failures, random);
}

export function giveUpAt(createdAt: string): string {
  return new Date(Date.parse(createdAt) + GIVE_UP_AFTER_MS).toISOString();
}

function clip(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= MAX_ERROR_LENGTH ? chars.join('') : `${chars.slice(0, MAX_ERROR_LENGTH - 1).join('')}…`;
}

/**
 * The delivery after one attempt at `now`. A retryable failure is tried again after its delay, but
 * never past the 24-hour mark: the last try is at that mark, and a failure then gives up.
 */
export function afterAttempt(delivery: DeliveryProgress, result: AttemptResult, now: Date, random: () => number = Math.random): DeliveryProgress {
  if (delivery.state === 'delivered' || delivery.state === 'failed') return delivery;
  const at = now.toISOString();
  const attempts = delivery.attempts + 1;
  if (result.ok) {
    return { ...delivery, state: 'delivered', attempts, nextAttemptAt: null, settledAt: at, ref: result.ref ?? delivery.ref };
  }
  const { failure } = result;
  const lastError = clip(failure.message);
  const lastStatus = failure.kind === 'http' ? failure.status : null;
  const deadline = Date.parse(giveUpAt(delivery.createdAt));
  if (!isRetryable(failure) || now.getTime() >= deadline) {
    return { ...delivery, state: 'failed', attempts, nextAttemptAt: null, lastError, lastStatus, settledAt: at };
  }
  const next = Math.min(now.getTime() + retryDelayMs(failure, attempts, random), deadline);
  return { ...delivery, state: 'retrying', attempts, nextAttemptAt: new Date(next).toISOString(), lastError, lastStatus };
}

export function isSettled(delivery: Pick<DeliveryProgress, 'state'>): boolean {
  return delivery.state === 'delivered' || delivery.state === 'failed';
}

export function isDue(delivery: Pick<DeliveryProgress, 'state' | 'nextAttemptAt'>, now: Date): boolean {
  return !isSettled(delivery) && delivery.nextAttemptAt !== null && Date.parse(delivery.nextAttemptAt) <= now.getTime();
}

export function leaseUntil(now: Date): string {
  return new Date(now.getTime() + LEASE_MS).toISOString();
}

/**
 * The Idempotency-Key of a delivery: the same for every attempt of one subject to one target,
 * different for any other pair. `subject` names what is delivered and is unique in the database,
 * e.g. `statement:812` (a statement's row id) or `resolve:37` (a crisis's resolution).
 */
export function idempotencyKey(subject: string, target: string): string {
  return `crisis-bot-${createHash('sha256').update(`${subject}\n${target}`).digest('hex').slice(0, 40)}`;
}
