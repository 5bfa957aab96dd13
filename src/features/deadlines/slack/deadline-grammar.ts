/**
 * The playbook subcommands: the deadline clocks (`deadlines`, `deadline start|done|add`).
 * Times and durations are checked here; whether a clock exists, and who may change it, is the
 * service's to say.
 */
import { z } from 'zod';
import { MAX_CLOCK_LABEL, MAX_CLOCK_MINUTES } from '../deadlines';
import { unescapeSlack } from '../../../slack/views/blocks';
import { durationMinutes, fail, shown, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

const clockId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,29}$/);

export const PLAYBOOK_SCHEMAS = [
  z.object({ kind: z.literal('deadlines') }),
  z.object({
    kind: z.literal('deadline_start'),
    clockId,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  }),
  z.object({ kind: z.literal('deadline_done'), clockId }),
  z.object({ kind: z.literal('deadline_add'), label: z.string().min(1).max(MAX_CLOCK_LABEL * 2), minutes: z.number().int().min(1).max(MAX_CLOCK_MINUTES) }),
] as const;

const PlaybookSchema = z.discriminatedUnion('kind', PLAYBOOK_SCHEMAS);
export type PlaybookCommand = z.infer<typeof PlaybookSchema>;
type Result = Parsed<PlaybookCommand>;
const done = validator(PlaybookSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    deadlines: PlaybookCommand;
  }
}


const DEADLINE_USAGE =
  'Deadline clocks: `/crisis deadlines`, `/crisis deadline start <id> [HH:MM|YYYY-MM-DD HH:MM]`, `/crisis deadline done <id>`, `/crisis deadline add <label> in <N>m|<N>h|<N>d`.';
const TIME_HELP = 'Give the time as `HH:MM` (00:00 to 23:59, in the crisis time zone) or a date and a time, `YYYY-MM-DD HH:MM`, e.g. `/crisis deadline start authority 2026-03-04 22:15`.';

function clockIdOf(token: string | undefined, sub: string): string | Parsed<PlaybookCommand> {
  if (token === undefined) return fail(`Which clock? \`/crisis deadline ${sub} <id>\`; \`/crisis deadlines\` lists the ids.`);
  const id = token.toLowerCase();
  if (!clockId.safeParse(id).success) return fail(`${shown(token)} is not a clock id. \`/crisis deadlines\` lists the ids (e.g. \`authority\`, \`d1\`).`);
  return id;
}

/** `HH:MM` with a real hour and minute, zero-padded; undefined for anything else. */
function timeOf(token: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(token);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` that is a real calendar day; undefined for anything else. */
function dateOf(token: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(token);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? token : undefined;
}

function parseStart(args: string[]): Result {
  const id = clockIdOf(args[0], 'start');
  if (typeof id !== 'string') return id;
  const when = args.slice(1);
  if (when.length === 0) return done({ kind: 'deadline_start', clockId: id });
  if (when.length === 1) {
    const time = timeOf(when[0] ?? '');
    if (!time) return fail(`${shown(when[0] ?? '')} is not a time. ${TIME_HELP} Nothing changed.`);
    return done({ kind: 'deadline_start', clockId: id, time });
  }
  if (when.length === 2) {
    const date = dateOf(when[0] ?? '');
    const time = timeOf(when[1] ?? '');
    if (!date) return fail(`${shown(when[0] ?? '')} is not a date. ${TIME_HELP} Nothing changed.`);
    if (!time) return fail(`${shown(when[1] ?? '')} is not a time. ${TIME_HELP} Nothing changed.`);
    return done({ kind: 'deadline_start', clockId: id, date, time });
  }
  return fail(`${shown(when.join(' '))} is not a start time. ${TIME_HELP} Nothing changed.`);
}

function parseAdd(rest: string): Result {
  const ADD_HELP = 'Add a clock with `/crisis deadline add <label> in <N>m|<N>h|<N>d`, e.g. `/crisis deadline add Call the insurer in 4h` (1 minute to 90 days). Nothing changed.';
  const match = /^(.*\S)\s+in\s+(\S+(?:\s+\S+)?)$/i.exec(rest);
  if (!match?.[1] || !match[2]) return fail(`Say when it is due. ${ADD_HELP}`);
  const minutes = durationMinutes(match[2], ['m', 'h', 'd']);
  if (minutes === undefined) return fail(`${shown(match[2])} is not a duration. ${ADD_HELP}`);
  if (minutes < 1) return fail(`A clock must run at least 1 minute. ${ADD_HELP}`);
  if (minutes > MAX_CLOCK_MINUTES) return fail(`A clock runs at most 90 days. ${ADD_HELP}`);
  const label = unescapeSlack(match[1]).trim();
  if (Array.from(label).length > MAX_CLOCK_LABEL) return fail(`That label is ${Array.from(label).length} characters; keep it to ${MAX_CLOCK_LABEL} or fewer. Nothing changed.`);
  return done({ kind: 'deadline_add', label, minutes });
}

function parseDeadline({ args, rest }: VerbInput): Result {
  const [sub = '', ...more] = args;
  switch (sub.toLowerCase()) {
    case 'start':
      return parseStart(more);
    case 'done': {
      if (more.length > 1) return fail('Mark one clock at a time, e.g. `/crisis deadline done authority`. Nothing changed.');
      const id = clockIdOf(more[0], 'done');
      return typeof id === 'string' ? done({ kind: 'deadline_done', clockId: id }) : id;
    }
    case 'add':
      return parseAdd(rest.slice(sub.length).trim());
    case '':
      return fail(DEADLINE_USAGE);
    default:
      return fail(`${shown(sub)} is not something a clock does. ${DEADLINE_USAGE}`);
  }
}

export const PLAYBOOK_COMMANDS: CommandGroup<PlaybookCommand> = {
  title: 'Playbooks, deadlines and drills',
  schema: PlaybookSchema,
  verbs: {
    deadlines: ({ args }) => (args.length ? fail('`/crisis deadlines` takes nothing after it.') : done({ kind: 'deadlines' })),
    deadline: parseDeadline,
  },
  usage: [
    ['/crisis deadlines', 'the deadline clocks: label, due time, state'],
    ['/crisis deadline start <id> [HH:MM|YYYY-MM-DD HH:MM]', 'restart a clock from when the company became aware (default now)'],
    ['/crisis deadline done <id>', 'mark a clock met'],
    ['/crisis deadline add <label> in <N>m|<N>h|<N>d', 'add a clock of your own'],
  ],
  readOnly: ['deadlines'],
  channelOnly: ['deadlines', 'deadline_start', 'deadline_done', 'deadline_add'],
};
