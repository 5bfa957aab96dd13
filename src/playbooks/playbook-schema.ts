/**
 * The playbook file format, checked with zod: one YAML document per crisis type (and general.yaml
 * for what applies to every type). Every problem is reported as `<field>: <what is expected>`, so
 * a team editing its plan is told exactly what to fix. Pure: text in, playbook or problems out.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { SEVERITIES } from '../core/crisis';
import { ROLES, type Role } from '../core/roles';
import {
  AUDIENCES,
  parseDuration,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
  type DeadlineSpec,
  type FaqEntry,
  type GeneralPlan,
  type Playbook,
  type StatementTemplate,
} from '../core/playbook';
import { MAX_KEYWORDS_PER_CRISIS, parseKeyword } from '../features/helpdesk/matching';

/** A type id is the file name: lower case, as typed in `/crisis declare <type>: …`. */
export const TYPE_ID = /^[a-z][a-z0-9_-]{0,29}$/;
/** Clock ids `d1`, `d2`, … are those of clocks added by hand. */
const MANUAL_CLOCK_ID = /^d\d+$/;
const MAX_CHECKLIST_ITEMS = 10;
/** Slack shows a checklist item as a checkbox option, whose text holds 75 characters. */
const MAX_CHECKLIST_ITEM = 75;
/** What one Slack section holds beside its heading. */
const MAX_TEMPLATE_TEXT = 2800;
const MAX_DUE_MINUTES = 90 * 1440;

type Issue = { input?: unknown };

/** A field's expectation, prefixed with "required" when the field is missing. */
function requires(expectation: string): (issue: Issue) => string {
  return (issue) => (issue.input === undefined ? `required: ${expectation}` : expectation);
}

function text(max: number, what: string): z.ZodString {
  const expectation = `expected ${what} (text of 1 to ${max} characters)`;
  return z.string({ error: requires(expectation) }).trim().min(1, expectation).max(max, expectation);
}

/** An object that refuses fields it does not know (a typo would otherwise be silently ignored). */
function strict<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field; the fields here are ${fields}` : issue.input === undefined ? `required: expected fields ${fields}` : `expected fields ${fields}`),
  });
}

const duration = z
  .string({ error: requires('expected a duration such as 30m, 24h or 3d') })
  .transform((value, ctx) => {
    const minutes = parseDuration(value);
    if (minutes === undefined || minutes < 1) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as 30m, 24h or 3d (got "${value}")` });
      return z.NEVER;
    }
    return minutes;
  });

const checklist = z
  .array(text(MAX_CHECKLIST_ITEM, 'a checklist item'), { error: requires('expected a list of checklist items') })
  .min(1, 'expected at least one checklist item')
  .max(MAX_CHECKLIST_ITEMS, `expected at most ${MAX_CHECKLIST_ITEMS} items (a Slack checklist holds ${MAX_CHECKLIST_ITEMS})`);

const checklists = strict(Object.fromEntries(ROLES.map((role) => [role, checklist.optional()])) as Record<Role, z.ZodOptional<typeof checklist>>);

