/**
 * The customer-side `/crisis` subcommands: impact, complaint volume, remedies, the FAQ for support
 * reps and approving an FAQ answer.
 *
 * `approve` is shared with statements: this group claims `approve F<n>`, the statements group
 * `approve S<n>` (see `claims` in grammar.ts).
 */
import { z } from 'zod';
import { MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH } from '../faq';
import { MAX_IMPACT_LENGTH } from '../impact';
import { MAX_REMEDY_LENGTH } from '../remedies';
import { MAX_SOURCE_LENGTH, MAX_VOLUME_COUNT } from '../volume';
import { unescapeSlack } from '../../../slack/views/blocks';
import { fail, needText, shown, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

export const CUSTOMER_SCHEMAS = [
  z.object({ kind: z.literal('impact'), text: z.string().min(1).max(MAX_IMPACT_LENGTH) }),
  z.object({ kind: z.literal('volume'), count: z.number().int().min(0).max(MAX_VOLUME_COUNT), source: z.string().min(1).max(MAX_SOURCE_LENGTH * 2).optional() }),
  z.object({ kind: z.literal('remedy'), text: z.string().min(1).max(MAX_REMEDY_LENGTH) }),
  z.object({ kind: z.literal('faq_show') }),
  z.object({ kind: z.literal('faq_add'), question: z.string().min(1).max(MAX_QUESTION_LENGTH), answer: z.string().min(1).max(MAX_ANSWER_LENGTH) }),
  z.object({ kind: z.literal('approve_faq'), number: z.number().int().min(1) }),
] as const;

const CustomerSchema = z.discriminatedUnion('kind', CUSTOMER_SCHEMAS);
export type CustomerCommand = z.infer<typeof CustomerSchema>;
type Result = Parsed<CustomerCommand>;
const done = validator(CustomerSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    customer: CustomerCommand;
  }
}


const IMPACT_EXAMPLE = '/crisis impact EU card payments fail for about 12% of checkouts';
const REMEDY_EXAMPLE = '/crisis remedy Full refund of the duplicate charge within 5 days';
const FAQ_EXAMPLE = '/crisis faq add Was I charged twice? | Yes, if you paid between 09:00 and 11:00 UTC; the duplicate is refunded automatically.';

/** Free text with a limit of its own (besides the general one `needText` applies). */
function limitedText(value: string, what: string, example: string, max: number): Parsed<CustomerCommand> | string {
  const checked = needText<CustomerCommand>(value, what, example);
  if (typeof checked !== 'string') return checked;
  if (checked.length > max) return fail(`${what} is ${checked.length} characters; keep it to ${max} or fewer.`);
  return checked;
}

function parseImpact({ freeText }: VerbInput): Result {
  const text = limitedText(freeText, 'The impact', IMPACT_EXAMPLE, MAX_IMPACT_LENGTH);
  return typeof text === 'string' ? done({ kind: 'impact', text }) : text;
}

function parseRemedy({ freeText }: VerbInput): Result {
  const text = limitedText(freeText, 'A remedy', REMEDY_EXAMPLE, MAX_REMEDY_LENGTH);
  return typeof text === 'string' ? done({ kind: 'remedy', text }) : text;
}

const VOLUME_HELP = `\`/crisis volume <N> [source]\` records how many complaints or tickets there are now: a whole number from 0 to ${MAX_VOLUME_COUNT.toLocaleString('en')}, and where it was counted (default \`manual\`, at most ${MAX_SOURCE_LENGTH} characters), e.g. \`/crisis volume 240 zendesk\`.`;

function parseVolume({ args }: VerbInput): Result {
  const [first, ...rest] = args;
  if (first === undefined) return fail(`How many? ${VOLUME_HELP}`);
  // Thousands separators are what people type from a dashboard.
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(first)) return fail(`${shown(first)} is not a count. ${VOLUME_HELP}`);
  const count = Number(first.replace(/,/g, ''));
  if (!Number.isSafeInteger(count) || count > MAX_VOLUME_COUNT) return fail(`${shown(first)} is too large. ${VOLUME_HELP}`);
  const source = unescapeSlack(rest.join(' ')).trim();
  if (Array.from(source).length > MAX_SOURCE_LENGTH) return fail(`The source is ${Array.from(source).length} characters. ${VOLUME_HELP}`);
  return done(source ? { kind: 'volume', count, source } : { kind: 'volume', count });
}

