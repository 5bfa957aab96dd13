/**
 * Issue 10, the playbooks: every shipped playbook loads and says what a CX lead would want it to
 * say; a broken folder stops loading with one message naming each file, field and expectation; a
 * team's own folder replaces the shipped one; the catalog's small API for the other features.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIENCES, fillTemplate, PlaybookCatalog, TEMPLATE_PLACEHOLDERS, unknownPlaceholders, type Playbook } from '../../src/core/playbook';
import { ROLE_CHECKLISTS, ROLES } from '../../src/core/roles';
import { defaultPlaybooksDir, loadPlaybooks, PlaybookError } from '../../src/playbooks/load-playbooks';

const shipped = loadPlaybooks();

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-playbooks-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): void {
  fs.writeFileSync(path.join(dir, name), text);
}

/** A copy of the shipped folder in `dir`, to break one file at a time. */
function copyShipped(): void {
  for (const f of fs.readdirSync(defaultPlaybooksDir())) fs.copyFileSync(path.join(defaultPlaybooksDir(), f), path.join(dir, f));
}

function problems(): string[] {
  try {
    loadPlaybooks(dir);
  } catch (err) {
    if (err instanceof PlaybookError) return err.problems;
    throw err;
  }
  throw new Error('the folder loaded');
}

const OTHER = 'label: Other\ndefault_severity: sev2\n';

