/**
 * One HTTP request of a delivery attempt, over fetch, turned into what the outbox rules read: an
 * answer (2xx), or a failure with its status, a short excerpt of what the server said, and any
 * Retry-After. Redirects are not followed (a signed POST must not turn into a GET elsewhere); a
 * request that takes longer than its timeout is a network failure like any other lost answer.
 */
import { REQUEST_TIMEOUT_MS, type AttemptFailure } from './outbox-rules';

export interface HttpAnswer {
  status: number;
  text: string;
}

export type HttpOutcome = { ok: true; answer: HttpAnswer } | { ok: false; failure: AttemptFailure };

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpOptions {
  timeoutMs?: number;
  /** For Retry-After given as a date. */
  nowMs?: () => number;
  fetch?: typeof fetch;
}

/** `base` and `path` joined with exactly one slash, keeping the base's own path (`…/v1` + `pages/…`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - nowMs) / 1000)) : undefined;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

/** A field of an error-like value, whichever realm made it (fetch's errors come from Node's own). */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

function networkMessage(err: unknown, host: string, timeoutMs: number): string {
  const name = field(err, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  // fetch says only "fetch failed"; what happened (ECONNREFUSED, ENOTFOUND, a reset) is its cause.
  const cause = field(err, 'cause') ?? err;
  const code = field(cause, 'code');
  const message = field(cause, 'message');
  return `no answer from ${host}: ${typeof code === 'string' && code ? code : typeof message === 'string' ? message : String(cause)}`;
}

export async function sendHttp(request: HttpRequest, options: HttpOptions = {}): Promise<HttpOutcome> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const host = URL.canParse(request.url) ? new URL(request.url).host : request.url;
  let response: Response;
  let text: string;
  try {
    response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (err) {
    return { ok: false, failure: { kind: 'network', message: networkMessage(err, host, timeoutMs) } };
  }
  if (response.status >= 200 && response.status < 300) return { ok: true, answer: { status: response.status, text } };
  const nowMs = (options.nowMs ?? Date.now)();
  const said = excerpt(text);
  const message =
    response.status >= 300 && response.status < 400
      ? `${host} answered ${response.status}, a redirect to ${response.headers.get('location') ?? 'nowhere'}; configure the final URL`
      : `${host} answered ${response.status}${said ? `: ${said}` : ''}`;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  return { ok: false, failure: { kind: 'http', status: response.status, message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } };
}

/** A 2xx answer whose body is not what the API documents: worth another try, and said plainly. */
export function unexpectedAnswer(host: string, status: number, what: string): AttemptFailure {
  return { kind: 'http', status: 502, message: `${host} answered ${status} without ${what}` };
}

/** A body as JSON, or undefined when it is not JSON (the schema that reads it then says so). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
