/**
 * `/crisis tag [<tag>]` and `/crisis keywords [<word or phrase>, … | clear]`: which help-desk
 * tickets count for the crisis. The words themselves are checked by the service (matching.ts), so
 * a refusal names every problem at once.
 */
import { z } from 'zod';
import { unescapeSlack } from '../../../slack/views/blocks';
import { validator, type CommandGroup, type Parsed, type VerbInput } from '../../../slack/commands/grammar';

export const HELPDESK_SCHEMAS = [
  z.object({ kind: z.literal('tag_show') }),
  z.object({ kind: z.literal('tag_set'), tag: z.string().min(1).max(400) }),
  z.object({ kind: z.literal('keywords_show') }),
  z.object({ kind: z.literal('keywords_set'), text: z.string().min(1).max(4000) }),
  z.object({ kind: z.literal('keywords_clear') }),
] as const;

const HelpdeskSchema = z.discriminatedUnion('kind', HELPDESK_SCHEMAS);
export type HelpdeskCommand = z.infer<typeof HelpdeskSchema>;
type Result = Parsed<HelpdeskCommand>;
const done = validator(HelpdeskSchema);

declare module '../../../slack/commands/grammar' {
  interface FeatureCommands {
    helpdesk: HelpdeskCommand;
  }
}

function parseTag({ rest }: VerbInput): Result {
  const tag = unescapeSlack(rest).trim();
  return tag.length === 0 ? done({ kind: 'tag_show' }) : done({ kind: 'tag_set', tag: tag.slice(0, 400) });
}

function parseKeywords({ rest }: VerbInput): Result {
  const text = unescapeSlack(rest).trim();
  if (text.length === 0) return done({ kind: 'keywords_show' });
  if (/^(clear|none|off)$/i.test(text)) return done({ kind: 'keywords_clear' });
  return done({ kind: 'keywords_set', text: text.slice(0, 4000) });
}

export const HELPDESK_COMMANDS: CommandGroup<HelpdeskCommand> = {
  title: 'Help desks',
  schema: HelpdeskSchema,
  verbs: { tag: parseTag, keywords: parseKeywords },
  usage: [
    ['/crisis tag [<tag>]', 'show or set the help-desk tag whose tickets count for this crisis (default `crisis-&lt;n&gt;`)'],
    ['/crisis keywords [<word or phrase>, …]', 'show or set words that count a ticket whose subject holds them ("probably related", shown apart); `clear` removes them'],
  ],
  readOnly: ['tag_show', 'keywords_show'],
  channelOnly: ['tag_show', 'tag_set', 'keywords_show', 'keywords_set', 'keywords_clear'],
};
