/**
 * `/crisis …` text → a typed command. The whole grammar of the contract lives here, so `help` is
 * complete and every mistake gets one clear answer: what was wrong and what is accepted. The
 * result is checked against a zod schema, the boundary between what a person typed and the domain.
 */
import { z } from 'zod';
import { characterCount, DEFAULT_SEVERITY, isSettableStatus, isSeverity, MAX_TITLE_LENGTH, SETTABLE_STATUSES, SEVERITIES } from '../../domain/crisis';
import { MAX_CADENCE_MINUTES, MIN_CADENCE_MINUTES } from '../../domain/cadence';
import { roleFromName, ROLES, roleListForHumans } from '../../domain/roles';
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

const userId = z.string().regex(/^[UW][A-Z0-9]+$/);
const text = z.string().min(1).refine((t) => escapedLength(t) <= MAX_TEXT_LENGTH);

export const CommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('declare_modal') }),
  z.object({ kind: z.literal('declare'), severity: z.enum(SEVERITIES), title: z.string().min(1).refine((t) => characterCount(t) <= MAX_TITLE_LENGTH) }),
  z.object({ kind: z.literal('list') }),
  z.object({ kind: z.literal('assign'), userId, role: z.enum(ROLES) }),
  z.object({ kind: z.literal('unassign'), userId, role: z.enum(ROLES).optional() }),
  z.object({ kind: z.literal('roles') }),
  z.object({ kind: z.literal('update'), text }),
  z.object({ kind: z.literal('update_modal') }),
  z.object({ kind: z.literal('status'), status: z.enum(SETTABLE_STATUSES) }),
  z.object({ kind: z.literal('severity'), severity: z.enum(SEVERITIES) }),
  z.object({ kind: z.literal('remind_every'), minutes: z.number().int().min(MIN_CADENCE_MINUTES).max(MAX_CADENCE_MINUTES) }),
  z.object({ kind: z.literal('remind_off') }),
  z.object({ kind: z.literal('remind_show') }),
  z.object({ kind: z.literal('note'), text }),
  z.object({ kind: z.literal('action'), text, ownerId: userId.optional() }),
  z.object({ kind: z.literal('timeline') }),
  z.object({ kind: z.literal('resolve'), summary: text }),
  z.object({ kind: z.literal('reopen') }),
  z.object({ kind: z.literal('debrief') }),
]);

export type CrisisCommand = z.infer<typeof CommandSchema>;
export type CommandKind = CrisisCommand['kind'];

export type ParseResult = { ok: true; command: CrisisCommand } | { ok: false; message: string };

/** Subcommands that only read: answering one twice changes nothing, so they need no de-duplication. */
export const READ_ONLY_COMMANDS: ReadonlySet<CommandKind> = new Set<CommandKind>(['help', 'list', 'roles', 'remind_show', 'timeline']);

/** Subcommands that only make sense inside a crisis channel. */
export const CHANNEL_COMMANDS: ReadonlySet<CommandKind> = new Set<CommandKind>([
  'assign', 'unassign', 'roles', 'update', 'update_modal', 'status', 'severity', 'remind_every', 'remind_off',
  'remind_show', 'note', 'action', 'timeline', 'resolve', 'reopen', 'debrief',
]);

export const USAGE_LINES: ReadonlyArray<readonly [string, string]> = [
  ['/crisis declare', 'open the declare form (title, type, severity, impact, first roles)'],
  ['/crisis declare [sev1|sev2|sev3|sev4] <title>', 'declare now (default sev2): channel, card, announcement'],
  ['/crisis list', 'the open crises'],
  ['/crisis assign @person <role>', 'give a role (in the crisis channel)'],
  ['/crisis unassign @person [role]', 'take a role, or all of their roles'],
  ['/crisis roles', 'who holds what, and which roles are empty'],
  ['/crisis update <text>', 'post a status update (or `/crisis update` for the form)'],
  ['/crisis status <investigating|identified|monitoring>', 'change the status'],
  ['/crisis severity <sev1|sev2|sev3|sev4>', 'change the severity and the default cadence'],
  ['/crisis remind every <N>m | every <N>h | off', 'set or stop update reminders; `/crisis remind` shows them'],
  ['/crisis note <text>', 'add a note to the timeline'],
  ['/crisis action <text> [@owner]', 'add a follow-up action'],
  ['/crisis timeline', 'the timeline so far'],
  ['/crisis resolve <summary>', 'resolve, stop reminders, invite the debrief'],
  ['/crisis reopen', 'put a resolved crisis back to investigating'],
  ['/crisis debrief', 'post the after-action report'],
];

