/**
 * Global middleware: each Slack request is handled once, and in-flight work is counted so a
 * shutdown can wait for it. The key is Slack's own id for the request (event_id, the action's
 * action_ts, the view's id and hash, the command's trigger_id); a retry carries the same one.
 * A handler that fails unexpectedly gives its key back, so Slack's retry can do the work. Each
 * request is counted for the metrics by kind and outcome (ok, error, duplicate).
 */
import { createHash } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import { parseCommand, READ_ONLY_COMMANDS } from './commands/parse-command';
import { requestKind } from './request-kind';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { BotMetrics } from '../metrics';
import type { ProcessedRequestsRepo } from '../store/repos/processed-requests-repo';

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 16);
}

const Keyed = z.union([
  z.object({ type: z.literal('event_callback'), event_id: z.string() }).transform((b) => `event:${b.event_id}`),
  z.object({ type: z.literal('block_actions'), user: z.object({ id: z.string() }), actions: z.array(z.object({ action_ts: z.string() })).min(1) }).transform((b) => `action:${b.user.id}:${b.actions[0]?.action_ts}`),
  // A modal answered with field errors keeps its id and hash, so the corrected resubmission is told
  // apart from a retry by what was typed.
  z.object({ type: z.literal('view_submission'), view: z.object({ id: z.string(), hash: z.string(), state: z.unknown().optional() }) }).transform((b) => `view:${b.view.id}:${b.view.hash}:${digest(b.view.state)}`),
  z.object({ type: z.literal('message_action'), action_ts: z.string(), user: z.object({ id: z.string() }) }).transform((b) => `shortcut:${b.user.id}:${b.action_ts}`),
  z.object({ command: z.string(), trigger_id: z.string(), text: z.string().optional() }).transform((b) => (isReadOnly(b.text ?? '') ? undefined : `command:${b.trigger_id}`)),
]);

/** A read-only command (help, list, …) is idempotent, so its ack skips the database write. */
function isReadOnly(text: string): boolean {
  const parsed = parseCommand(text);
  return !parsed.ok || READ_ONLY_COMMANDS.has(parsed.command.kind);
}

export function requestKey(body: unknown): string | undefined {
  const parsed = Keyed.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count -= 1;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export function requestGuard(processed: ProcessedRequestsRepo, clock: Clock, logger: Logger, inFlight: InFlight, metrics?: BotMetrics): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = requestKey(args.body);
    const kind = requestKind(args.body);
    if (key && !processed.firstTime(key, clock.now().toISOString())) {
      logger.info('duplicate Slack request ignored', { key });
      metrics?.request(kind, 'duplicate');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    inFlight.enter();
    try {
      await args.next();
      metrics?.request(kind, 'ok');
    } catch (err) {
      metrics?.request(kind, 'error');
      if (key) processed.release(key);
      throw err;
    } finally {
      inFlight.leave();
    }
  };
}
