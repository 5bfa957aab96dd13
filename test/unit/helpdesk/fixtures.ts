/** The help-desk fixtures (test/fixtures/helpdesk, shaped as each desk's docs show: see SOURCES.md there). */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURE_DIR = path.resolve(__dirname, '../../fixtures/helpdesk');

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}

export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}
