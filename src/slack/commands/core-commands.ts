/**
 * The core `/crisis` subcommands: declaring, listing, roles, updates, status, severity, reminders,
 * notes, actions, the timeline, resolving and the debrief.
 */
import { z } from 'zod';
import { isSettableStatus, isSeverity, SETTABLE_STATUSES, SEVERITIES } from '../../core/crisis';
import { MAX_CADENCE_MINUTES, MIN_CADENCE_MINUTES } from '../../core/cadence';
import { roleFromName, ROLES, roleListForHumans } from '../../core/roles';
import { declarationFields, parseDeclaration } from '../../features/crisis/slack/declare-grammar';
import { durationMinutes, escapedLength, fail, MAX_TEXT_LENGTH, mentionOf, needText, shown, validator, type CommandGroup, type Parsed, type VerbInput } from './grammar';

export const userIdSchema = z.string().regex(/^[UW][A-Z0-9]+$/);
export const textSchema = z.string().min(1).refine((t) => escapedLength(t) <= MAX_TEXT_LENGTH);

export const CORE_SCHEMAS = [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('declare_modal') }),
  z.object({ kind: z.literal('declare'), ...declarationFields }),
  z.object({ kind: z.literal('list') }),
  z.object({ kind: z.literal('assign'), userId: userIdSchema, role: z.enum(ROLES) }),
  z.object({ kind: z.literal('unassign'), userId: userIdSchema, role: z.enum(ROLES).optional() }),
  z.object({ kind: z.literal('roles') }),
  z.object({ kind: z.literal('update'), text: textSchema }),
  z.object({ kind: z.literal('update_modal') }),
  z.object({ kind: z.literal('status'), status: z.enum(SETTABLE_STATUSES) }),
  z.object({ kind: z.literal('severity'), severity: z.enum(SEVERITIES) }),
  z.object({ kind: z.literal('remind_every'), minutes: z.number().int().min(MIN_CADENCE_MINUTES).max(MAX_CADENCE_MINUTES) }),
  z.object({ kind: z.literal('remind_off') }),
  z.object({ kind: z.literal('remind_show') }),
  z.object({ kind: z.literal('note'), text: textSchema }),
  z.object({ kind: z.literal('action'), text: textSchema, ownerId: userIdSchema.optional() }),
  z.object({ kind: z.literal('timeline') }),
  z.object({ kind: z.literal('resolve'), summary: textSchema }),
  z.object({ kind: z.literal('reopen') }),
  z.object({ kind: z.literal('debrief') }),
] as const;

const CoreSchema = z.discriminatedUnion('kind', CORE_SCHEMAS);
export type CoreCommand = z.infer<typeof CoreSchema>;
type Result = Parsed<CoreCommand>;
const done = validator(CoreSchema);

const MENTION_HELP = 'Name the person with an @mention, e.g. `/crisis assign @maria spokesperson`.';

