/**
 * Small helpers for reading untyped JSON (request bodies, Block Kit) without `any`:
 * narrowing guards and accessors that return `undefined` instead of throwing.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(obj: unknown, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function obj(o: unknown, key: string): JsonObject | undefined {
  if (!isObject(o)) return undefined;
  const value = o[key];
  return isObject(value) ? value : undefined;
}

export function arr(o: unknown, key: string): unknown[] | undefined {
  if (!isObject(o)) return undefined;
  const value = o[key];
  return Array.isArray(value) ? value : undefined;
}

/** Characters as Slack counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** A deep copy through JSON, so stored state never aliases what a caller holds. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
