/**
 * The layout's rules, checked on the source (README, "Layout"): the core imports no feature and not
 * the composition root; infrastructure imports no feature; a feature reaches another only through
 * its index.ts; every feature registers exactly one module, and every migration is claimed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FEATURES } from '../../src/app/features';

const SRC = path.resolve(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of a file, as a path under src/ without its extension. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s+'(\.[^']+)'/g)].map((m) => path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? '')));
}

function violations(files: string[], bad: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter((t) => bad(t, file)).map((t) => `${path.relative(SRC, file)} → ${t}`));
}

describe('the layout', () => {
  it('the core imports no feature and not the composition root', () => {
    expect(violations(filesUnder(path.join(SRC, 'core')), (t) => t.startsWith('features/') || t.startsWith('app/'))).toEqual([]);
  });

  it('infrastructure (slack, store, http, chart, emulator, scheduler) imports no feature and not the composition root', () => {
    const infra = ['slack', 'store', 'http', 'chart', 'emulator', 'scheduler'].flatMap((d) => filesUnder(path.join(SRC, d)));
    expect(violations(infra, (t) => t.startsWith('features/') || t.startsWith('app/'))).toEqual([]);
  });

  it('a feature reaches another feature only through its index.ts', () => {
    const features = filesUnder(path.join(SRC, 'features'));
    const deep = violations(features, (target, file) => {
      const [root, feature, ...rest] = target.split(path.sep);
      const own = path.relative(SRC, file).split(path.sep)[1];
      return root === 'features' && feature !== own && !(rest.length === 0 || (rest.length === 1 && rest[0] === 'index'));
    });
    expect(deep).toEqual([]);
  });

  it('every feature folder registers one module under its own name, and every migration is claimed by one', () => {
    const folders = fs.readdirSync(path.join(SRC, 'features'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(FEATURES.map((f) => f.id).sort()).toEqual(folders.sort());
    const migrations = fs.readdirSync(path.resolve(SRC, '../migrations')).filter((f) => f.endsWith('.sql'));
    const claimed = new Set(FEATURES.flatMap((f) => f.migrations));
    expect(migrations.filter((m) => !claimed.has(m))).toEqual([]);
    expect([...claimed].filter((m) => !migrations.includes(m))).toEqual([]);
  });
});
