/** The record's `/crisis` subcommands: notes, actions, the timeline, resolving, reopening and the debrief. */
import { z } from 'zod';
import { mentionOf, needText, textSchema, userIdSchema, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

export const RECORD_SCHEMAS = [
  z.object({ kind: z.literal('note'), text: textSchema }),
  z.object({ kind: z.literal('action'), text: textSchema, ownerId: userIdSchema.optional() }),
  z.object({ kind: z.literal('timeline') }),
  z.object({ kind: z.literal('resolve'), summary: textSchema }),
  z.object({ kind: z.literal('reopen') }),
  z.object({ kind: z.literal('debrief') }),
] as const;

const RecordSchema = z.discriminatedUnion('kind', RECORD_SCHEMAS);
export type RecordCommand = z.infer<typeof RecordSchema>;
type Result = Parsed<RecordCommand>;
const done = validator(RecordSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    record: RecordCommand;
  }
}

function parseAction({ rest }: VerbInput): Result {
  const tokens = rest.split(' ');
  const last = tokens[tokens.length - 1];
  const owner = tokens.length > 1 ? mentionOf(last) : undefined;
  const body = owner ? tokens.slice(0, -1).join(' ').trim() : rest;
  const checked = needText<RecordCommand>(body, 'An action', '/crisis action Review refund policy @maria');
  if (typeof checked !== 'string') return checked;
  return done(owner ? { kind: 'action', text: checked, ownerId: owner } : { kind: 'action', text: checked });
}

/** A subcommand that is free text after its verb. */
function freeTextVerb(kind: 'note' | 'resolve', what: string, example: string): (input: VerbInput) => Result {
  return ({ freeText }) => {
    const checked = needText<RecordCommand>(freeText, what, example);
    if (typeof checked !== 'string') return checked;
    return done(kind === 'resolve' ? { kind, summary: checked } : { kind, text: checked });
  };
}

/** A verb that takes nothing: anything after it is ignored, as it always was. */
const bare = (kind: 'timeline' | 'reopen' | 'debrief') => (): Result => done({ kind });

export const RECORD_COMMANDS: CommandGroup<RecordCommand> = {
  title: 'Running a crisis',
  schema: RecordSchema,
  verbs: {
    note: freeTextVerb('note', 'A note', '/crisis note Support queue at 3x normal'),
    action: parseAction,
    timeline: bare('timeline'),
    resolve: freeTextVerb('resolve', 'A resolution summary', '/crisis resolve Payments restored; root cause was an expired certificate'),
    reopen: bare('reopen'),
    debrief: bare('debrief'),
  },
  usage: [
    ['/crisis note <text>', 'add a note to the timeline'],
    ['/crisis action <text> [@owner]', 'add a follow-up action'],
    ['/crisis timeline', 'the timeline so far'],
    ['/crisis resolve <summary>', 'resolve, stop reminders, invite the debrief'],
    ['/crisis reopen', 'put a resolved crisis back to investigating'],
    ['/crisis debrief', 'post the after-action report'],
  ],
  readOnly: ['timeline'],
  channelOnly: ['note', 'action', 'timeline', 'resolve', 'reopen', 'debrief'],
};
