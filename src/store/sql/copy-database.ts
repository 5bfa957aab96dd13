/**
 * Moving a SQLite database to PostgreSQL (`npm run migrate-db`, src/tools/migrate-db.ts): every
 * table, every row, with its history, ids kept.
 *
 * - The source must be at the latest migration (the bot applies them when it starts on the file):
 *   the PostgreSQL schema is the translation of exactly those files.
 * - The target is migrated first (under the replicas' migration lock), and refused when it already
 *   holds crises, or any rows at all: the copy never mixes two histories.
 * - Tables are copied parents first (from SQLite's foreign keys), in one transaction: a copy that
 *   fails leaves the target as it found it, so it can simply be run again.
 * - Identity sequences are set past the largest id, so the next crisis gets the next number.
 * - Each table is checked before the commit: the same row count, and the same checksum (SHA-256
 *   over the SHA-256 of each row's values as text, sorted, so neither engine's order or number
 *   types matter). A mismatch rolls the whole copy back.
 */
import { createHash } from 'node:crypto';
import type { SqlClient, SqlDatabase } from './client';
import { migrateSql } from './migrate';
import { defaultMigrationsDir, readMigrationFiles, type AppliedRow } from '../migrations';
import { migrationsApplied } from '../readiness';

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export interface TableCopy {
  table: string;
  rows: number;
  /** The table's checksum, the same on both sides. */
  checksum: string;
}

export interface CopySummary {
  /** The PostgreSQL migrations applied to the target before copying. */
  migrated: string[];
  tables: TableCopy[];
}

interface ColumnInfo {
  name: string;
}

interface ForeignKey {
  table: string;
}

const SKIPPED = new Set(['schema_migrations']);
/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 30_000;

