/**
 * A stored row that does not read as it should (hand-edited, or written by a version that knew
 * other values): its reader goes on with a fallback (no items, the default audience), so one bad row
 * costs one figure, not the whole view. It is never silent: the first one of each place is logged as
 * a warning, and every one is counted in /metrics (`crisis_bot_bad_stored_rows{where}`).
 */
import type { z } from 'zod';
import type { Logger } from '../logger';

const counts = new Map<string, number>();
const warned = new Set<string>();
let logger: Pick<Logger, 'warn'> | undefined;

/** Where the bot's warnings go (set at start-up); until then, rows are only counted. */
export function reportBadRowsTo(to: Pick<Logger, 'warn'>): void {
  logger = to;
}

/** A row at `where` (e.g. `handovers.open_items`) could not be read; the caller uses its fallback. */
export function badStoredRow(where: string, error: unknown): void {
  counts.set(where, (counts.get(where) ?? 0) + 1);
  if (warned.has(where) || !logger) return;
  warned.add(where);
  logger.warn('a stored row could not be read; its reader used a fallback (counted in crisis_bot_bad_stored_rows)', { where, error });
}

/** How many bad rows each place has met since the process started. */
export function badStoredRowCounts(): ReadonlyMap<string, number> {
  return counts;
}

/** Stored JSON read against its schema; what does not read is counted and told (above) and gives `fallback`. */
export function storedJson<T>(where: string, schema: z.ZodType<T>, json: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
    badStoredRow(where, parsed.error);
  } catch (err) {
    badStoredRow(where, err);
  }
  return fallback;
}