function parseAssign({ args }: VerbInput): Result {
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

function parseUnassign({ args }: VerbInput): Result {
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

function parseDeclare({ rest }: VerbInput): Result {
  if (rest.length === 0) return done({ kind: 'declare_modal' });
  const parsed = parseDeclaration(rest, 'declare');
  return parsed.ok ? done({ kind: 'declare', ...parsed.command }) : parsed;
}

function parseRemind({ rest }: VerbInput): Result {
  if (rest.length === 0) return done({ kind: 'remind_show' });
  if (/^off$/i.test(rest)) return done({ kind: 'remind_off' });
  const every = /^every\s+(.+)$/i.exec(rest);
  const minutes = every?.[1] ? durationMinutes(every[1]) : undefined;
  if (minutes === undefined) {
    return fail(`${shown(rest)} is not a reminder setting. Set reminders with \`/crisis remind every <N>m\` or \`every <N>h\` (1 minute to 24 hours), or \`/crisis remind off\`.`);
  }
  if (minutes < MIN_CADENCE_MINUTES || minutes > MAX_CADENCE_MINUTES) {
    return fail(`${shown(rest)} is out of range: the reminder cadence must be between 1 minute and 24 hours, e.g. \`every 30m\` or \`every 4h\`.`);
  }
  return done({ kind: 'remind_every', minutes });
}

function parseAction({ rest }: VerbInput): Result {
  const tokens = rest.split(' ');
  const last = tokens[tokens.length - 1];
  const owner = tokens.length > 1 ? mentionOf(last) : undefined;
  const body = owner ? tokens.slice(0, -1).join(' ').trim() : rest;
  const checked = needText<CoreCommand>(body, 'An action', '/crisis action Review refund policy @maria');
  if (typeof checked !== 'string') return checked;
  return done(owner ? { kind: 'action', text: checked, ownerId: owner } : { kind: 'action', text: checked });
}

function parseStatus({ rest }: VerbInput): Result {
  const status = rest.toLowerCase();
  if (status === 'resolved') {
    return fail('`resolved` is not set with `/crisis status`: use `/crisis resolve <summary>` so the resolution is recorded. Status takes `investigating`, `identified` or `monitoring`.');
  }
  if (!isSettableStatus(status)) {
    return fail(`${status ? `${shown(rest)} is not a status.` : 'Which status?'} Use \`/crisis status investigating\`, \`identified\` or \`monitoring\`.`);
  }
  return done({ kind: 'status', status });
}

function parseSeverity({ rest }: VerbInput): Result {
  const severity = rest.toLowerCase();
  if (!isSeverity(severity)) {
    return fail(`${severity ? `${shown(rest)} is not a severity.` : 'Which severity?'} Use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).`);
  }
  return done({ kind: 'severity', severity });
}

/** A subcommand that is free text after its verb. */
function freeTextVerb(kind: 'note' | 'resolve' | 'update', what: string, example: string): (input: VerbInput) => Result {
  return ({ freeText }) => {
    const checked = needText<CoreCommand>(freeText, what, example);
    if (typeof checked !== 'string') return checked;
    return done(kind === 'resolve' ? { kind, summary: checked } : { kind, text: checked });
  };
}

const parseUpdateText = freeTextVerb('update', 'An update', '/crisis update Payments restored for 80% of customers');

/** A verb that takes nothing: anything after it is ignored, as it always was. */
const bare = (kind: 'roles' | 'timeline' | 'reopen' | 'debrief') => (): Result => done({ kind });

export const CORE_COMMANDS: CommandGroup<CoreCommand> = {
  title: 'Running a crisis',
  verbs: {
    '': () => done({ kind: 'help' }),
    help: () => done({ kind: 'help' }),
    declare: parseDeclare,
    list: ({ args }) => (args.length ? fail('`/crisis list` takes nothing after it.') : done({ kind: 'list' })),
    assign: parseAssign,
    unassign: parseUnassign,
    roles: bare('roles'),
    update: (input) => (input.freeText.length === 0 ? done({ kind: 'update_modal' }) : parseUpdateText(input)),
    status: parseStatus,
    severity: parseSeverity,
    sev: parseSeverity,
    remind: parseRemind,
    reminders: parseRemind,
    note: freeTextVerb('note', 'A note', '/crisis note Support queue at 3x normal'),
    action: parseAction,
    timeline: bare('timeline'),
    resolve: freeTextVerb('resolve', 'A resolution summary', '/crisis resolve Payments restored; root cause was an expired certificate'),
    reopen: bare('reopen'),
    debrief: bare('debrief'),
  },
  usage: [
    ['/crisis declare', 'open the declare form (title, type, severity, impact, first roles)'],
    ['/crisis declare [private] [sev1|sev2|sev3|sev4] [<type>:] <title>', "declare now: the type's playbook (default `other`) gives its severity, checklists and deadline clocks; channel, card, announcement"],
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
  ],
  readOnly: ['help', 'list', 'roles', 'remind_show', 'timeline'],
  channelOnly: [
    'assign', 'unassign', 'roles', 'update', 'update_modal', 'status', 'severity', 'remind_every', 'remind_off',
    'remind_show', 'note', 'action', 'timeline', 'resolve', 'reopen', 'debrief',
  ],
};
