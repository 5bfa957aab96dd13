/**
 * What `npm run demo` leaves behind: every file the bot uploaded to the emulated Slack (the
 * debriefs as Markdown, their volume charts as PNG, the report across crises and its chart),
 * written to a folder people can open, `demo-output/` unless `--out <dir>` says otherwise. The
 * emulator keeps them only in memory, and the demo's database is temporary, so without this
 * nothing the demo made would outlive it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SlackEmulator } from '../emulator';

export const DEFAULT_OUT_DIR = 'demo-output';

export const DEMO_USAGE = 'Usage: npm run demo [-- --out <dir>]   (the files the demo makes go to <dir>, default demo-output/)';

export type DemoArgs = { kind: 'run'; outDir: string } | { kind: 'help' } | { kind: 'bad'; message: string };

/** `--out <dir>` or `--out=<dir>`, `--help`; anything else is refused with what is accepted. */
export function parseDemoArgs(argv: readonly string[], cwd: string): DemoArgs {
  let out = DEFAULT_OUT_DIR;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? argv[(i += 1)] : arg.slice('--out='.length);
      if (value === undefined || value.trim() === '' || value.startsWith('--')) return { kind: 'bad', message: '--out needs a folder, e.g. `npm run demo -- --out /tmp/demo`.' };
      out = value;
      continue;
    }
    return { kind: 'bad', message: `${arg} is not an option of the demo.` };
  }
  return { kind: 'run', outDir: path.resolve(cwd, out) };
}

export interface WrittenFile {
  name: string;
  bytes: number;
}

/**
 * Writes every file uploaded to the emulator into `dir` (made if missing), by its file name; a
 * name uploaded twice (an interim debrief, then the final one) keeps the latest. Other files in
 * the folder are left alone.
 */
export function writeDemoFiles(emu: SlackEmulator, dir: string): WrittenFile[] {
  fs.mkdirSync(dir, { recursive: true });
  const latest = new Map<string, Buffer>();
  for (const file of emu.files()) {
    const bytes = emu.fileBytes(file.id);
    // Only a plain file name: an upload's name must not write outside the folder.
    const name = path.basename(file.filename);
    if (bytes && name && name !== '.' && name !== '..') latest.set(name, bytes);
  }
  const written: WrittenFile[] = [];
  for (const [name, bytes] of [...latest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    fs.writeFileSync(path.join(dir, name), bytes);
    written.push({ name, bytes: bytes.length });
  }
  return written;
}
