/**
 * Who the bot is in Slack (its user id and bot id, from auth.test), learned without ever putting
 * a Web API call on the path of a request. A token Slack refuses stops start-up; a Slack that
 * cannot be reached does not: the bot starts, and auth.test is retried in the background, with
 * backoff, until it answers. Bolt's `authorize` reads the ids cached here, so an ack never waits
 * for Slack (Bolt's own token check would call auth.test on every request until one succeeded).
 */
import type { AuthorizeResult } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../logger';
import { ExternalCallError } from '../core/ports';
import type { SlackApi } from './web-api';

/** auth.test answers that no retry can fix: the token itself is wrong. */
const REFUSED_TOKEN_CODES = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive']);

/** Start-up refused because Slack does not accept a token. The message never holds the token. */
export class SlackAuthError extends Error {
  constructor(
    readonly code: string,
    readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' = 'SLACK_BOT_TOKEN',
  ) {
    const fix =
      code === 'token_revoked' || code === 'account_inactive'
        ? 'the app was uninstalled or its bot deactivated. Reinstall the app and use its new tokens.'
        : variable === 'SLACK_BOT_TOKEN'
          ? 'it is not a valid bot token for this workspace. Copy the Bot User OAuth Token (xoxb-…) from the app\'s "OAuth & Permissions" page.'
          : 'it is not a valid app-level token. Generate one (xapp-…, scope connections:write) on the app\'s "Basic Information" page.';
    super(`Slack refused ${variable} (${code}): ${fix} The bot did not start.`);
    this.name = 'SlackAuthError';
  }
}

/** The Socket Mode client's refusal of the app-level token, as a SlackAuthError; undefined for anything else. */
export function appTokenRefusal(err: unknown): SlackAuthError | undefined {
  const code = typeof err === 'object' && err !== null && 'data' in err ? (err as { data?: { error?: unknown } }).data?.error : undefined;
  return typeof code === 'string' && (REFUSED_TOKEN_CODES.has(code) || code === 'not_allowed_token_type') ? new SlackAuthError(code, 'SLACK_APP_TOKEN') : undefined;
}

export interface AuthRetry {
  /** Wait before the first background retry; doubled after each failure. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_AUTH_RETRY: AuthRetry = { firstDelayMs: 1_000, maxDelayMs: 60_000 };

const AuthTest = z.object({ user_id: z.string(), bot_id: z.string().optional() });

export class BotIdentity {
  botUserId: string | undefined;
  botId: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly api: Pick<SlackApi, 'call'>,
    private readonly botToken: string,
    private readonly logger: Logger,
    /** Told once the ids are known (the services' settings keep the bot user id). */
    private readonly onLearned: (botUserId: string) => void,
    private readonly retry: AuthRetry = DEFAULT_AUTH_RETRY,
  ) {}

  /**
   * The start-up check: resolves when the ids are known or Slack could not be asked (a retry is
   * then scheduled); rejects with SlackAuthError when Slack refuses the token.
   */
  async learn(): Promise<void> {
    const failure = await this.ask();
    if (failure === undefined) return;
    if (REFUSED_TOKEN_CODES.has(failure)) throw new SlackAuthError(failure);
    this.logger.warn('Slack did not answer auth.test; starting anyway and asking again in the background', { code: failure });
    this.schedule(this.retry.firstDelayMs);
  }

  /** Bolt's authorize: the cached ids, never a Web API call. */
  readonly authorize = (): Promise<AuthorizeResult> =>
    Promise.resolve({ botToken: this.botToken, botId: this.botId, botUserId: this.botUserId });

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One auth.test: undefined when it answered, else the error code. */
  private async ask(): Promise<string | undefined> {
    try {
      const me = AuthTest.parse(await this.api.call('auth.test', {}));
      if (this.stopped) return undefined;
      this.botUserId = me.user_id;
      this.botId = me.bot_id;
      this.onLearned(me.user_id);
      return undefined;
    } catch (err) {
      return err instanceof ExternalCallError ? err.code : 'unexpected_answer';
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.ask().then((failure) => {
        if (failure === undefined || this.stopped) {
          if (failure === undefined && !this.stopped) this.logger.info('auth.test answered; the bot user is known', { botUserId: this.botUserId });
          return;
        }
        if (REFUSED_TOKEN_CODES.has(failure)) {
          // Retrying cannot fix a refused token; every Web API call will fail until it is replaced.
          this.logger.error('Slack refused the bot token; the bot cannot act until it is restarted with a valid SLACK_BOT_TOKEN', { code: failure });
          return;
        }
        const next = Math.min(delayMs * 2, this.retry.maxDelayMs);
        this.logger.warn('auth.test still failing; retrying', { code: failure, retryInMs: next });
        this.schedule(next);
      });
    }, delayMs);
    // A pending retry must not keep a stopping process alive.
    this.timer.unref();
  }
}
