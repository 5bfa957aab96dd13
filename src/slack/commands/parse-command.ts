/**
 * `/crisis …` text → a typed command. The grammar is composed here from every registered
 * feature's groups (each feature's `slack.commands`, see src/slack/feature.ts), so `help` is
 * complete and every mistake gets one clear answer: what was wrong and what is accepted. Each result
 * is checked against its group's zod schema, the boundary between what a person typed and the domain.
 */
import { registeredFeatures } from '../../core/feature-module';
import { roleListForHumans } from '../../core/roles';
import { cleanText } from '../../core/text';
import { escapeAngles, shown, type CommandGroup, type CommandKind, type CrisisCommand, type Parsed, type VerbInput } from './grammar';

export { escapedLength, MAX_TEXT_LENGTH, tooLongMessage, type CommandKind, type CrisisCommand } from './grammar';

export type ParseResult = Parsed<CrisisCommand>;

interface Grammar {
  /** The groups in the order `help` shows them: groups with one title are shown as one. */
  groups: ReadonlyArray<CommandGroup<CrisisCommand>>;
  verbs: ReadonlyMap<string, (input: VerbInput) => ParseResult>;
  readOnly: ReadonlySet<CommandKind>;
  channelOnly: ReadonlySet<CommandKind>;
}

let grammar: { features: number; built: Grammar } | undefined;

/** The registered features' grammar, built once (again only if another feature registers). */
function current(): Grammar {
  const features = registeredFeatures();
  if (grammar?.features === features.length) return grammar.built;
  const groups = features.flatMap((f) => f.slack?.commands ?? []).map((c) => c.group);
  const owners = new Map<string, Array<CommandGroup<CrisisCommand>>>();
  for (const group of groups) for (const verb of Object.keys(group.verbs)) owners.set(verb, [...(owners.get(verb) ?? []), group]);
  const verbs = new Map([...owners].map(([verb, of]) => [verb, of.length === 1 ? of[0]!.verbs[verb]! : sharedVerb(verb, of)] as const));
  const built: Grammar = {
    groups,
    verbs,
    readOnly: new Set(groups.flatMap((g) => g.readOnly)),
    channelOnly: new Set(groups.flatMap((g) => g.channelOnly)),
  };
  grammar = { features: features.length, built };
  return built;
}

/** A verb several groups share: the first group that claims the input parses it; else the one that answers the unclaimed. */
function sharedVerb(verb: string, groups: ReadonlyArray<CommandGroup<CrisisCommand>>): (input: VerbInput) => ParseResult {
  return (input) => {
    const claimed = groups.find((g) => g.claims?.[verb]?.(input) === true);
    const parse = claimed?.verbs[verb] ?? groups.map((g) => g.unclaimed?.[verb]).find((p) => p !== undefined) ?? groups[0]!.verbs[verb]!;
    return parse(input);
  };
}

/** Subcommands that only read: answering one twice changes nothing, so they need no de-duplication. */
export function isReadOnlyCommand(kind: CommandKind): boolean {
  return current().readOnly.has(kind);
}

/** Subcommands that only make sense inside a crisis channel. */
export function isChannelCommand(kind: CommandKind): boolean {
  return current().channelOnly.has(kind);
}

/** Whether a command is one the grammar could have made: it passes its group's schema. */
export function isValidCommand(command: unknown): command is CrisisCommand {
  return current().groups.some((g) => g.schema.safeParse(command).success);
}

export function usageLines(): ReadonlyArray<readonly [string, string]> {
  return current().groups.flatMap((g) => g.usage);
}

/** `/crisis help`, one part per group (each fits a Slack section). */
export function usageSections(): string[] {
  const titles = [...new Set(current().groups.map((g) => g.title))];
  const sections = titles.map((title) => {
    const usage = current().groups.filter((g) => g.title === title).flatMap((g) => g.usage);
    return [`*${title}*`, ...usage.map(([cmd, what]) => `• \`${escapeAngles(cmd)}\` — ${what}`)].join('\n');
  });
  sections.push(`Roles: ${roleListForHumans()}. Severities: sev1 critical, sev2 high, sev3 medium, sev4 low.`);
  return sections;
}

export function usageText(): string {
  return ['*Crisis bot commands*', ...usageSections()].join('\n');
}

/** The short form appended to a refusal: every subcommand by name, and where the details are. */
function verbList(): string {
  const names = [...new Set(usageLines().map(([cmd]) => cmd.split(' ').slice(0, 2).join(' ')))];
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
  const parse = current().verbs.get(verb);
  if (!parse) return { ok: false, message: `${escapeAngles(`I don't know ${shown(verb)}.`)}\n${verbList()}` };
  return parse({ rest, args, freeText });
}
