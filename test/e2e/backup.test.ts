/**
 * `npm run backup -- <file>`: an online copy of the live database while the bot runs and writes,
 * with only DATABASE_PATH set (no Slack tokens). The copy is then restored by starting a bot on it,
 * which finds the crises and carries on.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase, BackupError, main } from '../../src/tools/backup';
import { builtFile } from '../helpers/built';
import { ALICE, BOB, GENERAL, startHarness, tempDbFile, type Harness, sqliteOf } from '../helpers/harness';
import { command, declare } from './fixtures/crisis-steps';

const ROOT = path.resolve(__dirname, '../..');

function npmBackup(target: string, databasePath: string): Promise<{ code: number | null; output: string }> {
  // `npm run backup` runs the built JavaScript; built here first, one test worker at a time.
  builtFile('src/tools/backup.ts');
  // Only what npm needs, and DATABASE_PATH: no Slack token or secret is passed.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_PATH: databasePath };
  const child = spawn('npm', ['run', '--silent', 'backup', '--', target], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('online backup', () => {
  let live: Harness;
  let restored: Harness | undefined;

  beforeAll(async () => {
    live = await startHarness();
  });
  afterAll(async () => {
    await restored?.close();
    await live.close();
  });

  it('copies the live database while the bot writes, and the copy starts a bot that finds the crises', async () => {
    const titles = ['Warehouse flood', 'Payroll late', 'Press leak'];
    const crises = [];
    for (const title of titles) crises.push(await declare(live, ALICE, GENERAL, title));
    const first = crises[0];
    if (!first) throw new Error('no crisis');
    await command(live, BOB, first.channelId, 'note before the backup');

    const target = path.join(path.dirname(tempDbFile()), 'backups', 'crisis-copy.db');
    const backup = npmBackup(target, live.dbFile);
    // The bot keeps taking notes while the backup process starts and copies.
    let notes = 0;
    let finished = false;
    void backup.then(() => (finished = true));
    while (!finished) {
      expect((await command(live, BOB, first.channelId, `note during the backup ${notes}`)).ack).toContain('Noted');
      notes += 1;
    }
    const { code, output } = await backup;
    expect(output).toMatch(/Backed up .*crisis\.db to .*crisis-copy\.db: \d+ pages, \d+ bytes, 3 crises \(3 open\)\. Integrity: ok\./);
    expect(code).toBe(0);
    expect(notes).toBeGreaterThan(0);
    // One self-contained file.
    expect(fs.existsSync(`${target}-wal`)).toBe(false);

    restored = await startHarness({ dbFile: target });
    const list = JSON.stringify((await restored.driver.slashCommand({ userId: BOB, channelId: GENERAL, text: 'list' })).json);
    for (const title of titles) expect(list).toContain(title);
    const copiedNotes = restored.bot.store.timeline.list(first.id).filter((e) => e.kind === 'note');
    expect(copiedNotes[0]?.text).toBe('before the backup');
    // A consistent moment of the live file: a prefix of the notes taken meanwhile.
    copiedNotes.slice(1).forEach((n, i) => expect(n.text).toBe(`during the backup ${i}`));
    expect(sqliteOf(restored.bot.db).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(restored.bot.store.reminders.get(first.id)?.enabled).toBe(true);
  });

  it('refuses a missing database, the database itself, and an existing file', async () => {
    const missing = path.join(path.dirname(tempDbFile()), 'nothing.db');
    await expect(backupDatabase(missing, `${missing}.bak`)).rejects.toThrow(new BackupError(`There is no database at ${missing}. Set DATABASE_PATH to the bot's database file.`));
    await expect(backupDatabase(live.dbFile, live.dbFile)).rejects.toThrow('The backup file must not be the database itself.');
    const target = path.join(path.dirname(live.dbFile), 'exists.db');
    fs.writeFileSync(target, 'not a database');
    await expect(backupDatabase(live.dbFile, target)).rejects.toThrow(/already exists\. Pick a new file name, or add --force/);
    const forced = await backupDatabase(live.dbFile, target, { force: true });
    expect(forced.crises).toBe(3);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM crises').get()).toEqual({ n: 3 });
    copy.close();
  });

  it('prints usage without a file, and names the problem without exiting 0', async () => {
    const lines: string[] = [];
    expect(await main([], {}, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/^Usage: npm run backup -- <backup-file> \[--force\]/);
    const env = { DATABASE_PATH: path.join(path.dirname(tempDbFile()), 'absent.db') };
    expect(await main(['somewhere.db'], env, (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toMatch(/^There is no database at .*absent\.db/);
  });
});
