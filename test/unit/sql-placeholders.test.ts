/** `?` and `@name` turned into PostgreSQL's `$n`, leaving what is quoted alone (src/store/sql/placeholders.ts). */
import { postgresValues, toPostgresStatement } from '../../src/store/sql/placeholders';

it('numbers ? in order', () => {
  expect(toPostgresStatement('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)', names: [], positional: 3 });
});

it('gives each @name one $n, reused where the name is', () => {
  const s = toPostgresStatement('UPDATE t SET a = @at, b = @by WHERE c = @at');
  expect(s).toEqual({ text: 'UPDATE t SET a = $1, b = $2 WHERE c = $1', names: ['at', 'by'], positional: 0 });
  expect(postgresValues(s, { by: 'U1', at: 'now', extra: 1 })).toEqual(['now', 'U1']);
});

it('leaves strings, quoted names, comments, dollar-quoted bodies, casts and operators alone', () => {
  const sql = `SELECT '?', 'it''s @x', "odd?name", x::text, a @> b, $$ ? @y $$, $tag$ ? $tag$ -- ?
    /* @z ? */ FROM t WHERE e = ?`;
  const s = toPostgresStatement(sql);
  expect(s.positional).toBe(1);
  expect(s.text).toBe(sql.replace('e = ?', 'e = $1'));
});

it('refuses a statement mixing both kinds, and values that do not fit', () => {
  expect(() => toPostgresStatement('SELECT ? , @a')).toThrow('either ? or @name');
  expect(() => postgresValues(toPostgresStatement('SELECT @a'), ['x'])).toThrow('pass an object');
  expect(() => postgresValues(toPostgresStatement('SELECT ?'), { a: 1 })).toThrow('pass an array');
  expect(() => postgresValues(toPostgresStatement('SELECT ?, ?'), [1])).toThrow('Too few');
  expect(postgresValues(toPostgresStatement('SELECT ?'), [undefined])).toEqual([null]);
});