/** The source's tables, each after every table it refers to. */
export async function tablesInDependencyOrder(source: SqlClient): Promise<string[]> {
  const names = (await source.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
    .map((t) => t.name)
    .filter((name) => !SKIPPED.has(name));
  const parents = new Map<string, string[]>();
  for (const name of names) {
    const keys = await source.all<ForeignKey>('SELECT "table" AS "table" FROM pragma_foreign_key_list(?)', [name]);
    parents.set(name, [...new Set(keys.map((k) => k.table).filter((t) => t !== name))]);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`the tables refer to each other in a cycle through ${name}`);
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) if (parents.has(parent)) visit(parent);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

async function columnsOf(source: SqlClient, table: string): Promise<string[]> {
  return (await source.all<ColumnInfo>('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table])).map((c) => c.name);
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A value as text for the checksum: NULL apart from every string, numbers as JavaScript writes them. */
function normalised(value: unknown): string {
  if (value === null || value === undefined) return '\u0000NULL';
  if (Buffer.isBuffer(value)) return `\u0000HEX${value.toString('hex')}`;
  return String(value);
}

export async function tableChecksum(db: SqlClient, table: string, columns: readonly string[]): Promise<{ rows: number; checksum: string }> {
  const rows = await db.all<Record<string, unknown>>(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)}`);
  const hashes = rows.map((row) => createHash('sha256').update(JSON.stringify(columns.map((c) => normalised(row[c])))).digest('hex')).sort();
  const all = createHash('sha256');
  for (const h of hashes) all.update(h);
  return { rows: rows.length, checksum: all.digest('hex') };
}

async function refuseUnfinishedSource(source: SqlClient): Promise<void> {
  const files = readMigrationFiles(defaultMigrationsDir());
  let applied: AppliedRow[];
  try {
    applied = await source.all<AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  } catch {
    throw new CopyRefusedError('The source is not a crisis bot database (it has no schema_migrations table).');
  }
  if (applied.length > files.length) throw new CopyRefusedError(`The source was migrated by a newer version of the bot (${applied.length} migrations, this one knows ${files.length}).`);
  const state = migrationsApplied(applied, files);
  if (!state.ready) throw new CopyRefusedError(`The source is not at the latest migration (${state.problem}): start the bot on it once, which applies them, then copy.`);
}

async function refuseFilledTarget(target: SqlClient, tables: readonly string[]): Promise<void> {
  const crises = await target.get<{ crises: string | null }>("SELECT to_regclass('public.crises') AS crises");
  if (crises?.crises) {
    const held = await target.get<{ n: number }>('SELECT COUNT(*) AS n FROM crises');
    if ((held?.n ?? 0) > 0) throw new CopyRefusedError(`The target already holds ${held?.n} crises: migrate-db copies only into an empty database, so two histories never mix.`);
  }
  for (const table of tables) {
    const exists = await target.get<{ found: string | null }>('SELECT to_regclass(?) AS found', [`public.${table}`]);
    if (!exists?.found) continue;
    const rows = await target.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`);
    if ((rows?.n ?? 0) > 0) throw new CopyRefusedError(`The target already holds rows in ${table}: migrate-db copies only into an empty database.`);
  }
}

/**
 * The order rows are read in: as they were inserted (rowid), so a row that refers to an earlier one of
 * its table arrives after it; a WITHOUT ROWID table (the help desks' tables) has no rowid, and is read
 * in its primary key's order.
 */
async function readOrder(source: SqlClient, table: string): Promise<string> {
  const made = await source.get<{ sql: string | null }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
  if (!/\)\s*WITHOUT\s+ROWID\s*;?\s*$/i.test(made?.sql ?? '')) return 'rowid';
  const keys = await source.all<{ name: string }>('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table]);
  return keys.map((k) => quoted(k.name)).join(', ');
}

async function copyTable(source: SqlClient, tx: SqlClient, table: string, columns: readonly string[]): Promise<number> {
  const rows = await source.all<Record<string, unknown>>(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)} ORDER BY ${await readOrder(source, table)}`);
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const names = columns.map(quoted).join(', ');
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    const values = batch.flatMap((row) => columns.map((c) => row[c] as string | number | bigint | Buffer | null));
    await tx.run(`INSERT INTO ${quoted(table)} (${names}) VALUES ${placeholders}`, values);
  }
  return rows.length;
}

/** After explicit ids, each identity continues past the largest. */
async function resetIdentities(tx: SqlClient, tables: readonly string[]): Promise<void> {
  const identities = await tx.all<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of identities) {
    if (!tables.includes(table)) continue;
    await tx.get(
      `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(${quoted(column)}) FROM ${quoted(table)}), 0) + 1, false) AS next`,
      [table, column],
    );
  }
}

export interface CopyOptions {
  /** Told each table as it is copied. */
  progress?: (table: string, rows: number) => void;
  now?: () => Date;
}

/** Copies `source` (SQLite, at the latest migration) into `target` (PostgreSQL, empty), and checks it. */
export async function copyDatabase(source: SqlDatabase, target: SqlDatabase, options: CopyOptions = {}): Promise<CopySummary> {
  if (source.engine !== 'sqlite' || target.engine !== 'postgres') throw new CopyRefusedError('migrate-db copies a SQLite database into PostgreSQL.');
  await refuseUnfinishedSource(source);
  const tables = await tablesInDependencyOrder(source);
  await refuseFilledTarget(target, tables);
  const migrated = await migrateSql(target, options.now ? { now: options.now } : {});
  await refuseFilledTarget(target, tables);

  const columns = new Map<string, string[]>();
  for (const table of tables) columns.set(table, await columnsOf(source, table));
  const copied = await target.transaction(
    async (tx) => {
      for (const table of tables) {
        const rows = await copyTable(source, tx, table, columns.get(table) ?? []);
        options.progress?.(table, rows);
      }
      await resetIdentities(tx, tables);
      // Checked before the commit: a copy that does not match is rolled back, never left behind.
      const checked: TableCopy[] = [];
      for (const table of tables) {
        const cols = columns.get(table) ?? [];
        const [before, after] = await Promise.all([tableChecksum(source, table, cols), tableChecksum(tx, table, cols)]);
        if (before.rows !== after.rows) throw new Error(`${table}: ${before.rows} rows in the source, ${after.rows} in the copy; nothing was kept`);
        if (before.checksum !== after.checksum) {
          throw new Error(`${table}: the rows of the copy differ from the source's (checksum ${before.checksum.slice(0, 12)} ≠ ${after.checksum.slice(0, 12)}); nothing was kept`);
        }
        checked.push({ table, rows: before.rows, checksum: before.checksum });
      }
      return checked;
    },
    { isolation: 'read committed', retries: 0 },
  );
  return { migrated, tables: copied };
}
