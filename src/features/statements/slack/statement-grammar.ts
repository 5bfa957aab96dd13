/**
 * The statement subcommands: `statement` (the form, a draft, or a draft from a template),
 * `statements`, `templates`, `approve S<n>`, `changes S<n> <comment>` and `publish S<n> [<where>]`.
 * Numbers, durations and text limits are checked here; whether S<n> exists, its state and who may
 * act are the service's to say.
 */
import { z } from 'zod';
import { MAX_STATEMENT_LENGTH, NEXT_RANGE_TEXT, statementTextProblem } from '../statement-text';
import { MAX_COMMENT_LENGTH, MAX_NEXT_MINUTES, MAX_WHERE_LENGTH, MIN_NEXT_MINUTES } from '../statements';
import { unescapeSlack } from '../../../slack/views/blocks';
import { durationMinutes, fail, shown, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

const number = z.number().int().min(1).max(9999);
const nextMinutes = z.number().int().min(MIN_NEXT_MINUTES).max(MAX_NEXT_MINUTES).optional();
const templateId = z.string().min(1).max(60);

export const STATEMENT_SCHEMAS = [
  z.object({ kind: z.literal('statement_modal') }),
  z.object({ kind: z.literal('statement_draft'), text: z.string().min(1).max(MAX_STATEMENT_LENGTH), nextMinutes }),
  z.object({ kind: z.literal('statement_from'), templateId, nextMinutes }),
  z.object({ kind: z.literal('statements') }),
  z.object({ kind: z.literal('templates') }),
  z.object({ kind: z.literal('statement_approve'), number }),
  z.object({ kind: z.literal('statement_changes'), number, comment: z.string().min(1).max(MAX_COMMENT_LENGTH) }),
  z.object({ kind: z.literal('statement_publish'), number, where: z.string().min(1).max(MAX_WHERE_LENGTH).optional() }),
] as const;

const StatementSchema = z.discriminatedUnion('kind', STATEMENT_SCHEMAS);
export type StatementCommand = z.infer<typeof StatementSchema>;
type Result = Parsed<StatementCommand>;
const done = validator(StatementSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    statements: StatementCommand;
  }
}


const STATEMENT_USAGE = '`/crisis statement` (the form), `/crisis statement [next <N>m|<N>h] <text>`, or `/crisis statement from <template>` (`/crisis templates` lists them)';

/** `S3` (or `s3`) → 3; otherwise the refusal, which says what `verb` takes. */
function statementNumber(token: string | undefined, verb: string, example: string): number | Result {
  const help = `\`${verb}\` takes a statement number like \`S3\`, e.g. \`/crisis ${verb} S3${example}\`. \`/crisis statements\` lists them. Nothing changed.`;
  if (token === undefined) return fail(`Which statement? ${help}`);
  const match = /^S(\d{1,4})$/i.exec(token);
  if (!match || Number(match[1]) < 1) return fail(`${shown(token)} is not a statement number. ${help}`);
  return Number(match[1]);
}

/** `next 30m` at the start: the minutes, the rest, or the refusal. Undefined when `next` is not followed by a duration. */
function nextPrefix(args: readonly string[]): { minutes: number; used: number } | Result | undefined {
  if (args[0]?.toLowerCase() !== 'next') return undefined;
  const token = args[1] ?? '';
  // "Next week we…" is a statement that starts with a word; "next 0m", "next 30d" are promises out of range.
  if (!/^\d/.test(token)) return undefined;
  const minutes = durationMinutes(token, ['m', 'h', 'd']);
  if (minutes === undefined) return fail(`${shown(token)} is not a duration. The next statement can be promised ${NEXT_RANGE_TEXT}. Nothing changed.`);
  if (minutes < MIN_NEXT_MINUTES || minutes > MAX_NEXT_MINUTES) {
    return fail(`${shown(token)} is out of range: the next statement can be promised ${NEXT_RANGE_TEXT}. Nothing changed.`);
  }
  return { minutes, used: 2 };
}

