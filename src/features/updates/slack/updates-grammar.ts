/** The updates' `/crisis` subcommands: update, status, severity and the reminder cadence. */
import { z } from 'zod';
import { MAX_CADENCE_MINUTES, MIN_CADENCE_MINUTES } from '../../../core/cadence';
import { isSettableStatus, isSeverity, SETTABLE_STATUSES, SEVERITIES } from '../../../core/crisis';
import { durationMinutes, fail, needText, shown, textSchema, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

export const UPDATES_SCHEMAS = [
  z.object({ kind: z.literal('update'), text: textSchema }),
  z.object({ kind: z.literal('update_modal') }),
  z.object({ kind: z.literal('status'), status: z.enum(SETTABLE_STATUSES) }),
  z.object({ kind: z.literal('severity'), severity: z.enum(SEVERITIES) }),
  z.object({ kind: z.literal('remind_every'), minutes: z.number().int().min(MIN_CADENCE_MINUTES).max(MAX_CADENCE_MINUTES) }),
  z.object({ kind: z.literal('remind_off') }),
  z.object({ kind: z.literal('remind_show') }),
] as const;

const UpdatesSchema = z.discriminatedUnion('kind', UPDATES_SCHEMAS);
export type UpdatesCommand = z.infer<typeof UpdatesSchema>;
type Result = Parsed<UpdatesCommand>;
const done = validator(UpdatesSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    updates: UpdatesCommand;
  }
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

function parseUpdate({ freeText }: VerbInput): Result {
  if (freeText.length === 0) return done({ kind: 'update_modal' });
  const checked = needText<UpdatesCommand>(freeText, 'An update', '/crisis update Payments restored for 80% of customers');
  return typeof checked === 'string' ? done({ kind: 'update', text: checked }) : checked;
}

export const UPDATES_COMMANDS: CommandGroup<UpdatesCommand> = {
  title: 'Running a crisis',
  schema: UpdatesSchema,
  verbs: {
    update: parseUpdate,
    status: parseStatus,
    severity: parseSeverity,
    sev: parseSeverity,
    remind: parseRemind,
    reminders: parseRemind,
  },
  usage: [
    ['/crisis update <text>', 'post a status update (or `/crisis update` for the form)'],
    ['/crisis status <investigating|identified|monitoring>', 'change the status'],
    ['/crisis severity <sev1|sev2|sev3|sev4>', 'change the severity and the default cadence'],
    ['/crisis remind every <N>m | every <N>h | off', 'set or stop update reminders; `/crisis remind` shows them'],
  ],
  readOnly: ['remind_show'],
  channelOnly: ['update', 'update_modal', 'status', 'severity', 'remind_every', 'remind_off', 'remind_show'],
};
