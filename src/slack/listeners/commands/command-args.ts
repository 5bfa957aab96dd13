/** The arguments every `/crisis` subcommand handler receives. */
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { CrisisCommand } from '../../commands/parse-command';
import type { ListenerDeps } from '../deps';

export interface CommandArgs<K extends CrisisCommand['kind'] = CrisisCommand['kind']> {
  command: Extract<CrisisCommand, { kind: K }>;
  body: SlashCommand;
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  deps: ListenerDeps;
}

/** One handler per subcommand kind of a group; `index.ts` spreads every group's table into one. */
export type HandlerTable<K extends CrisisCommand['kind']> = { [P in K]: (args: CommandArgs<P>) => Promise<void> };

export function logContext(body: SlashCommand, kind: string): Record<string, unknown> {
  return { command: kind, channelId: body.channel_id, userId: body.user_id };
}
