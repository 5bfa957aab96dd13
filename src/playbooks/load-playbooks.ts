/**
 * Reading the playbooks folder once at start-up: every `<type>.yaml` (and `general.yaml`) is
 * parsed and checked, and everything wrong in any file is reported together, each problem naming
 * the file and the field, so a team fixes its plan in one go. A bad folder stops start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_TYPE, EMPTY_GENERAL_PLAN, GENERAL_PLAN, PlaybookCatalog, type GeneralPlan, type Playbook } from '../core/playbook';
import { parseGeneralPlan, parsePlaybook, TYPE_ID } from './playbook-schema';

export class PlaybookError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`The playbooks in ${dir} are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlaybookError';
  }
}

/** playbooks/ at the project root, whether running from src/ (ts-node) or dist/src/ (built). */
export function defaultPlaybooksDir(): string {
  const candidates = [path.resolve(__dirname, '../../playbooks'), path.resolve(__dirname, '../../../playbooks')];
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`No playbooks folder found (looked in ${candidates.join(', ')})`);
  return found;
}

const YAML_FILE = /\.ya?ml$/;

/** Loads and checks every playbook in `dir`; throws one PlaybookError naming every problem. */
export function loadPlaybooks(dir: string = defaultPlaybooksDir()): PlaybookCatalog {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => YAML_FILE.test(f)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlaybookError(dir, [`the folder cannot be read (${code ?? String(err)}); expected a folder of playbook files such as outage.yaml`]);
  }
  const problems: string[] = [];
  const playbooks: Playbook[] = [];
  const seen = new Map<string, string>();
  let general: GeneralPlan = EMPTY_GENERAL_PLAN;
  for (const file of names) {
    const id = file.replace(YAML_FILE, '');
    if (!TYPE_ID.test(id)) {
      problems.push(`${file}: the file name is the crisis type as typed in commands; expected lower-case letters, digits, - and _ (at most 30), e.g. recall.yaml`);
      continue;
    }
    const twin = seen.get(id);
    if (twin) {
      problems.push(`${file}: the type "${id}" is also defined by ${twin}; expected one file per type`);
      continue;
    }
    seen.set(id, file);
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    if (id === GENERAL_PLAN) {
      const parsed = parseGeneralPlan(source);
      if (parsed.ok) general = parsed.value;
      else problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
      continue;
    }
    const parsed = parsePlaybook(id, source);
    if (parsed.ok) playbooks.push(parsed.value);
    else problems.push(...parsed.problems.map((p) => `${file}: ${p}`));
  }
  if (!seen.has(DEFAULT_TYPE)) problems.push(`${DEFAULT_TYPE}.yaml: missing; expected a playbook for "${DEFAULT_TYPE}", the type of a crisis declared without one`);
  // A crisis of one type is offered its own templates and the general ones by id: one id, one template.
  const generalIds = new Set(general.templates.map((t) => t.id));
  for (const p of playbooks) {
    p.templates.forEach((t, i) => {
      if (generalIds.has(t.id)) problems.push(`${seen.get(p.id) ?? p.id}: templates[${i}].id: "${t.id}" is also a general template (general.yaml); expected ids unique across a type and the general plan`);
    });
  }
  if (problems.length > 0) throw new PlaybookError(dir, problems);
  return new PlaybookCatalog(playbooks, general);
}
