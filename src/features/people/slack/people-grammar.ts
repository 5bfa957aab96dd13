/**
 * The people subcommands: `handover <@user> <role> [<note>]` (bare `handover` opens the form) and
 * `report [<N>d]`. Mentions, roles, the note's length and the period are checked here; who holds
 * what, and whether the new holder is a person, is the service's to say.
 */
import { z } from 'zod';
import { MAX_HANDOVER_NOTE } from '../../roles';
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS, MIN_REPORT_DAYS, reportDaysRefusal } from '../report';
import { roleFromName, ROLES, roleListForHumans } from '../../../core/roles';
import { unescapeSlack } from '../../../slack/views/blocks';
import { fail, mentionOf, shown, validator, type CommandGroup, type Parsed, type VerbInput, userIdSchema } from '../../../slack/commands/grammar';

export const PEOPLE_SCHEMAS = [
  z.object({ kind: z.literal('handover'), userId: userIdSchema, role: z.enum(ROLES), note: z.string().max(MAX_HANDOVER_NOTE * 2) }),
  z.object({ kind: z.literal('handover_modal') }),
  z.object({ kind: z.literal('report'), days: z.number().int().min(MIN_REPORT_DAYS).max(MAX_REPORT_DAYS) }),
] as const;

const PeopleSchema = z.discriminatedUnion('kind', PEOPLE_SCHEMAS);
export type PeopleCommand = z.infer<typeof PeopleSchema>;
type Result = Parsed<PeopleCommand>;
const done = validator(PeopleSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    people: PeopleCommand;
  }
}


const HANDOVER_HELP = 'Hand over with `/crisis handover @person <role> [note]`, e.g. `/crisis handover @maria spokesperson Holding statement is out; next one promised for 14:00`, or `/crisis handover` for the form.';

/** The person's own text after the first two words, line breaks kept, as typed. */
function noteAfterTwoWords(freeText: string): string {
  const match = /^\S+\s+\S+\s*([\s\S]*)$/.exec(freeText);
  return unescapeSlack(match?.[1] ?? '').trim();
}

function parseHandover({ args, freeText }: VerbInput): Result {
  if (args.length === 0) return done({ kind: 'handover_modal' });
  const [a, b] = args;
  const user = mentionOf(a) ?? mentionOf(b);
  const roleToken = mentionOf(a) ? b : a;
  if (!user) return fail(`Who takes over? Name them with an @mention. ${HANDOVER_HELP}`);
  if (roleToken === undefined) return fail(`Which role? Roles: ${roleListForHumans()}. ${HANDOVER_HELP}`);
  const role = roleFromName(roleToken);
  if (!role) return fail(`${shown(roleToken)} is not a role. Roles: ${roleListForHumans()}. ${HANDOVER_HELP} Nothing changed.`);
  const note = noteAfterTwoWords(freeText);
  const length = Array.from(note).length;
  if (length > MAX_HANDOVER_NOTE) return fail(`The handover note is ${length} characters; keep it to ${MAX_HANDOVER_NOTE} or fewer, or use the form (\`/crisis handover\`). Nothing changed.`);
  return done({ kind: 'handover', userId: user, role, note });
}

/** `30d`, `30 days`, `30day`; nothing means the default. */
function parseReport({ rest }: VerbInput): Result {
  if (rest.length === 0) return done({ kind: 'report', days: DEFAULT_REPORT_DAYS });
  const match = /^(\d{1,7})\s*(?:d|days?)$/i.exec(rest);
  if (!match) return fail(reportDaysRefusal(shown(rest)));
  const days = Number(match[1]);
  if (days < MIN_REPORT_DAYS || days > MAX_REPORT_DAYS) return fail(reportDaysRefusal(shown(rest)));
  return done({ kind: 'report', days });
}

export const PEOPLE_COMMANDS: CommandGroup<PeopleCommand> = {
  title: 'People, shifts and reports',
  schema: PeopleSchema,
  verbs: {
    handover: parseHandover,
    report: parseReport,
  },
  usage: [
    ['/crisis handover @person <role> [note]', 'hand a role over with a note: the new holder\'s checklist DM starts with it and what is still open (`/crisis handover` alone opens the form)'],
    ['/crisis report [<N>d]', `the last N days across crises (default ${DEFAULT_REPORT_DAYS}, drills left out): a summary here, the file and a chart in your DM`],
  ],
  readOnly: [],
  channelOnly: ['handover', 'handover_modal'],
};