const template = strict({
  id: z.string({ error: requires('expected a template id') }).regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected an id of lower-case letters, digits, - and _ (at most 40)'),
  audience: z.enum(AUDIENCES, { error: requires(`expected one of ${AUDIENCES.join(', ')}`) }),
  pre_approved: z.boolean({ error: 'expected true or false' }).default(false),
  text: text(MAX_TEMPLATE_TEXT, 'the statement text').refine((t) => unknownPlaceholders(t).length === 0, {
    error: (issue) => `unknown placeholder ${unknownPlaceholders(String(issue.input)).map((p) => `{${p}}`).join(', ')}; the placeholders are ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
  }),
});

const deadline = strict({
  id: z
    .string({ error: requires('expected a clock id') })
    .regex(/^[a-z][a-z0-9_-]{0,29}$/, 'expected an id of lower-case letters, digits, - and _ (at most 30), starting with a letter')
    .refine((id) => !MANUAL_CLOCK_ID.test(id), 'ids d1, d2, … are kept for clocks added by hand; pick a word'),
  label: text(150, 'what must be done by the due time'),
  due_after: duration.refine((m) => m <= MAX_DUE_MINUTES, 'expected at most 90d'),
  remind_before: z.array(duration, { error: 'expected a list of durations such as [24h, 1h]' }).max(5, 'expected at most 5 reminders').default([]),
}).superRefine((d, ctx) => {
  d.remind_before.forEach((m, i) => {
    if (m >= d.due_after) ctx.addIssue({ code: 'custom', path: ['remind_before', i], message: 'expected a reminder shorter than due_after (it is counted back from the due time)' });
  });
  if (new Set(d.remind_before).size !== d.remind_before.length) ctx.addIssue({ code: 'custom', path: ['remind_before'], message: 'expected each reminder once' });
});

/** Help-desk words the early warning watches for this type (issue 19): each 2 to 60 characters with a letter or digit. */
const keywords = z
  .array(z.string({ error: 'expected a word or phrase' }), { error: 'expected a list of words or phrases, e.g. [refund, charged twice]' })
  .max(MAX_KEYWORDS_PER_CRISIS, `expected at most ${MAX_KEYWORDS_PER_CRISIS} keywords`)
  .superRefine((list, ctx) => {
    list.forEach((k, i) => {
      if (!parseKeyword(k).ok) ctx.addIssue({ code: 'custom', path: [i], message: `"${k}" is not a keyword; expected 2 to 60 characters with a letter or digit` });
    });
  })
  .transform((list) => [...new Set(list.map((k) => { const parsed = parseKeyword(k); return parsed.ok ? parsed.keyword : k; }))]);

const faq = strict({ question: text(300, 'the question'), answer: text(2000, 'the answer') });

/** Ids of the list's items that appear more than once, reported at the repeat. */
function uniqueIds(items: ReadonlyArray<{ id: string }>, field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `"${item.id}" is used twice; expected unique ids` });
    seen.add(item.id);
  });
}

const playbookFile = strict({
  label: text(60, 'the type as people read it, e.g. Product recall'),
  // What customers read on the status page and in deliveries; never the crisis's internal title.
  public_name: text(80, 'the name customers see, e.g. Payment problems').optional(),
  default_severity: z.enum(SEVERITIES, { error: requires(`expected one of ${SEVERITIES.join(', ')}`) }),
  private: z.boolean({ error: 'expected true or false' }).default(false),
  legal_required: z.boolean({ error: 'expected true or false' }).default(false),
  checklists: checklists.default({}),
  templates: z.array(template, { error: 'expected a list of templates' }).max(20, 'expected at most 20 templates').default([]),
  deadlines: z.array(deadline, { error: 'expected a list of deadline clocks' }).max(5, 'expected at most 5 clocks').default([]),
  faq: z.array(faq, { error: 'expected a list of questions and answers' }).max(30, 'expected at most 30 entries').default([]),
  keywords: keywords.default([]),
}).superRefine((p, ctx) => {
  uniqueIds(p.templates, 'templates', ctx);
  uniqueIds(p.deadlines, 'deadlines', ctx);
});

const generalFile = strict({
  checklists: checklists.default({}),
  templates: z.array(template, { error: 'expected a list of templates' }).max(20, 'expected at most 20 templates').default([]),
  faq: z.array(faq, { error: 'expected a list of questions and answers' }).max(30, 'expected at most 30 entries').default([]),
}).superRefine((p, ctx) => uniqueIds(p.templates, 'templates', ctx));

/** `deadlines[0].due_after` from zod's path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The YAML document as data, or its syntax errors with their line numbers. */
function parseYaml(source: string): Checked<unknown> {
  const doc = YAML.parseDocument(source);
  if (doc.errors.length > 0) {
    // The first line of each error says what and where ("… at line 3, column 5:").
    return { ok: false, problems: doc.errors.map((e) => `not valid YAML: ${(e.message.split('\n')[0] ?? e.message).replace(/:$/, '')}`) };
  }
  return { ok: true, value: doc.toJS() as unknown };
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${fieldPath([...issue.path, key])}: ${issue.message}`);
    const where = fieldPath(issue.path);
    return [`${where || '(the file)'}: ${issue.message}`];
  });
}

function templatesOf(raw: z.output<typeof template>[], type: string | null): StatementTemplate[] {
  return raw.map((t) => ({ id: t.id, audience: t.audience, text: t.text, preApproved: t.pre_approved, type }));
}

function faqOf(raw: z.output<typeof faq>[], type: string | null): FaqEntry[] {
  return raw.map((f) => ({ question: f.question, answer: f.answer, type }));
}

function deadlinesOf(raw: z.output<typeof deadline>[]): DeadlineSpec[] {
  return raw.map((d) => ({ id: d.id, label: d.label, dueAfterMinutes: d.due_after, remindBeforeMinutes: [...d.remind_before].sort((a, b) => b - a) }));
}

/** One playbook file (its type id is the file name), or the problems in it. */
export function parsePlaybook(id: string, source: string): Checked<Playbook> {
  const yaml = parseYaml(source);
  if (!yaml.ok) return yaml;
  const parsed = playbookFile.safeParse(yaml.value ?? {});
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  const p = parsed.data;
  return {
    ok: true,
    value: {
      id,
      label: p.label,
      ...(p.public_name !== undefined ? { publicName: p.public_name } : {}),
      defaultSeverity: p.default_severity,
      private: p.private,
      legalRequired: p.legal_required,
      checklists: p.checklists,
      templates: templatesOf(p.templates, id),
      deadlines: deadlinesOf(p.deadlines),
      faq: faqOf(p.faq, id),
      keywords: p.keywords,
    },
  };
}

/** general.yaml, or the problems in it. */
export function parseGeneralPlan(source: string): Checked<GeneralPlan> {
  const yaml = parseYaml(source);
  if (!yaml.ok) return yaml;
  const parsed = generalFile.safeParse(yaml.value ?? {});
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, value: { checklists: parsed.data.checklists, templates: templatesOf(parsed.data.templates, null), faq: faqOf(parsed.data.faq, null) } };
}
