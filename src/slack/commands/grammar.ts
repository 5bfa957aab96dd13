/**
 * The shared pieces of the `/crisis` grammar: text limits, how a refusal reads, mentions, durations,
 * and the shape of a command group. Each group of subcommands (core, playbooks, statements, …) is a
 * file of its own built from these; `parse-command.ts` composes the groups.
 */
import { z } from 'zod';
import { cutGraphemes } from '../../core/text';
import { escapeText, unescapeSlack } from '../views/blocks';

/**
 * Longest free text (update, note, action, summary) that still fits one Slack section with its
 * heading. Measured escaped, as the section will hold it: see `escapedLength`.
 */
export const MAX_TEXT_LENGTH = 2800;

/**
 * The length of `text` once escaped for mrkdwn: `&` counts 5 and `<` `>` 4 each. A text within
 * the limit as typed but not once escaped would otherwise be cut silently in the channel.
 */
export function escapedLength(text: string): number {
  return escapeText(text).length;
}

/** The refusal for free text over the limit: honest about the count when escaping is the cause. */
export function tooLongMessage(what: string, text: string): string | undefined {
  const escaped = escapedLength(text);
  if (escaped <= MAX_TEXT_LENGTH) return undefined;
  if (text.length > MAX_TEXT_LENGTH) return `${what} is ${text.length} characters; keep it to ${MAX_TEXT_LENGTH} or fewer.`;
  return `${what} is ${text.length} characters, but ${escaped} in Slack, where each ampersand counts as 5 and each angle bracket as 4; keep it to ${MAX_TEXT_LENGTH} or fewer.`;
}

/** A parse: the typed command, or the message for the person. */
export type Parsed<C> = { ok: true; command: C } | { ok: false; message: string };

/** What a verb's parser is given: the text after the verb, split and whole. */
export interface VerbInput {
  /** After the verb, whitespace collapsed. */
  rest: string;
  /** `rest` split on spaces; empty when there is nothing. */
  args: string[];
  /** After the verb with the person's own line breaks kept (for free text). */
  freeText: string;
}

/** A group of subcommands: their schemas, their verbs' parsers, their usage lines and their traits. */
export interface CommandGroup<C extends { kind: string }> {
  /** Heading of the group in `/crisis help`. */
  title: string;
  /** What every command of the group is checked against before it reaches a handler. */
  schema: z.ZodType<C>;
  verbs: Record<string, (input: VerbInput) => Parsed<C>>;
  usage: ReadonlyArray<readonly [string, string]>;
  /** Subcommands that only read: answering one twice changes nothing, so they need no de-duplication. */
  readOnly: ReadonlyArray<C['kind']>;
  /** Subcommands that only make sense inside a crisis channel. */
  channelOnly: ReadonlyArray<C['kind']>;
  /**
   * For a verb two groups share (`approve S3`, `approve F2`): whether this group's parser takes
   * this input. The first group that claims it parses it; when none does, `unclaimed` answers.
   */
  claims?: Readonly<Record<string, (input: VerbInput) => boolean>>;
  /** What a shared verb answers when no group claims the input. */
  unclaimed?: Readonly<Record<string, (input: VerbInput) => Parsed<C>>>;
}

/**
 * Every feature's commands, by feature: each adds its own by declaration merging, e.g.
 * `declare module '../../../slack/commands/grammar' { interface FeatureCommands { customer: CustomerCommand } }`.
 */
export interface FeatureCommands {}

/** Any `/crisis` subcommand, typed: the union of every feature's. */
export type CrisisCommand = FeatureCommands[keyof FeatureCommands];
export type CommandKind = CrisisCommand['kind'];

/** A Slack user id as a mention carries it. */
export const userIdSchema = z.string().regex(/^[UW][A-Z0-9]+$/);
/** Free text within the limit once escaped. */
export const textSchema = z.string().min(1).refine((t) => escapedLength(t) <= MAX_TEXT_LENGTH);

export const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function mentionOf(token: string | undefined): string | undefined {
  return token === undefined ? undefined : MENTION.exec(token)?.[1];
}

/** Slack reads `<…>` as a link or mention, so angle brackets meant to be seen are escaped. */
export function escapeAngles(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What the person typed, quoted back: short enough to keep the reply readable, and unable to end its code span. */
export function shown(token: string): string {
  const cut = cutGraphemes(token, 40);
  return `\`${cut.replace(/`/g, "'")}\``;
}

export function fail<C>(message: string): Parsed<C> {
  return { ok: false, message: escapeAngles(message) };
}

/** A `done` for one group: the command is checked against the group's schema before it is returned. */
export function validator<S extends z.ZodType<{ kind: string }>>(schema: S): (command: z.infer<S>) => Parsed<z.infer<S>> {
  return (command) => {
    const checked = schema.safeParse(command);
    return checked.success ? { ok: true, command: checked.data } : fail('That command did not make sense. `/crisis help` lists every command.');
  };
}

/** Free text as the person typed it (Slack sent it escaped), or the refusal. */
export function needText<C>(value: string, what: string, example: string): Parsed<C> | string {
  const typed = unescapeSlack(value);
  if (typed.length === 0) return fail(`${what} cannot be empty, e.g. \`${example}\`.`);
  const tooLong = tooLongMessage(what, typed);
  return tooLong === undefined ? typed : fail(tooLong);
}

/** `30m`, `2h`, `90 minutes`, `1d`… → minutes, or undefined. Units allowed are the caller's. */
const DURATION = /^(\d{1,5})\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)$/i;

export function durationMinutes(token: string, units: ReadonlyArray<'m' | 'h' | 'd'> = ['m', 'h']): number | undefined {
  const match = DURATION.exec(token.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'm').toLowerCase()[0] as 'm' | 'h' | 'd';
  if (!units.includes(unit)) return undefined;
  const n = Number(match[1]);
  return unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
}
