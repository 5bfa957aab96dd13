/**
 * What the process does with an error that nothing caught (README, "When something escapes"):
 *
 * - `unhandledRejection`: a promise that failed with nobody awaiting it. The failure unwound through
 *   async frames of one piece of work (a request, a tick); every change the bot makes is a SQLite
 *   transaction, so nothing is half-written, and Node's default (exit) would drop every other
 *   request in flight and the reminders with them. It is logged with its stack and what was in
 *   flight, and the bot keeps serving.
 * - `uncaughtException`: a synchronous throw that reached the event loop, possibly from the middle
 *   of code that was changing something in memory (ours, Bolt's, a socket's). Node documents that
 *   carrying on from there is unsafe. It is logged, the bot stops as on SIGTERM (no new work, the
 *   work in flight gets up to CRASH_GRACE_MS, the database is closed), and the process exits 1 for
 *   its supervisor to restart it; start-up catches up on the reminders that fell due meanwhile.
 */
import type { Logger } from './logger';

export interface ProcessPolicyOptions {
  /** The logger once there is one (before the configuration is read, lines go to stderr as they are). */
  logger(): Logger | undefined;
  /** Stops the bot if one is running or starting; undefined when there is none. */
  stop(): Promise<void> | undefined;
  /** Work in flight, for the log line. */
  inFlight(): number | undefined;
  exit(code: number): void;
  graceMs?: number;
}

/** A crashing bot finishes what it is doing for at most this long. */
export const CRASH_GRACE_MS = 10_000;

function describe(reason: unknown): unknown {
  if (reason instanceof Error) return reason;
  try {
    return JSON.parse(JSON.stringify(reason ?? null)) as unknown;
  } catch {
    return String(reason);
  }
}

export function installProcessPolicy(proc: NodeJS.Process, options: ProcessPolicyOptions): void {
  const log = (message: string, fields: Record<string, unknown>): void => {
    const logger = options.logger();
    if (logger) logger.error(message, fields);
    else proc.stderr.write(`${message}: ${fields.error instanceof Error ? (fields.error.stack ?? fields.error.message) : String(fields.error)}\n`);
  };
  const context = (): Record<string, unknown> => ({ inFlight: options.inFlight() ?? 0, uptimeSeconds: Math.round(proc.uptime()) });

  proc.on('unhandledRejection', (reason) => {
    log('unhandled promise rejection; the bot keeps serving', { error: describe(reason), ...context() });
  });

  let crashing = false;
  proc.on('uncaughtException', (error, origin) => {
    if (crashing) {
      log('another uncaught exception while stopping; exiting now', { error, origin });
      return options.exit(1);
    }
    crashing = true;
    log('uncaught exception; stopping and exiting for the supervisor to restart the bot', { error, origin, ...context() });
    const stopping = options.stop();
    if (!stopping) return options.exit(1);
    const timer = setTimeout(() => options.exit(1), options.graceMs ?? CRASH_GRACE_MS);
    stopping.then(
      () => (clearTimeout(timer), options.exit(1)),
      () => (clearTimeout(timer), options.exit(1)),
    );
  });
}
