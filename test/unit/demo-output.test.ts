/**
 * What `npm run demo` takes on its command line and what it leaves behind: `--out <dir>` (or
 * `--out=<dir>`) names the folder, `demo-output/` by default, anything else is refused with what is
 * accepted; every file uploaded to the emulator is written there by its name, the latest of a name
 * winning, never outside the folder, and nothing else in the folder is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OUT_DIR, parseDemoArgs, writeDemoFiles } from '../../src/demo/demo-output';
import type { SlackEmulator } from '../../src/emulator';
import { tempDir } from '../helpers/temp-files';

describe('parseDemoArgs', () => {
  const cwd = path.join(path.sep, 'work', 'repo');

  it('writes to demo-output/ in the current folder by default, or where --out says', () => {
    expect(DEFAULT_OUT_DIR).toBe('demo-output');
    expect(parseDemoArgs([], cwd)).toEqual({ kind: 'run', outDir: path.join(cwd, 'demo-output') });
    expect(parseDemoArgs(['--out', 'files'], cwd)).toEqual({ kind: 'run', outDir: path.join(cwd, 'files') });
    expect(parseDemoArgs(['--out=/tmp/x'], cwd)).toEqual({ kind: 'run', outDir: path.resolve('/tmp/x') });
    expect(parseDemoArgs(['--help'], cwd)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--out'], '--out needs a folder'],
    [['--out', '--help'], '--out needs a folder'],
    [['--out='], '--out needs a folder'],
    [['--bogus'], '--bogus is not an option of the demo.'],
    [['extra'], 'extra is not an option of the demo.'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseDemoArgs(argv, cwd);
    expect(parsed.kind).toBe('bad');
    expect(parsed.kind === 'bad' && parsed.message).toContain(message);
  });
});

describe('writeDemoFiles', () => {
  /** An emulator holding these uploads, as far as writeDemoFiles reads one. */
  function emulatorWith(files: Array<{ id: string; filename: string; bytes: Buffer }>): SlackEmulator {
    return {
      files: () => files.map((f) => ({ id: f.id, filename: f.filename, title: f.filename, content: f.bytes.toString('utf8'), channelId: undefined })),
      fileBytes: (id: string) => files.find((f) => f.id === id)?.bytes,
    } as unknown as SlackEmulator;
  }

  it('writes every upload by its name, bytes as sent, the latest of a name; makes the folder; leaves other files alone', () => {
    const dir = path.join(tempDir('crisis-demo-files-'), 'nested', 'out');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const written = writeDemoFiles(
      emulatorWith([
        { id: 'F1', filename: 'crisis-x-debrief.md', bytes: Buffer.from('# interim') },
        { id: 'F2', filename: 'crisis-x-volume.png', bytes: png },
        { id: 'F3', filename: 'crisis-x-debrief.md', bytes: Buffer.from('# final') },
        { id: 'F4', filename: '../../escape.md', bytes: Buffer.from('kept inside') },
      ]),
      dir,
    );
    expect(written).toEqual([
      { name: 'crisis-x-debrief.md', bytes: 7 },
      { name: 'crisis-x-volume.png', bytes: 6 },
      { name: 'escape.md', bytes: 11 },
    ]);
    expect(fs.readFileSync(path.join(dir, 'crisis-x-debrief.md'), 'utf8')).toBe('# final');
    expect(fs.readFileSync(path.join(dir, 'crisis-x-volume.png')).equals(png)).toBe(true);
    expect(fs.existsSync(path.join(dir, '..', '..', 'escape.md'))).toBe(false);

    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    writeDemoFiles(emulatorWith([]), dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['crisis-x-debrief.md', 'crisis-x-volume.png', 'escape.md', 'notes.txt']);
  });
});
