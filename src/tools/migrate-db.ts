/**
 * `npm run migrate-db -- --from ./data/crisis.db --to postgres://…`: moves the bot's SQLite database
 * to PostgreSQL (src/store/sql/copy-database.ts: every table and row, checked by count and checksum,
 * into an empty database only). --from defaults to DATABASE_PATH, --to to DATABASE_URL (the
 * environment, then .env). Stop the bot first: what it writes during the copy would not be copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DATABASE_PATH, isPostgresUrl, readDotEnv } from '../config';
import { copyDatabase, CopyRefusedError } from '../store/sql/copy-database';
import { MigrationDriftError } from '../store/migrations';
import { PostgresDatabase } from '../store/sql/postgres-client';
import { SqliteDatabase } from '../store/sql/sqlite-client';

const USAGE = `Usage: npm run migrate-db -- --from <sqlite file> --to <postgres://user:password@host:5432/database>
  Copies every table of the bot's SQLite database into an empty PostgreSQL database and checks it.
  --from defaults to DATABASE_PATH (${DEFAULT_DATABASE_PATH}), --to to DATABASE_URL. Stop the bot first.`;

function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at !== -1) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The command line; returns the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const known = (a: string, i: number): boolean => ['--from', '--to'].some((n) => a === n || a.startsWith(`${n}=`)) || ['--from', '--to'].includes(argv[i - 1] ?? '');
  if (argv.includes('--help') || !argv.every(known)) {
    log(USAGE);
    return 2;
  }
  readDotEnv(path.resolve(process.cwd(), '.env'), env);
  const from = path.resolve(option(argv, '--from') ?? (env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH));
  const to = option(argv, '--to') ?? env.DATABASE_URL?.trim();
  if (!to || !isPostgresUrl(to)) {
    log(`${to ? 'The target is not a PostgreSQL URL' : 'No target given'}: expected --to postgres://user:password@host:5432/database (or DATABASE_URL).\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(from)) {
    log(`There is no SQLite database at ${from}. Give its path with --from (or DATABASE_PATH).`);
    return 1;
  }
  const source = new SqliteDatabase(new Database(from, { readonly: true, fileMustExist: true }));
  const target = new PostgresDatabase({ url: to, max: 2, statementTimeoutMs: 0, lockTimeoutMs: 0 });
  try {
    log(`Copying ${from} to ${shown(to)}…`);
    const summary = await copyDatabase(source, target);
    if (summary.migrated.length) log(`Migrated the target: ${summary.migrated.join(', ')}`);
    const width = Math.max(...summary.tables.map((t) => t.table.length));
    for (const t of summary.tables) log(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} row${t.rows === 1 ? ' ' : 's'}  checksum ${t.checksum.slice(0, 16)}  ok`);
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    const crises = summary.tables.find((t) => t.table === 'crises')?.rows ?? 0;
    log(`Copied ${summary.tables.length} tables, ${rows} rows (${crises} crises); every table's row count and checksum match. This version of the bot still runs on SQLite only (it refuses DATABASE_URL until its store is converted, issue 21): keep DATABASE_PATH until then.`);
    return 0;
  } catch (err) {
    if (err instanceof CopyRefusedError || err instanceof MigrationDriftError) log(`Refused: ${err.message}`);
    else log(`The copy failed, and nothing was kept in the target: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await source.close();
    await target.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