function parseStatement({ args, freeText }: VerbInput): Result {
  if (args.length === 0) return done({ kind: 'statement_modal' });
  const next = nextPrefix(args);
  if (next !== undefined && 'ok' in next) return next;
  const rest = next ? args.slice(next.used) : args;
  const nextField = next ? { nextMinutes: next.minutes } : {};
  if (rest[0]?.toLowerCase() === 'from' && rest.length === 2) {
    const id = unescapeSlack(rest[1] ?? '');
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/.test(id)) return fail(`${shown(id)} is not a template id. \`/crisis templates\` lists this crisis's templates. Nothing changed.`);
    return done({ kind: 'statement_from', templateId: id, ...nextField });
  }
  if (rest[0]?.toLowerCase() === 'from' && rest.length === 1) return fail(`From which template? \`/crisis statement from <template>\`; \`/crisis templates\` lists them. Nothing changed.`);
  // Free text keeps its line breaks: drop the `next <N>` words from the start of what was typed.
  const body = next ? freeText.replace(/^\s*\S+\s+\S+\s*/, '') : freeText;
  const typed = unescapeSlack(body).trim();
  if (typed.length === 0) return fail(`A statement cannot be empty. ${STATEMENT_USAGE}. Nothing changed.`);
  const problem = statementTextProblem(typed);
  if (problem) return fail(`${problem} Nothing changed.`);
  return done({ kind: 'statement_draft', text: typed, ...nextField });
}

/** `approve` with neither a statement nor an FAQ answer (the customer feature's `F<n>`) after it. */
function approveHelp({ args }: VerbInput): Result {
  const what = args.length === 0 ? 'Approve what?' : `I can't approve ${shown(args.join(' '))}.`;
  return fail(`${what} \`approve\` takes a statement number like \`S3\` (legal's review of a statement) or an FAQ answer like \`F2\`, as numbered in the channel: \`/crisis statements\` and \`/crisis faq\` list them. Nothing changed.`);
}

function parseApprove({ args }: VerbInput): Result {
  const n = statementNumber(args[0], 'approve', '');
  if (typeof n !== 'number') return n;
  if (args.length > 1) return fail('Approve one statement at a time, e.g. `/crisis approve S3`. Nothing changed.');
  return done({ kind: 'statement_approve', number: n });
}

function parseChanges({ args, freeText }: VerbInput): Result {
  const n = statementNumber(args[0], 'changes', ' Do not name the supplier');
  if (typeof n !== 'number') return n;
  const comment = unescapeSlack(freeText.replace(/^\s*\S+\s*/, '')).trim();
  if (comment.length === 0) return fail(`Say what should change, e.g. \`/crisis changes S${n} Do not name the supplier\`; the author gets it by DM. Nothing changed.`);
  if (comment.length > MAX_COMMENT_LENGTH) return fail(`That comment is ${comment.length} characters; keep it to ${MAX_COMMENT_LENGTH} or fewer. Nothing changed.`);
  return done({ kind: 'statement_changes', number: n, comment });
}

function parsePublish({ args, rest }: VerbInput): Result {
  const n = statementNumber(args[0], 'publish', ' status page');
  if (typeof n !== 'number') return n;
  const where = unescapeSlack(rest.slice((args[0] ?? '').length)).trim();
  if (Array.from(where).length > MAX_WHERE_LENGTH) return fail(`Say where in at most ${MAX_WHERE_LENGTH} characters, e.g. \`/crisis publish S${n} status page\`. Nothing changed.`);
  return done(where ? { kind: 'statement_publish', number: n, where } : { kind: 'statement_publish', number: n });
}

export const STATEMENT_COMMANDS: CommandGroup<StatementCommand> = {
  title: 'Statements to customers (one voice)',
  schema: StatementSchema,
  verbs: {
    statement: parseStatement,
    statements: ({ args }) => (args.length ? fail('`/crisis statements` takes nothing after it.') : done({ kind: 'statements' })),
    templates: ({ args }) => (args.length ? fail('`/crisis templates` takes nothing after it.') : done({ kind: 'templates' })),
    approve: parseApprove,
    changes: parseChanges,
    publish: parsePublish,
  },
  claims: { approve: ({ args }) => args[0]?.[0]?.toUpperCase() === 'S' },
  unclaimed: { approve: approveHelp },
  usage: [
    ['/crisis statement', 'the statement form: template, audience, text, next statement promised'],
    ['/crisis statement [next <N>m|<N>h] <text>', 'draft a statement (S1, S2, …) for legal to review; `next`: when the next is promised after publishing, 1 min to 24 h (default: the update cadence)'],
    ['/crisis statement from <template>', 'draft from a playbook template; an unedited pre-approved one is approved at once when legal has seen what fills it'],
    ['/crisis templates', "this crisis's statement templates"],
    ['/crisis statements', 'every statement: state, author, approver, where, promise'],
    ['/crisis approve S<n>', 'approve a draft (legal; the lead when there is no legal holder)'],
    ['/crisis changes S<n> <comment>', 'send a draft back to its author with a comment'],
    ['/crisis publish S<n> [<where>]', 'mark an approved statement published (the spokesperson; the lead when there is none)'],
  ],
  readOnly: ['statements', 'templates'],
  channelOnly: ['statement_modal', 'statement_draft', 'statement_from', 'statements', 'templates', 'statement_approve', 'statement_changes', 'statement_publish'],
};
