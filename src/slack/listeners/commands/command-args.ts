/** The arguments every `/crisis` subcommand handler receives. */
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { CrisisCommand } from '../../commands/parse-command';
import { errorReply } from '../../views/replies';
import type { ListenerDeps } from '../deps';
import { respondEphemeral } from '../reply';

export interface CommandArgs<K extends CrisisCommand['kind'] = CrisisCommand['kind']> {
  command: Extract<CrisisCommand, { kind: K }>;
  body: SlashCommand;
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  deps: ListenerDeps;
}

/** One handler per subcommand kind of a group (a feature registers them with `commandGroup`, src/slack/feature.ts). */
export type HandlerTable<K extends CrisisCommand['kind']> = { [P in K]: (args: CommandArgs<P>) => Promise<void> };

export function logContext(body: SlashCommand, kind: string): Record<string, unknown> {
  return { command: kind, channelId: body.channel_id, userId: body.user_id };
}

/**
 * Acks, then opens a form with the command's trigger (good for 3 seconds). When Slack refuses, the
 * person is told, with `fallback`: the command that does the same at once.
 */
export async function openForm(
  { body, ack, respond, deps }: Pick<CommandArgs, 'body' | 'ack' | 'respond' | 'deps'>,
  what: 'declare' | 'update' | 'statement' | 'handover',
  view: () => ModalView,
  fallback: string,
): Promise<void> {
  await ack();
  try {
    await deps.api.call('views.open', { trigger_id: body.trigger_id, view: view() });
  } catch (err) {
    deps.logger.warn(`could not open the ${what} form`, { ...logContext(body, `${what}_modal`), error: err });
    await respondEphemeral(respond, errorReply(`The ${what} form could not be opened. ${fallback}`));
  }
}