function playbook(id: string): Playbook {
  const found = shipped.find(id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('the shipped playbooks', () => {
  it('are outage, recall, shipping, breach, pr and other, with labels and default severities', () => {
    expect(shipped.ids()).toEqual(['breach', 'outage', 'pr', 'recall', 'shipping', 'other']);
    expect(shipped.all().map((p) => [p.id, p.label, p.defaultSeverity])).toEqual([
      ['breach', 'Data breach', 'sev1'],
      ['outage', 'Service outage', 'sev2'],
      ['pr', 'Complaint storm or bad press', 'sev2'],
      ['recall', 'Product recall', 'sev1'],
      ['shipping', 'Shipping delay', 'sev3'],
      // A crisis declared without a type keeps the contract's default severity.
      ['other', 'Other', 'sev2'],
    ]);
  });

  it('make a breach private, and nothing else', () => {
    expect(shipped.all().filter((p) => p.private).map((p) => p.id)).toEqual(['breach']);
  });

  it('give a breach the 72-hour GDPR Art. 33 clock and a recall the 24-hour regulator clock', () => {
    expect(shipped.deadlinesFor('breach')).toEqual([
      { id: 'authority', label: expect.stringContaining('GDPR Art. 33') as string, dueAfterMinutes: 72 * 60, remindBeforeMinutes: [24 * 60, 6 * 60, 60] },
    ]);
    expect(shipped.deadlinesFor('breach')[0]?.label).toContain('supervisory authority');
    expect(shipped.deadlinesFor('recall')).toEqual([
      { id: 'regulator', label: expect.stringContaining('CPSC') as string, dueAfterMinutes: 24 * 60, remindBeforeMinutes: [12 * 60, 4 * 60, 60] },
    ]);
    expect(shipped.deadlinesFor('other')).toEqual([]);
  });

  it('write checklists for the type: a recall support rep checks batch numbers and returns, breach legal checks notification duties', () => {
    const support = shipped.checklistFor('recall', 'support').join('\n');
    expect(support).toMatch(/batch\/lot number/);
    expect(support).toMatch(/returns process/);
    const legal = shipped.checklistFor('breach', 'legal').join('\n');
    expect(legal).toMatch(/supervisory authority within 72 hours \(GDPR Art\. 33\)/);
    expect(legal).toMatch(/GDPR Art\. 34/);
    expect(shipped.checklistFor('recall', 'legal').join('\n')).toMatch(/product-safety regulator within 24 h/);
    // Each type's own list replaces the general one where it has one.
    expect(shipped.checklistFor('recall', 'support')).not.toEqual(ROLE_CHECKLISTS.support);
  });

  it('fit Slack: at most 10 checklist items of at most 75 characters each', () => {
    for (const p of shipped.all()) {
      for (const role of ROLES) {
        const items = shipped.checklistFor(p.id, role);
        expect(items.length).toBeGreaterThan(0);
        expect(items.length).toBeLessThanOrEqual(10);
        for (const item of items) expect(item.length).toBeLessThanOrEqual(75);
      }
    }
  });

  it('pre-approve the holding statement of each type and not an apology; templates use only the four placeholders', () => {
    for (const p of shipped.all()) {
      const holding = p.templates.find((t) => t.id === `${p.id}-holding`);
      expect(holding).toMatchObject({ preApproved: true, type: p.id });
      const apology = p.templates.find((t) => t.id === `${p.id}-apology`);
      expect(apology).toMatchObject({ preApproved: false });
      for (const t of shipped.templatesFor(p.id)) {
        expect(AUDIENCES).toContain(t.audience);
        expect(unknownPlaceholders(t.text)).toEqual([]);
      }
    }
    // Between them, the shipped templates speak to every audience.
    const audiences = new Set(shipped.all().flatMap((p) => shipped.templatesFor(p.id).map((t) => t.audience)));
    expect([...audiences].sort()).toEqual([...AUDIENCES].sort());
  });

  it('offer FAQ entries to start from, and the general ones after the type\'s', () => {
    const recall = shipped.faqFor('recall');
    expect(recall[0]).toMatchObject({ question: 'How do I know if my product is affected?', type: 'recall' });
    expect(recall.at(-1)).toMatchObject({ type: null });
    expect(playbook('breach').faq.length).toBeGreaterThan(0);
  });
});

describe('the catalog API', () => {
  it('templatesFor gives the type\'s templates, then the general ones; template() finds either, case-insensitively', () => {
    const ids = shipped.templatesFor('recall').map((t) => `${t.id}:${t.type ?? 'general'}`);
    expect(ids.slice(0, 2)).toEqual(['recall-holding:recall', 'recall-macro:recall']);
    expect(ids.slice(-2)).toEqual(['internal-brief:general', 'press-holding:general']);
    expect(shipped.template('recall', 'RECALL-HOLDING')?.preApproved).toBe(true);
    expect(shipped.template('recall', 'press-holding')?.type).toBeNull();
    expect(shipped.template('recall', 'outage-holding')).toBeUndefined();
  });

  it('fills the placeholders of a template', () => {
    const text = fillTemplate('{title}: {status}. {impact} Next update by {next_update}. {unknown}', {
      title: 'Kettle K2 recall',
      status: 'Identified',
      impact: 'Batches 4411-4420.',
      next_update: '14:00 UTC',
    });
    expect(text).toBe('Kettle K2 recall: Identified. Batches 4411-4420. Next update by 14:00 UTC. {unknown}');
    expect(TEMPLATE_PLACEHOLDERS).toEqual(['title', 'status', 'impact', 'next_update']);
  });

  it('falls back: a type without its own checklist for a role uses the general plan, then the built-in list', () => {
    expect(shipped.checklistFor('other', 'lead')).toEqual(shipped.general.checklists.lead);
    const bare = new PlaybookCatalog([{ id: 'other', label: 'Other', defaultSeverity: 'sev2', private: false, legalRequired: false, checklists: {}, templates: [], deadlines: [], faq: [] }]);
    expect(bare.checklistFor('other', 'legal')).toEqual(ROLE_CHECKLISTS.legal);
    // A stored crisis whose playbook is gone keeps working, shown by its id.
    expect(bare.label('flood')).toBe('flood');
    expect(bare.checklistFor('flood', 'info')).toEqual(ROLE_CHECKLISTS.info);
  });

  it('refuses an unknown type with the list of types and how to title with a colon', () => {
    expect(() => shipped.get('meteor')).toThrow(/`meteor` is not a crisis type\. Types: `breach` \(Data breach\), `outage` \(Service outage\), .*`other` \(Other\)\./);
    expect(() => shipped.get('checkout')).toThrow(/`\/crisis declare other: Checkout: payments failing`/);
    expect(shipped.get('RECALL').id).toBe('recall');
  });
});

describe('a broken playbook stops loading, naming the file, the field and what is expected', () => {
  it('a bad severity, an unknown field, a bad duration, an unknown placeholder: all reported at once', () => {
    copyShipped();
    const recall = fs.readFileSync(path.join(dir, 'recall.yaml'), 'utf8');
    write('recall.yaml', recall.replace('default_severity: sev1', 'default_severity: sev9').replace('due_after: 24h', 'due_after: tomorrow'));
    write('shipping.yaml', fs.readFileSync(path.join(dir, 'shipping.yaml'), 'utf8').replace('checklists:', 'checklist:'));
    write('pr.yaml', fs.readFileSync(path.join(dir, 'pr.yaml'), 'utf8').replace('{next_update}.', '{next update} {customer}.'));
    expect(problems()).toEqual([
      'pr.yaml: templates[0].text: unknown placeholder {next update}, {customer}; the placeholders are {title}, {status}, {impact}, {next_update}',
      'recall.yaml: default_severity: expected one of sev1, sev2, sev3, sev4',
      'recall.yaml: deadlines[0].due_after: expected a duration such as 30m, 24h or 3d (got "tomorrow")',
      'shipping.yaml: checklist: unknown field; the fields here are label, public_name, default_severity, private, legal_required, checklists, templates, deadlines, faq, keywords',
    ]);
  });

  it('the error message names the folder and every problem', () => {
    write('other.yaml', `${OTHER}private: maybe\n`);
    let err: unknown;
    try {
      loadPlaybooks(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlaybookError);
    expect((err as Error).message).toBe(`The playbooks in ${dir} are not valid:\n  - other.yaml: private: expected true or false`);
  });

  it('a missing field, a reminder longer than the clock, a reserved id, a 76-character checklist item, a role that does not exist', () => {
    write('other.yaml', OTHER);
    write(
      'flood.yaml',
      [
        'default_severity: sev2',
        'checklists:',
        '  support:',
        `    - ${'x'.repeat(76)}`,
        '  janitor: [Mop]',
        'deadlines:',
        '  - { id: insurer, label: Call the insurer, due_after: 4h, remind_before: [5h] }',
        '  - { id: d1, label: Taken id, due_after: 1d }',
      ].join('\n'),
    );
    const found = problems();
    expect(found).toEqual(
      expect.arrayContaining([
        'flood.yaml: checklists.janitor: unknown field; the fields here are lead, spokesperson, info, legal, support',
        'flood.yaml: label: required: expected the type as people read it, e.g. Product recall (text of 1 to 60 characters)',
        'flood.yaml: checklists.support[0]: expected a checklist item (text of 1 to 75 characters)',
        'flood.yaml: deadlines[0].remind_before[0]: expected a reminder shorter than due_after (it is counted back from the due time)',
        'flood.yaml: deadlines[1].id: ids d1, d2, … are kept for clocks added by hand; pick a word',
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('a repeated template or clock id', () => {
    write('other.yaml', OTHER);
    write(
      'flood.yaml',
      [
        'label: Flood',
        'default_severity: sev2',
        'templates:',
        '  - { id: holding, audience: customers, text: We are on it. }',
        '  - { id: holding, audience: social, text: We are on it. }',
        'deadlines:',
        '  - { id: insurer, label: Call the insurer, due_after: 4h }',
        '  - { id: insurer, label: Call again, due_after: 1d }',
      ].join('\n'),
    );
    expect(problems()).toEqual([
      'flood.yaml: templates[1].id: "holding" is used twice; expected unique ids',
      'flood.yaml: deadlines[1].id: "insurer" is used twice; expected unique ids',
    ]);
  });

  it('YAML that does not parse, a file name that is not a type id, and a missing other.yaml', () => {
    write('Flood Plan.yaml', OTHER);
    write('recall.yaml', 'label: Recall\ndefault_severity: [sev1\n');
    const found = problems();
    expect(found[0]).toMatch(/^Flood Plan\.yaml: the file name is the crisis type as typed in commands; expected lower-case letters/);
    expect(found[1]).toMatch(/^recall\.yaml: not valid YAML: .+line \d+/);
    expect(found[2]).toBe('other.yaml: missing; expected a playbook for "other", the type of a crisis declared without one');
  });

  it('a type template with the id of a general template', () => {
    write('other.yaml', `${OTHER}templates:\n  - { id: press-holding, audience: press, text: Hello }\n`);
    write('general.yaml', 'templates:\n  - { id: press-holding, audience: press, pre_approved: true, text: "We are aware." }\n');
    expect(problems()).toEqual([
      'other.yaml: templates[0].id: "press-holding" is also a general template (general.yaml); expected ids unique across a type and the general plan',
    ]);
  });

  it('a folder that does not exist', () => {
    const gone = path.join(dir, 'nope');
    expect(() => loadPlaybooks(gone)).toThrow(`The playbooks in ${gone} are not valid:\n  - the folder cannot be read (ENOENT); expected a folder of playbook files such as outage.yaml`);
  });
});

describe('the README', () => {
  it('shows a whole playbook that loads as it is written', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const example = /```yaml\n(# playbooks\/flood\.yaml[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    write('flood.yaml', example ?? '');
    write('other.yaml', OTHER);
    const flood = loadPlaybooks(dir).get('flood');
    expect(flood).toMatchObject({ label: 'Warehouse flood', defaultSeverity: 'sev2', private: false });
    expect(flood.templates.map((t) => [t.id, t.audience, t.preApproved])).toEqual([
      ['flood-holding', 'customers', true],
      ['flood-apology', 'customers', false],
    ]);
    expect(flood.deadlines).toEqual([{ id: 'insurer', label: 'Tell the insurer about the damage', dueAfterMinutes: 2880, remindBeforeMinutes: [1440, 120] }]);
    expect(flood.faq).toHaveLength(1);
  });
});

describe('a team\'s own folder replaces the shipped one', () => {
  it('has only its own types, with its own checklists and clocks; the shipped ones are unknown', () => {
    write('other.yaml', OTHER);
    write(
      'flood.yaml',
      [
        'label: Warehouse flood',
        'default_severity: sev3',
        'checklists:',
        '  lead: [Get everyone out safely, Call the insurer]',
        'deadlines:',
        '  - id: insurer',
        '    label: Tell the insurer',
        '    due_after: 2d',
        '    remind_before: [1d]',
      ].join('\n'),
    );
    const own = loadPlaybooks(dir);
    expect(own.ids()).toEqual(['flood', 'other']);
    expect(own.find('outage')).toBeUndefined();
    expect(() => own.get('breach')).toThrow('`breach` is not a crisis type. Types: `flood` (Warehouse flood), `other` (Other).');
    expect(own.checklistFor('flood', 'lead')).toEqual(['Get everyone out safely', 'Call the insurer']);
    // No general.yaml: the built-in checklists for the other roles.
    expect(own.checklistFor('flood', 'spokesperson')).toEqual(ROLE_CHECKLISTS.spokesperson);
    expect(own.deadlinesFor('flood')).toEqual([{ id: 'insurer', label: 'Tell the insurer', dueAfterMinutes: 2880, remindBeforeMinutes: [1440] }]);
    expect(own.templatesFor('flood')).toEqual([]);
  });
});