export function usageText(): string {
  return [
    '*Crisis bot commands*',
    ...USAGE_LINES.map(([cmd, what]) => `• \`${escapeAngles(cmd)}\` — ${what}`),
    `Roles: ${roleListForHumans()}. Severities: sev1 critical, sev2 high, sev3 medium, sev4 low.`,
  ].join('\n');
}

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

function mentionOf(token: string | undefined): string | undefined {
  return token === undefined ? undefined : MENTION.exec(token)?.[1];
}

/** Slack reads `<…>` as a link or mention, so angle brackets meant to be seen are escaped. */
function escapeAngles(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What the person typed, quoted back: short enough to keep the reply readable, and unable to end its code span. */
function shown(token: string): string {
  const chars = Array.from(token);
  const cut = chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : token;
  return `\`${cut.replace(/`/g, "'")}\``;
}

function fail(message: string, withUsage = false): ParseResult {
  return { ok: false, message: escapeAngles(message) + (withUsage ? `\n${usageText()}` : '') };
}

function done(command: CrisisCommand): ParseResult {
  const checked = CommandSchema.safeParse(command);
  return checked.success ? { ok: true, command: checked.data } : fail('That command did not make sense.', true);
}

/** Free text as the person typed it (Slack sent it escaped), or the refusal. */
function needText(value: string, what: string, example: string): ParseResult | string {
  const typed = unescapeSlack(value);
  if (typed.length === 0) return fail(`${what} cannot be empty, e.g. \`${example}\`.`);
  const tooLong = tooLongMessage(what, typed);
  return tooLong === undefined ? typed : fail(tooLong);
}

const MENTION_HELP = 'Name the person with an @mention, e.g. `/crisis assign @maria spokesperson`.';

function parseAssign(args: string[]): ParseResult {
  const [a, b, ...rest] = args;
  const user = mentionOf(a) ?? mentionOf(b);
  const roleToken = mentionOf(a) ? b : a;
  if (!user) return fail(`I could not find who to assign. ${MENTION_HELP}`);
  if (!roleToken) return fail(`Which role? Roles: ${roleListForHumans()}.`);
  if (rest.length > 0) return fail(`Assign one person one role at a time, e.g. \`/crisis assign @maria spokesperson\`.`);
  const role = roleFromName(roleToken);
  if (!role) return fail(`${shown(roleToken)} is not a role. Roles: ${roleListForHumans()}.`);
  return done({ kind: 'assign', userId: user, role });
}

function parseUnassign(args: string[]): ParseResult {
  const [a, b, ...rest] = args;
  const user = mentionOf(a) ?? mentionOf(b);
  const roleToken = mentionOf(a) ? b : a;
  if (!user) return fail('Name the person with an @mention, e.g. `/crisis unassign @maria` or `/crisis unassign @maria legal`.');
  if (rest.length > 0) return fail('Unassign one person at a time, e.g. `/crisis unassign @maria legal`.');
  if (roleToken === undefined) return done({ kind: 'unassign', userId: user });
  const role = roleFromName(roleToken);
  if (!role) return fail(`${shown(roleToken)} is not a role. Roles: ${roleListForHumans()}.`);
  return done({ kind: 'unassign', userId: user, role });
}

function parseDeclare(rest: string): ParseResult {
  if (rest.length === 0) return done({ kind: 'declare_modal' });
  const [first = '', ...others] = rest.split(' ');
  let severity = DEFAULT_SEVERITY;
  let title = rest;
  if (isSeverity(first.toLowerCase())) {
    severity = first.toLowerCase() as typeof severity;
    title = others.join(' ').trim();
  } else if (/^sev\d+$/i.test(first)) {
    return fail(`${shown(first)} is not a severity. Use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).`);
  }
  // Counted and kept as typed: Slack sent `&`, `<` and `>` escaped.
  title = unescapeSlack(title);
  if (title.length === 0) return fail('A crisis needs a title, e.g. `/crisis declare sev1 Checkout payments failing`.');
  if (characterCount(title) > MAX_TITLE_LENGTH) {
    return fail(`That title is ${characterCount(title)} characters; keep it to ${MAX_TITLE_LENGTH} or fewer.`);
  }
  return done({ kind: 'declare', severity, title });
}

const DURATION = /^(\d{1,5})\s*(m|min|mins|minutes?|h|hr|hrs|hours?)$/i;

