/**
 * The few places where one SQL text cannot serve both engines, as small functions of the engine
 * that return a fragment to put into a statement. Everything else is written once (README.md says
 * what that shared subset is). Paths and column names here are the code's own, never a person's
 * words: they are put into the SQL text, not bound.
 */
import type { SqlEngine } from './client';

const PATH_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkedPath(path: readonly string[]): readonly string[] {
  if (path.length === 0 || !path.every((p) => PATH_PART.test(p))) throw new Error(`A JSON path is names such as ['due_at'] or ['before', 'text'], got ${JSON.stringify(path)}`);
  return path;
}

/**
 * A text value inside a JSON text column (`data_json`), NULL when missing: SQLite's
 * json_extract(column, '$.a.b'), PostgreSQL's (column::jsonb #>> '{a,b}'). Strings read the same
 * on both; a JSON number or boolean reads as text on PostgreSQL, so use jsonNumber for numbers.
 */
export function jsonText(engine: SqlEngine, column: string, path: readonly string[]): string {
  const parts = checkedPath(path);
  return engine === 'sqlite' ? `json_extract(${column}, '$.${parts.join('.')}')` : `(CAST(${column} AS jsonb) #>> '{${parts.join(',')}}')`;
}

/** A number inside a JSON text column, NULL when missing. */
export function jsonNumber(engine: SqlEngine, column: string, path: readonly string[]): string {
  return engine === 'sqlite' ? jsonText(engine, column, path) : `CAST(${jsonText(engine, column, path)} AS DOUBLE PRECISION)`;
}

/**
 * Seconds since 1970 of an ISO-8601 text time, with its fraction: in place of SQLite's julianday()
 * when times written in different shapes (an offset, no milliseconds) are compared or subtracted.
 * Times the bot writes itself (Date.toISOString(), one shape) compare as plain text on both engines.
 */
export function epochSeconds(engine: SqlEngine, isoText: string): string {
  return engine === 'sqlite' ? `((julianday(${isoText}) - 2440587.5) * 86400.0)` : `EXTRACT(EPOCH FROM CAST(${isoText} AS timestamptz))`;
}

/** `later - earlier` in seconds, both ISO-8601 text times. */
export function secondsBetween(engine: SqlEngine, later: string, earlier: string): string {
  return `(${epochSeconds(engine, later)} - ${epochSeconds(engine, earlier)})`;
}

/** The values of `expr` in a group joined by `separator` (a literal the code writes). */
export function joinedText(engine: SqlEngine, expr: string, separator: string): string {
  const quoted = `'${separator.replace(/'/g, "''")}'`;
  return engine === 'sqlite' ? `group_concat(${expr}, ${quoted})` : `string_agg(CAST(${expr} AS TEXT), ${quoted})`;
}

/**
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, nothing on SQLite (whose write lock already keeps a
 * second writer out): the end of a SELECT that claims rows other replicas must not take too.
 */
export function skipLocked(engine: SqlEngine): string {
  return engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
}

/**
 * The elements of a JSON array in a text column, as rows of one column `value` (aliased `k`):
 * SQLite's json_each, PostgreSQL's jsonb_array_elements_text.
 */
export function jsonElements(engine: SqlEngine, column: string): string {
  return engine === 'sqlite' ? `json_each(${column}) k` : `jsonb_array_elements_text(CAST(${column} AS jsonb)) AS k(value)`;
}
