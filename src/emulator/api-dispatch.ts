/**
 * One Web API call from start to answer: unknown method, token check, injected faults (errors and
 * HTTP 429 rate limits), required arguments, the handler, and the record of the call that tests
 * read. Handlers may only fail with the codes METHOD_SPECS lists for them.
 */
import { performance } from 'node:perf_hooks';
import { SlackApiError, type ApiContext, type ApiHandler } from './api-context';
import { CHAT_HANDLERS } from './handlers-chat';
import { CONVERSATION_HANDLERS } from './handlers-conversations';
import { FILE_HANDLERS } from './handlers-files';
import { VIEW_HANDLERS } from './handlers-views';
import { isMethodName, methodErrors, missingArgument, type MethodName } from './methods';
import type { JsonObject } from './json';
import type { RecordedCall } from './types';

const HANDLERS: Record<MethodName, ApiHandler> = {
  ...CONVERSATION_HANDLERS,
  ...CHAT_HANDLERS,
  ...VIEW_HANDLERS,
  ...FILE_HANDLERS,
};

/** `match`, when set, limits a fault to calls whose arguments it accepts (say, one channel). */
type Fault = ({ kind: 'error'; error: string } | { kind: 'ratelimit'; retryAfterSeconds: number }) & { match?: (args: JsonObject) => boolean };

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

export class ApiDispatcher {
  readonly calls: RecordedCall[] = [];
  /** What apps.connections.open hands out (a Socket Mode WebSocket URL); unset, it fails. */
  socketModeUrl: string | undefined;
  private readonly faults = new Map<string, Fault[]>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly botToken: string,
    /** The app-level token (xapp-…) apps.connections.open accepts. */
    private readonly appToken?: string,
  ) {}

  failNext(method: string, error: string, times: number, match?: (args: JsonObject) => boolean): void {
    this.queueFault(method, { kind: 'error', error, ...(match ? { match } : {}) }, times);
  }

  rateLimit(method: string, retryAfterSeconds: number, times: number): void {
    this.queueFault(method, { kind: 'ratelimit', retryAfterSeconds }, times);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** `receivedMs`: when the request arrived (performance.now()), before any injected delay; `round`: see RecordedCall. */
  dispatch(method: string, rawArgs: JsonObject, authorization: string | undefined, receivedMs = performance.now(), round?: number): ApiReply {
    const { token: argToken, ...args } = rawArgs;
    const reply = this.answer(method, args, bearer(authorization) ?? (typeof argToken === 'string' ? argToken : undefined));
    const ok = reply.body.ok === true;
    this.calls.push({
      method,
      args,
      at: this.ctx.state.now(),
      ok,
      ...(ok ? {} : { error: String(reply.body.error) }),
      status: reply.status,
      receivedMs,
      answeredMs: performance.now(),
      ...(round === undefined ? {} : { round }),
    });
    return reply;
  }

  private answer(method: string, args: JsonObject, token: string | undefined): ApiReply {
    if (method === 'apps.connections.open') return this.openConnection(args, token);
    if (!isMethodName(method)) return error('unknown_method', { req_method: method });
    if (!token) return error('not_authed');
    if (token !== this.botToken) return error('invalid_auth');
    const fault = this.takeFault(method, args);
    if (fault?.kind === 'ratelimit') {
      return { status: 429, headers: { 'Retry-After': String(fault.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
    }
    if (fault?.kind === 'error') return error(fault.error);
    const missing = missingArgument(method, args);
    if (missing) {
      return error(missing.error, missing.error === 'invalid_arguments' ? { response_metadata: { messages: [missing.message] } } : {});
    }
    try {
      return { status: 200, headers: {}, body: { ok: true, ...HANDLERS[method](this.ctx, args) } };
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      if (!methodErrors(method).has(err.code)) {
        throw new Error(`emulator bug: ${method} answered "${err.code}", which its METHOD_SPECS entry does not list`);
      }
      return error(err.code, err.extra);
    }
  }

  /** Socket Mode's one Web API method: it takes the app-level token, not the bot token. */
  private openConnection(args: JsonObject, token: string | undefined): ApiReply {
    if (!token) return error('not_authed');
    if (token === this.botToken) return error('not_allowed_token_type');
    if (token !== this.appToken) return error('invalid_auth');
    const fault = this.takeFault('apps.connections.open', args);
    if (fault?.kind === 'ratelimit') {
      return { status: 429, headers: { 'Retry-After': String(fault.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
    }
    if (fault?.kind === 'error') return error(fault.error);
    if (!this.socketModeUrl) return error('internal_error');
    return { status: 200, headers: {}, body: { ok: true, url: this.socketModeUrl } };
  }

  private takeFault(method: string, args: JsonObject): Fault | undefined {
    const list = this.faults.get(method);
    const index = list?.findIndex((f) => !f.match || f.match(args)) ?? -1;
    return index >= 0 ? list?.splice(index, 1)[0] : undefined;
  }

  private queueFault(method: string, fault: Fault, times: number): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(method, list);
  }
}

function error(code: string, extra: JsonObject = {}): ApiReply {
  return { status: 200, headers: {}, body: { ok: false, error: code, ...extra } };
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
