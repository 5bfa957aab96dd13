/**
 * Global middleware: each Slack request is handled once, and in-flight work is counted so a
 * shutdown can wait for it. The key is Slack's own id for the request (src/slack/request-key.ts);
 * a retry carries the same one.
 * A handler that fails unexpectedly gives its key back, so Slack's retry can do the work. Each
 * request is counted for the metrics by kind and outcome (ok, error, duplicate, busy).
 *
 * Recording the key is the request's first write. When another process holds the database's write
 * lock it fails after a short wait (src/store/database.ts), and the person is answered at once in
 * the ack, "the database is busy; nothing changed", well within Slack's 3 seconds. An event was
 * acked by Bolt already and nobody is waiting on it, so it is tried again a few times over
 * EVENT_BUSY_RETRY_MS rather than lost (a pinned message is part of the record).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import { requestKind } from './request-kind';
import { requestKey } from './request-key';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { BotMetrics } from '../metrics';
import { busyCause, databaseErrorCode, isDatabaseBusy } from '../store/database';
import type { ProcessedRequestsRepo } from '../core/repos/processed-requests-repo';
import { DATABASE_BUSY, DATABASE_FAILED } from './listeners/reply';
import { errorReply } from './views/replies';

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

/** Waits between tries of an event's first write while the database is busy (ms). */
export const EVENT_BUSY_RETRY_MS = [1_000, 2_000, 4_000, 8_000];

type Ack = (response?: unknown) => Promise<void>;

function ackOf(args: AnyMiddlewareArgs): Ack | undefined {
  return 'ack' in args && typeof args.ack === 'function' ? (args.ack as Ack) : undefined;
}

/** The first input block of a submitted modal, where Slack can show the busy message without closing it. */
function firstInputBlock(body: unknown): string | undefined {
  const parsed = z.object({ view: z.object({ blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })) }) }).safeParse(body);
  return parsed.success ? parsed.data.view.blocks.find((b) => b.type === 'input')?.block_id : undefined;
}

/** Tells the person, in the answer Slack is waiting for, that nothing changed (busy, or failed). */
async function answerNothingChanged(args: AnyMiddlewareArgs, kind: ReturnType<typeof requestKind>, logger: Logger, message: string): Promise<void> {
  const ack = ackOf(args);
  const reply = errorReply(message);
  if (kind === 'command') return ack?.({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  if (kind === 'view') {
    const block = firstInputBlock(args.body);
    return ack?.(block ? { response_action: 'errors', errors: { [block]: message } } : undefined);
  }
  await ack?.();
  // Buttons and shortcuts: through response_url, when Slack gave one.
  if ('respond' in args && typeof args.respond === 'function') {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: reply.text, blocks: reply.blocks }).catch((err: unknown) => logger.warn('could not say the database is busy', { error: err }));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function requestGuard(processed: ProcessedRequestsRepo, clock: Clock, logger: Logger, inFlight: InFlight, metrics?: BotMetrics): Middleware<AnyMiddlewareArgs> {
  /**
   * Records the key; `{ busy }` when the database stayed locked (for an event, after its retries), the
   * error when SQLite failed otherwise (a damaged file, a full disk).
   */
  const record = async (key: string, kind: ReturnType<typeof requestKind>): Promise<boolean | { busy: unknown } | { failed: unknown }> => {
    const waits = kind === 'event' ? EVENT_BUSY_RETRY_MS : [];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return processed.firstTime(key, clock.now().toISOString());
      } catch (err) {
        if (!isDatabaseBusy(err)) {
          if (databaseErrorCode(err)) return { failed: err };
          throw err;
        }
        const wait = waits[attempt];
        if (wait === undefined) return { busy: err };
        await sleep(wait);
      }
    }
  };

  return async (args) => {
    const kind = requestKind(args.body);
    const key = requestKey(args.body, kind, args.context);
    inFlight.enter();
    try {
      const first = key ? await record(key, kind) : true;
      if (typeof first === 'object' && 'busy' in first) {
        // The real cause, for whoever reads the logs: not Slack, not the bot, another lock holder.
        logger.warn(`the database is busy: another connection holds a lock it needs (${busyCause(first.busy)}); the request was answered "busy" and changed nothing`, { kind, key });
        metrics?.request(kind, 'busy');
        await answerNothingChanged(args, kind, logger, DATABASE_BUSY);
        return;
      }
      if (typeof first === 'object' && 'failed' in first) {
        logger.error(`the database failed (${databaseErrorCode(first.failed) ?? 'SQLite'}); the request was answered "failed" and changed nothing`, { kind, key, error: first.failed });
        metrics?.request(kind, 'error');
        await answerNothingChanged(args, kind, logger, DATABASE_FAILED);
        return;
      }
      if (!first) {
        logger.info('duplicate Slack request ignored', { key });
        metrics?.request(kind, 'duplicate');
        await ackOf(args)?.();
        return;
      }
      try {
        await args.next();
        metrics?.request(kind, 'ok');
      } catch (err) {
        metrics?.request(kind, isDatabaseBusy(err) ? 'busy' : 'error');
        if (key) {
          try {
            processed.release(key);
          } catch (releaseErr) {
            logger.warn('could not give back a failed request\'s key; a Slack retry of it will be ignored', { key, error: releaseErr });
          }
        }
        throw err;
      }
    } finally {
      inFlight.leave();
    }
  };
}
