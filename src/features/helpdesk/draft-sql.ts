/**
 * schema.draft.sql, read for the tests and the bench that prove it: its DDL, and its named queries
 * (each `-- name: <id>` comment, then the commented statement up to its `;`). Goes away when the
 * draft becomes a numbered migration and the queries move into the feature's repository.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DRAFT_SQL_FILE = path.join(__dirname, 'schema.draft.sql');

export interface DraftSql {
  /** Everything that is not a comment: the tables and indexes. */
  ddl: string;
  queries: Record<string, string>;
}

export function readDraftSql(file = DRAFT_SQL_FILE): DraftSql {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const ddl = lines.filter((line) => !line.trimStart().startsWith('--')).join('\n');
  const queries: Record<string, string> = {};
  for (let i = 0; i < lines.length; i += 1) {
    const name = /^-- name: (\w+)/.exec(lines[i] ?? '')?.[1];
    if (name === undefined) continue;
    const sql: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').startsWith('-- '); j += 1) {
      const text = (lines[j] ?? '').slice(3);
      if (sql.length === 0 && !/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/.test(text)) continue;
      sql.push(text);
      if (text.trimEnd().endsWith(';')) break;
    }
    queries[name] = sql.join('\n');
  }
  return { ddl, queries };
}