/** Splits on the first `|` outside a `<…>` token (a mention `<@U1|name>` holds one). */
export function splitQuestionAnswer(text: string): [string, string] | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '<') depth += 1;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) return [text.slice(0, i), text.slice(i + 1)];
  }
  return undefined;
}

function parseFaq({ args, freeText }: VerbInput): Result {
  if (args.length === 0) return done({ kind: 'faq_show' });
  if (args[0]?.toLowerCase() !== 'add') {
    return fail(`${shown(args[0] ?? '')} is not an FAQ command. \`/crisis faq\` shows the approved answers; \`/crisis faq add <question> | <answer>\` proposes one, e.g. \`${FAQ_EXAMPLE}\`.`);
  }
  const body = freeText.replace(/^add\b/i, '').trim();
  const parts = splitQuestionAnswer(body);
  const question = unescapeSlack(parts?.[0] ?? '').trim();
  const answer = unescapeSlack(parts?.[1] ?? '').trim();
  if (!parts || !question || !answer) return fail(`An FAQ entry is a question and an answer separated by \`|\`, e.g. \`${FAQ_EXAMPLE}\`.`);
  if (question.length > MAX_QUESTION_LENGTH) return fail(`The question is ${question.length} characters; keep it to ${MAX_QUESTION_LENGTH} or fewer.`);
  const checked = limitedText(answer, 'The answer', FAQ_EXAMPLE, MAX_ANSWER_LENGTH);
  return typeof checked === 'string' ? done({ kind: 'faq_add', question, answer: checked }) : checked;
}

/**
 * What `approve` takes here: a letter, what it names, and the command it becomes. The statements
 * group takes `approve S<n>`; this group claims `approve F<n>`.
 */
const APPROVE_TARGETS: ReadonlyArray<{ letter: string; what: string; command: (n: number) => CustomerCommand }> = [
  { letter: 'F', what: 'an FAQ answer', command: (number) => ({ kind: 'approve_faq', number }) },
];

function approveHelp(): string {
  const targets = APPROVE_TARGETS.map((t) => `\`${t.letter}<n>\` (${t.what})`).join(' or ');
  const example = APPROVE_TARGETS[0] ? ` e.g. \`/crisis approve ${APPROVE_TARGETS[0].letter}2\`` : '';
  return `\`approve\` takes ${targets}, as numbered in the channel,${example}.`;
}

function parseApprove({ args }: VerbInput): Result {
  const [token, ...extra] = args;
  const match = token === undefined ? null : /^([a-z])(\d{1,6})$/i.exec(token);
  const target = match ? APPROVE_TARGETS.find((t) => t.letter === match[1]?.toUpperCase()) : undefined;
  const number = match ? Number(match[2]) : 0;
  if (!target || extra.length > 0 || number < 1) {
    return fail(`${token === undefined ? 'Approve what?' : `I can't approve ${shown(args.join(' '))}.`} ${approveHelp()}`);
  }
  return done(target.command(number));
}

export const CUSTOMER_COMMANDS: CommandGroup<CustomerCommand> = {
  title: 'Customers and support',
  schema: CustomerSchema,
  verbs: {
    impact: parseImpact,
    volume: parseVolume,
    remedy: parseRemedy,
    faq: parseFaq,
    approve: parseApprove,
  },
  claims: { approve: ({ args }) => args[0]?.[0]?.toUpperCase() === 'F' },
  usage: [
    ['/crisis impact <text>', 'set the customer impact on the card (every version is kept)'],
    ['/crisis volume <N> [source]', 'record a complaint or ticket count (default source `manual`); the card shows the latest and its trend'],
    ['/crisis remedy <text>', 'record what affected customers are offered (refund, credit, replacement)'],
    ['/crisis faq', 'the approved answers for support reps, and what waits for approval'],
    ['/crisis faq add <question> | <answer>', 'propose an answer for support reps (numbered F1, F2, …)'],
    ['/crisis approve F<n>', 'approve an FAQ answer (legal or the spokesperson); it goes into the pinned FAQ'],
  ],
  readOnly: [],
  channelOnly: ['impact', 'volume', 'remedy', 'faq_show', 'faq_add', 'approve_faq'],
};
