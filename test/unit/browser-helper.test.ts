/** The browser tests' helper finds an executable Chromium, or none (then those tests skip, saying how to install one). */
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from '../helpers/browser';
import { tempDir } from '../helpers/temp-files';

it('takes the first candidate that exists and may be run, and null when none does', () => {
  const dir = tempDir('chromium-find-');
  const notExecutable = path.join(dir, 'plain');
  const executable = path.join(dir, 'chromium');
  fs.writeFileSync(notExecutable, '');
  fs.writeFileSync(executable, '#!/bin/sh\n', { mode: 0o755 });
  expect(findChromium([path.join(dir, 'missing'), notExecutable, executable])).toBe(executable);
  expect(findChromium([path.join(dir, 'missing')])).toBeNull();
  expect(findChromium([])).toBeNull();
});