function parseRemind(rest: string): ParseResult {
  if (rest.length === 0) return done({ kind: 'remind_show' });
  if (/^off$/i.test(rest)) return done({ kind: 'remind_off' });
  const every = /^every\s+(.+)$/i.exec(rest);
  const duration = every?.[1] ? DURATION.exec(every[1].trim()) : null;
  if (!duration) {
    return fail(`${shown(rest)} is not a reminder setting. Set reminders with \`/crisis remind every <N>m\` or \`every <N>h\` (1 minute to 24 hours), or \`/crisis remind off\`.`);
  }
  const n = Number(duration[1]);
  const minutes = (duration[2] ?? 'm').toLowerCase().startsWith('h') ? n * 60 : n;
  if (minutes < MIN_CADENCE_MINUTES || minutes > MAX_CADENCE_MINUTES) {
    return fail(`${shown(rest)} is out of range: the reminder cadence must be between 1 minute and 24 hours, e.g. \`every 30m\` or \`every 4h\`.`);
  }
  return done({ kind: 'remind_every', minutes });
}

function parseAction(rest: string): ParseResult {
  const tokens = rest.split(' ');
  const last = tokens[tokens.length - 1];
  const owner = tokens.length > 1 ? mentionOf(last) : undefined;
  const body = owner ? tokens.slice(0, -1).join(' ').trim() : rest;
  const checked = needText(body, 'An action', '/crisis action Review refund policy @maria');
  if (typeof checked !== 'string') return checked;
  return done(owner ? { kind: 'action', text: checked, ownerId: owner } : { kind: 'action', text: checked });
}

/**
 * Parses the text after `/crisis`. Never throws. Slack sends the text escaped (`&amp;`, `&lt;`,
 * `&gt;`) with mentions as real `<@U…>` tokens: mentions are read from the escaped text, so a typed
 * `&lt;@U1&gt;` is never taken for one, and only then is free text unescaped to what was typed.
 */
export function parseCommand(raw: string): ParseResult {
  const input = raw.replace(/\s+/g, ' ').trim();
  const spaceAt = input.indexOf(' ');
  const verb = (spaceAt === -1 ? input : input.slice(0, spaceAt)).toLowerCase();
  const rest = spaceAt === -1 ? '' : input.slice(spaceAt + 1).trim();
  const args = rest.length ? rest.split(' ') : [];
  // Free text keeps the person's own line breaks.
  const freeText = /^\S+\s*([\s\S]*)$/.exec(raw.trim())?.[1]?.trim() ?? '';

  switch (verb) {
    case '':
    case 'help':
      return done({ kind: 'help' });
    case 'declare':
      return parseDeclare(rest);
    case 'list':
      return args.length ? fail('`/crisis list` takes nothing after it.') : done({ kind: 'list' });
    case 'assign':
      return parseAssign(args);
    case 'unassign':
      return parseUnassign(args);
    case 'roles':
      return done({ kind: 'roles' });
    case 'update': {
      if (freeText.length === 0) return done({ kind: 'update_modal' });
      const checked = needText(freeText, 'An update', '/crisis update Payments restored for 80% of customers');
      return typeof checked === 'string' ? done({ kind: 'update', text: checked }) : checked;
    }
    case 'status': {
      const status = rest.toLowerCase();
      if (status === 'resolved') {
        return fail('`resolved` is not set with `/crisis status`: use `/crisis resolve <summary>` so the resolution is recorded. Status takes `investigating`, `identified` or `monitoring`.');
      }
      if (!isSettableStatus(status)) {
        return fail(`${status ? `${shown(rest)} is not a status.` : 'Which status?'} Use \`/crisis status investigating\`, \`identified\` or \`monitoring\`.`);
      }
      return done({ kind: 'status', status });
    }
    case 'severity':
    case 'sev': {
      const severity = rest.toLowerCase();
      if (!isSeverity(severity)) {
        return fail(`${severity ? `${shown(rest)} is not a severity.` : 'Which severity?'} Use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).`);
      }
      return done({ kind: 'severity', severity });
    }
    case 'remind':
    case 'reminders':
      return parseRemind(rest);
    case 'note': {
      const checked = needText(freeText, 'A note', '/crisis note Support queue at 3x normal');
      return typeof checked === 'string' ? done({ kind: 'note', text: checked }) : checked;
    }
    case 'action':
      return parseAction(rest);
    case 'timeline':
      return done({ kind: 'timeline' });
    case 'resolve': {
      const checked = needText(freeText, 'A resolution summary', '/crisis resolve Payments restored; root cause was an expired certificate');
      return typeof checked === 'string' ? done({ kind: 'resolve', summary: checked }) : checked;
    }
    case 'reopen':
      return done({ kind: 'reopen' });
    case 'debrief':
      return done({ kind: 'debrief' });
    default:
      return fail(`I don't know ${shown(verb)}.`, true);
  }
}
