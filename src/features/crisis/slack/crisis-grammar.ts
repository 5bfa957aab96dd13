/** The crisis core's `/crisis` subcommands: help, declaring, and the list of open crises. */
import { z } from 'zod';
import { fail, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';
import { declarationFields, parseDeclaration } from './declare-grammar';

export const CRISIS_SCHEMAS = [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('declare_modal') }),
  z.object({ kind: z.literal('declare'), ...declarationFields }),
  z.object({ kind: z.literal('list') }),
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
