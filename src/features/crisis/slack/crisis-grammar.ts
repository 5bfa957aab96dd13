/** The crisis core's `/crisis` subcommands: help, declaring (and drilling), and the list of open crises. */
import { z } from 'zod';
import { fail, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';
import { declarationFields, parseDeclaration } from './declare-grammar';

export const CRISIS_SCHEMAS = [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('declare_modal') }),
  z.object({ kind: z.literal('declare'), ...declarationFields }),
  z.object({ kind: z.literal('list') }),
  z.object({ kind: z.literal('drill'), ...declarationFields }),
] as const;

const CrisisSchema = z.discriminatedUnion('kind', CRISIS_SCHEMAS);
export type CrisisCoreCommand = z.infer<typeof CrisisSchema>;
type Result = Parsed<CrisisCoreCommand>;
const done = validator(CrisisSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    crisis: CrisisCoreCommand;
  }
}

function parseDeclare({ rest }: VerbInput): Result {
  if (rest.length === 0) return done({ kind: 'declare_modal' });
  const parsed = parseDeclaration(rest, 'declare');
  return parsed.ok ? done({ kind: 'declare', ...parsed.command }) : parsed;
}

function parseDrill({ rest }: VerbInput): Result {
  if (rest.length === 0) return fail('A drill needs a title, e.g. `/crisis drill sev2 recall: Kettle K2 overheating`. It runs like a real crisis, marked DRILL everywhere.');
  const parsed = parseDeclaration(rest, 'drill');
  return parsed.ok ? done({ kind: 'drill', ...parsed.command }) : parsed;
}

export const CRISIS_COMMANDS: CommandGroup<CrisisCoreCommand> = {
  title: 'Running a crisis',
  schema: CrisisSchema,
  verbs: {
    '': () => done({ kind: 'help' }),
    help: () => done({ kind: 'help' }),
    declare: parseDeclare,
    list: ({ args }) => (args.length ? fail('`/crisis list` takes nothing after it.') : done({ kind: 'list' })),
  },
  usage: [
    ['/crisis declare', 'open the declare form (title, type, severity, impact, first roles)'],
    ['/crisis declare [private] [sev1|sev2|sev3|sev4] [<type>:] <title>', "declare now: the type's playbook (default `other`) gives its severity, checklists and deadline clocks; channel, card, announcement"],
    ['/crisis list', 'the open crises'],
  ],
  readOnly: ['help', 'list'],
  channelOnly: [],
};

/** `drill` is declaring a practice crisis; `/crisis help` lists it with the playbooks (the same title). */
export const DRILL_COMMANDS: CommandGroup<CrisisCoreCommand> = {
  title: 'Playbooks, deadlines and drills',
  schema: CrisisSchema,
  verbs: { drill: parseDrill },
  usage: [['/crisis drill [sev1|sev2|sev3|sev4] [<type>:] <title>', 'a practice run of a playbook: `drill-…` channel, everything marked DRILL, left out of reports']],
  readOnly: [],
  channelOnly: [],
};
