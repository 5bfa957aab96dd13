/**
 * Parameters for PostgreSQL: the repositories write `?` (bound from an array) or `@name` (bound
 * from an object), as better-sqlite3 takes them; PostgreSQL wants `$1, $2, …`. The text is scanned
 * once per distinct statement (the result is kept), skipping what is quoted: strings, quoted
 * identifiers, comments and dollar-quoted bodies. A name used twice becomes one `$n` used twice.
 */
import type { SqlParams, SqlValue } from './client';

export interface PostgresStatement {
  /** The text with `$n` placeholders. */
  text: string;
  /** `@name` parameters, in `$n` order; empty for `?` parameters. */
  names: readonly string[];
  /** How many `?` there were (0 for named parameters). */
  positional: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/** Where the quoted or commented span starting at `i` ends (the index after it), or -1 if it is none. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2; // '' inside a string, "" inside an identifier
        else return j + 1;
      } else j += 1;
    }
    return sql.length;
  }
  if (c === '-' && next === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end + 1;
  }
  if (c === '/' && next === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag && !(i > 0 && IDENT_PART.test(sql[i - 1] ?? ''))) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? sql.length : end + tag[0].length;
    }
  }
  return -1;
}

export function toPostgresStatement(sql: string): PostgresStatement {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuoted(sql, i);
    if (skipped !== -1) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const c = sql[i] as string;
    if (c === '?') {
      positional += 1;
      out += `$${positional}`;
      i += 1;
      continue;
    }
    if (c === '@' && IDENT_START.test(sql[i + 1] ?? '') && !IDENT_PART.test(sql[i - 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && IDENT_PART.test(sql[j] as string)) j += 1;
      const name = sql.slice(i + 1, j);
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      out += `$${index + 1}`;
      i = j;
      continue;
    }
    out += c;
    i += 1;
  }
  if (positional > 0 && names.length > 0) throw new Error(`A statement takes either ? or @name parameters, not both: ${sql}`);
  return { text: out, names, positional };
}

function isPositional(params: SqlParams): params is readonly SqlValue[] {
  return Array.isArray(params);
}

/** What better-sqlite3 would refuse is refused here too, so both engines accept the same calls. */
function bindable(value: SqlValue): SqlValue {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || Buffer.isBuffer(value)) return value;
  throw new TypeError('SQL parameters are numbers, strings, bigints, buffers and null (write booleans as 1 and 0)');
}

/** The values in `$n` order, checked as better-sqlite3 checks them. */
export function postgresValues(statement: PostgresStatement, params: SqlParams | undefined): SqlValue[] {
  if (statement.names.length > 0) {
    if (params === undefined || isPositional(params)) throw new RangeError('This statement takes named parameters (@name): pass an object');
    return statement.names.map((name) => {
      if (!(name in params)) throw new RangeError(`Missing named parameter "${name}"`);
      return bindable(params[name]);
    });
  }
  const values = params === undefined ? [] : isPositional(params) ? params : undefined;
  if (values === undefined) {
    if (statement.positional === 0) return [];
    throw new RangeError('This statement takes ? parameters: pass an array');
  }
  if (values.length > statement.positional) throw new RangeError('Too many parameter values were provided');
  if (values.length < statement.positional) throw new RangeError('Too few parameter values were provided');
  return values.map(bindable);
}
