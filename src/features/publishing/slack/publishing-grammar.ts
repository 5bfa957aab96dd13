/**
 * The publishing subcommands: `public-name [<text>]` (shows, or sets, the name customers see) and
 * `deliveries`. `publish S<n> <target>[, …]` stays the statements group's verb; its targets are
 * read by the publishing service.
 */
import { z } from 'zod';
import { unescapeSlack } from '../../../slack/views/blocks';
import { fail, validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';
import { MAX_PUBLIC_NAME_LENGTH } from '../public-name';

export const PUBLISHING_SCHEMAS = [
  z.object({ kind: z.literal('public_name_show') }),
  z.object({ kind: z.literal('public_name_set'), name: z.string().min(1).max(MAX_PUBLIC_NAME_LENGTH * 4) }),
  z.object({ kind: z.literal('deliveries') }),
] as const;

const PublishingSchema = z.discriminatedUnion('kind', PUBLISHING_SCHEMAS);
export type PublishingCommand = z.infer<typeof PublishingSchema>;
type Result = Parsed<PublishingCommand>;
const done = validator(PublishingSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    publishing: PublishingCommand;
  }
}

function parsePublicName({ freeText }: VerbInput): Result {
  const name = unescapeSlack(freeText).replace(/\s+/g, ' ').trim();
  if (!name) return done({ kind: 'public_name_show' });
  const length = Array.from(name).length;
  if (length > MAX_PUBLIC_NAME_LENGTH) return fail(`A public name is at most ${MAX_PUBLIC_NAME_LENGTH} characters (that one is ${length}). Nothing changed.`);
  return done({ kind: 'public_name_set', name });
}

export const PUBLISHING_COMMANDS: CommandGroup<PublishingCommand> = {
  title: 'Publishing (status page, Statuspage, Zendesk, webhooks)',
  schema: PublishingSchema,
  verbs: {
    'public-name': parsePublicName,
    deliveries: ({ args }) => (args.length ? fail('`/crisis deliveries` takes nothing after it.') : done({ kind: 'deliveries' })),
  },
  usage: [
    ['/crisis publish S<n> <target>[, <target>…]', 'publish and deliver: `status-page`, `statuspage`, `zendesk` or a configured webhook; other words are recorded only'],
    ['/crisis public-name [<text>]', 'show or set the name customers see on the status page and in deliveries (never the internal title)'],
    ['/crisis deliveries', 'every delivery of a published statement: target, state, attempts'],
  ],
  readOnly: ['public_name_show', 'deliveries'],
  channelOnly: ['public_name_show', 'public_name_set', 'deliveries'],
};
