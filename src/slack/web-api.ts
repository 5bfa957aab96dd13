/**
 * The Web API client and the one place its failures are understood. Every call goes through
 * `call()`: a 429 is waited out (Retry-After) up to a budget, off the ack path since commands ack
 * first; anything else becomes an ExternalCallError with words a person can act on.
 */
import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  SlackError,
  type Logger as WebApiLogger,
  type WebAPICallResult,
} from '@slack/web-api';
import { ExternalCallError } from '../core/ports';
import type { Logger } from '../logger';
import { maskPayloadLine } from './payload-mask';
import type { BotMetrics } from '../metrics';

export interface SlackApiOptions {
  token: string;
  slackApiUrl: string;
  logger: Logger;
  /** Longest total wait for rate limits on one call before giving up. */
  maxRateLimitWaitSeconds?: number;
  /** How long one HTTP request to Slack may take (the Web API, and the report file upload). */
  requestTimeoutMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Counts every request sent to Slack, and every failed one, by method. */
  metrics?: Pick<BotMetrics, 'apiCall' | 'apiFailure'>;
}

const HUMAN: Record<string, string> = {
  restricted_action: 'this workspace does not let the bot do that (restricted_action). A Slack admin can allow it.',
  missing_scope: 'the bot is missing a Slack permission (missing_scope). Reinstall it from manifest.yml.',
  not_in_channel: 'the bot is not in that channel (not_in_channel). Invite it with `/invite @Crisis Bot`.',
  channel_not_found: 'the channel no longer exists or the bot cannot see it (channel_not_found).',
  is_archived: 'the channel is archived (is_archived).',
  ratelimited: 'Slack is rate-limiting the bot right now. Please try again in a minute.',
  invalid_auth: "the bot's Slack token is not valid (invalid_auth). An admin needs to reinstall the app.",
  not_authed: "the bot's Slack token is missing (not_authed).",
  token_revoked: "the bot's Slack token was revoked (token_revoked). An admin needs to reinstall the app.",
  account_inactive: "the bot's Slack account is deactivated (account_inactive).",
  user_not_found: 'that person was not found in this workspace (user_not_found).',
  cant_invite_self: 'the bot cannot invite itself (cant_invite_self).',
  user_is_restricted: 'that person is a guest who cannot be invited here (user_is_restricted).',
  invalid_blocks: 'Slack rejected the message layout (invalid_blocks). This is a bug; please report it.',
  msg_too_long: 'the message is too long for Slack (msg_too_long).',
  expired_trigger_id: 'the form took too long to open (expired_trigger_id). Please try again.',
  fatal_error: 'Slack had an internal error (fatal_error). Please try again.',
  internal_error: 'Slack had an internal error. Please try again.',
  request_failed: 'Slack could not be reached. Please try again.',
};

export function humanSlackError(method: string, code: string): string {
  return HUMAN[code] ?? `Slack answered "${code}" to ${method}.`;
}

/**
 * The WebClient's own console output would ignore LOG_LEVEL and skip redaction. Its rate-limit
 * chatter repeats what `call()` logs, so it goes to debug; its errors (Slack's response_metadata
 * details, e.g. why blocks were invalid) are worth a warning. The request bodies and results it
 * logs at debug carry people's words (a private crisis's title among them): masked
 * (payload-mask.ts), keeping ids, types and codes.
 */
function clientLogger(logger: Logger): WebApiLogger {
  const text = (parts: unknown[]): string => maskPayloadLine(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  return {
    debug: (...m) => logger.debug(text(m), { source: 'web-api' }),
    info: (...m) => logger.debug(text(m), { source: 'web-api' }),
    warn: (...m) => logger.debug(text(m), { source: 'web-api' }),
    error: (...m) => logger.warn(text(m), { source: 'web-api' }),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

/** The failure's label in the metrics: Slack's own code where it gave one. */
function failureCode(err: SlackError): string {
  if (err instanceof WebAPIRateLimitedError) return 'ratelimited';
  if (err instanceof WebAPIPlatformError) return err.data.error;
  if (err instanceof WebAPIHTTPError) return `http_${err.statusCode}`;
  return 'request_failed';
}

export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 30;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export class SlackApi {
  readonly client: WebClient;
  readonly requestTimeoutMs: number;
  private readonly logger: Logger;
  private readonly maxWait: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly metrics: Pick<BotMetrics, 'apiCall' | 'apiFailure'> | undefined;
  private calling = 0;

  constructor(options: SlackApiOptions) {
    this.client = new WebClient(options.token, {
      slackApiUrl: options.slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      logger: clientLogger(options.logger),
    });
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.logger = options.logger;
    this.maxWait = options.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.metrics = options.metrics;
  }

  /**
   * The longest one `call()` normally takes: every rate-limit wait it may sit out, plus the
   * request that finally answers. A shutdown waits at least this long for work in flight.
   */
  get longestCallMs(): number {
    return this.maxWait * 1000 + this.requestTimeoutMs;
  }

  /** Calls under way: sent and not yet answered, or waiting out a rate limit (bot.activity()). */
  get callsInFlight(): number {
    return this.calling;
  }

  /** Calls a Web API method; `tolerate` lists error codes that count as success (e.g. already_pinned). */
  async call(method: string, args: Record<string, unknown>, tolerate: readonly string[] = []): Promise<WebAPICallResult | undefined> {
    this.calling += 1;
    try {
      return await this.callOnce(method, args, tolerate);
    } finally {
      this.calling -= 1;
    }
  }

  private async callOnce(method: string, args: Record<string, unknown>, tolerate: readonly string[]): Promise<WebAPICallResult | undefined> {
    let waited = 0;
    for (;;) {
      this.metrics?.apiCall(method);
      try {
        return await this.client.apiCall(method, args);
      } catch (err) {
        // web-api 8 throws Error subclasses; anything else is not Slack's answer and goes up as it is.
        if (!(err instanceof SlackError)) {
          this.metrics?.apiFailure(method, 'unexpected');
          throw err;
        }
        if (!(err instanceof WebAPIPlatformError && tolerate.includes(err.data.error))) this.metrics?.apiFailure(method, failureCode(err));
        if (err instanceof WebAPIRateLimitedError) {
          const retryAfter = Math.max(1, err.retryAfter);
          if (waited + retryAfter > this.maxWait) {
            throw new ExternalCallError(method, 'ratelimited', humanSlackError(method, 'ratelimited'), retryAfter);
          }
          this.logger.warn('rate limited by Slack; waiting', { method, retryAfter });
          waited += retryAfter;
          await this.sleep(retryAfter * 1000);
          continue;
        }
        if (err instanceof WebAPIPlatformError) {
          const code = err.data.error;
          if (tolerate.includes(code)) return undefined;
          this.logger.debug('Slack error', { method, code, channel: args.channel });
          throw new ExternalCallError(method, code, humanSlackError(method, code));
        }
        const code = err instanceof WebAPIHTTPError ? `http_${err.statusCode}` : 'request_failed';
        throw new ExternalCallError(method, code, humanSlackError(method, code === 'request_failed' ? code : 'internal_error'));
      }
    }
  }
}
