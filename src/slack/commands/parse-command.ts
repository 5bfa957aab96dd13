/**
 * `/crisis …` text → a typed command. The grammar is composed here from its groups (one file each),
 * so `help` is complete and every mistake gets one clear answer: what was wrong and what is
 * accepted. Each result is checked against a zod schema, the boundary between what a person typed
 * and the domain. A new group is a file built from `grammar.ts` and a line in `GROUPS`.
 */
import { z } from 'zod';
import { roleListForHumans } from '../../core/roles';
import { cleanText } from '../../core/text';
import { CORE_COMMANDS, CORE_SCHEMAS } from './core-commands';
import { CUSTOMER_COMMANDS, CUSTOMER_SCHEMAS } from '../../features/customer/slack/customer-grammar';
import { escapeAngles, fail, shown, type CommandGroup, type Parsed, type VerbInput } from './grammar';
import { PEOPLE_COMMANDS, PEOPLE_SCHEMAS } from '../../features/people/slack/people-grammar';
import { PLAYBOOK_COMMANDS, PLAYBOOK_SCHEMAS } from '../../features/deadlines/slack/deadline-grammar';
import { STATEMENT_COMMANDS, STATEMENT_SCHEMAS } from '../../features/statements/slack/statement-grammar';
import { PUBLISHING_COMMANDS, PUBLISHING_SCHEMAS } from '../../features/publishing/slack/publishing-grammar';

export { escapedLength, MAX_TEXT_LENGTH, tooLongMessage } from './grammar';

export const CommandSchema = z.discriminatedUnion('kind', [...CORE_SCHEMAS, ...PLAYBOOK_SCHEMAS, ...STATEMENT_SCHEMAS, ...CUSTOMER_SCHEMAS, ...PEOPLE_SCHEMAS, ...PUBLISHING_SCHEMAS]);

export type CrisisCommand = z.infer<typeof CommandSchema>;
export type CommandKind = CrisisCommand['kind'];
export type ParseResult = Parsed<CrisisCommand>;

/** Every group, in the order `help` shows them. */
const GROUPS: ReadonlyArray<CommandGroup<CrisisCommand>> = [
  CORE_COMMANDS as CommandGroup<CrisisCommand>,
  PLAYBOOK_COMMANDS as CommandGroup<CrisisCommand>,
  CUSTOMER_COMMANDS as CommandGroup<CrisisCommand>,
  STATEMENT_COMMANDS as CommandGroup<CrisisCommand>,
  PUBLISHING_COMMANDS as CommandGroup<CrisisCommand>,
  PEOPLE_COMMANDS as CommandGroup<CrisisCommand>,
];

/**
 * `approve` names a statement (`S3`, the statements group) or an FAQ answer (`F2`, the customer
 * group): the letter picks the group's own parser, so each keeps its own refusals.
 */
function parseApprove(input: VerbInput): ParseResult {
  const letter = input.args[0]?.[0]?.toUpperCase();
  if (letter === 'S') return STATEMENT_COMMANDS.verbs.approve?.(input) ?? approveHelp(input);
  if (letter === 'F') return CUSTOMER_COMMANDS.verbs.approve?.(input) ?? approveHelp(input);
  return approveHelp(input);
}

function approveHelp({ args }: VerbInput): ParseResult {
  const what = args.length === 0 ? 'Approve what?' : `I can't approve ${shown(args.join(' '))}.`;
  return fail(`${what} \`approve\` takes a statement number like \`S3\` (legal's review of a statement) or an FAQ answer like \`F2\`, as numbered in the channel: \`/crisis statements\` and \`/crisis faq\` list them. Nothing changed.`);
}

const VERBS = new Map([...GROUPS.flatMap((g) => Object.entries(g.verbs)), ['approve', parseApprove] as const]);

/** Subcommands that only read: answering one twice changes nothing, so they need no de-duplication. */
export const READ_ONLY_COMMANDS: ReadonlySet<CommandKind> = new Set(GROUPS.flatMap((g) => g.readOnly));

/** Subcommands that only make sense inside a crisis channel. */
export const CHANNEL_COMMANDS: ReadonlySet<CommandKind> = new Set(GROUPS.flatMap((g) => g.channelOnly));

export const USAGE_LINES: ReadonlyArray<readonly [string, string]> = GROUPS.flatMap((g) => g.usage);

/** `/crisis help`, one part per group (each fits a Slack section). */
export function usageSections(): string[] {
  const sections = GROUPS.map((g) => [`*${g.title}*`, ...g.usage.map(([cmd, what]) => `• \`${escapeAngles(cmd)}\` — ${what}`)].join('\n'));
  sections.push(`Roles: ${roleListForHumans()}. Severities: sev1 critical, sev2 high, sev3 medium, sev4 low.`);
  return sections;
}

export function usageText(): string {
  return ['*Crisis bot commands*', ...usageSections()].join('\n');
}

/** The short form appended to a refusal: every subcommand by name, and where the details are. */
function verbList(): string {
  const names = [...new Set(USAGE_LINES.map(([cmd]) => cmd.split(' ').slice(0, 2).join(' ')))];
  return `Commands: ${names.map((n) => `\`${n}\``).join(', ')}. \`/crisis help\` explains each.`;
}

/**
 * Parses the text after `/crisis`. Never throws. Slack sends the text escaped (`&amp;`, `&lt;`,
 * `&gt;`) with mentions as real `<@U…>` tokens: mentions are read from the escaped text, so a typed
 * `&lt;@U1&gt;` is never taken for one, and only then is free text unescaped to what was typed.
 */
export function parseCommand(typed: string): ParseResult {
  // What no one can see (NUL, a bidi override) never gets past the edge.
  const raw = cleanText(typed);
  const input = raw.replace(/\s+/g, ' ').trim();
  const spaceAt = input.indexOf(' ');
  const verb = (spaceAt === -1 ? input : input.slice(0, spaceAt)).toLowerCase();
  const rest = spaceAt === -1 ? '' : input.slice(spaceAt + 1).trim();
  const args = rest.length ? rest.split(' ') : [];
  // Free text keeps the person's own line breaks.
  const freeText = /^\S+\s*([\s\S]*)$/.exec(raw.trim())?.[1]?.trim() ?? '';
  const parse = VERBS.get(verb);
  if (!parse) return { ok: false, message: `${escapeAngles(`I don't know ${shown(verb)}.`)}\n${verbList()}` };
  return parse({ rest, args, freeText });
}
