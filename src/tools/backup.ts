/**
 * `npm run backup -- <file> [--force]`: an online copy of the bot's SQLite database, taken with
 * SQLite's backup API (better-sqlite3's `db.backup()`), so the bot can keep running and writing.
 * Only DATABASE_PATH is read (the environment, then .env): a backup needs no Slack tokens. The copy
 * is checked (integrity_check) and turned into one self-contained file before it is called done.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DATABASE_PATH, readDotEnv } from '../config';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupResult {
  source: string;
  target: string;
  pages: number;
  bytes: number;
  crises: number;
  openCrises: number;
}

export async function backupDatabase(sourceFile: string, targetFile: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const source = path.resolve(sourceFile);
  const target = path.resolve(targetFile);
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}. Set DATABASE_PATH to the bot's database file.`);
  if (source === target) throw new BackupError('The backup file must not be the database itself.');
  if (fs.existsSync(target) && !options.force) throw new BackupError(`${target} already exists. Pick a new file name, or add --force to replace it.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (options.force) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });

  const live = new Database(source, { fileMustExist: true });
  let pages: number;
  try {
    // The bot may hold a write lock for a moment; wait for it rather than fail.
    live.pragma('busy_timeout = 5000');
    pages = (await live.backup(target)).totalPages;
  } finally {
    live.close();
  }

  const copy = new Database(target, { fileMustExist: true });
  try {
    // The copy keeps the live file's WAL mode; a backup is better as one file that can be moved.
    copy.pragma('journal_mode = DELETE');
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new BackupError(`The copy failed SQLite's integrity check: ${integrity}`);
    const count = (sql: string): number => Number((copy.prepare(sql).get() as { n: number | bigint }).n);
    const crises = count('SELECT COUNT(*) AS n FROM crises');
    const openCrises = count(`SELECT COUNT(*) AS n FROM crises WHERE status <> 'resolved'`);
    return { source, target, pages, bytes: fs.statSync(target).size, crises, openCrises };
  } finally {
    copy.close();
  }
}

const USAGE = `Usage: npm run backup -- <backup-file> [--force]\n  Copies the database at DATABASE_PATH (default ${DEFAULT_DATABASE_PATH}) while the bot runs.`;

/** The command line; returns the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const force = argv.includes('--force');
  const files = argv.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]?.startsWith('-') || argv.includes('--help')) {
    log(USAGE);
    return 2;
  }
  readDotEnv(path.resolve(process.cwd(), '.env'), env);
  const source = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  try {
    const r = await backupDatabase(source, files[0] ?? '', { force });
    log(`Backed up ${r.source} to ${r.target}: ${r.pages} pages, ${r.bytes} bytes, ${r.crises} crises (${r.openCrises} open). Integrity: ok.`);
    return 0;
  } catch (err) {
    log(err instanceof BackupError ? err.message : `The backup failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
