/** The arguments every `/crisis` subcommand handler receives. */
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Crisis } from '../../../core/crisis';
import type { Message } from '../../views/messages';
import type { CrisisCommand } from '../../commands/parse-command';
import { errorReply } from '../../views/replies';
import type { ListenerDeps } from '../deps';
import { respondEphemeral, respondWith } from '../reply';

export interface CommandArgs<K extends CrisisCommand['kind'] = CrisisCommand['kind']> {
  command: Extract<CrisisCommand, { kind: K }>;
  /** The crisis of the channel, looked up by the dispatcher for a command that works only in one. */
  crisis?: Crisis;
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

/**
 * A command that works in a crisis channel, acks at once and replies with its outcome: the crisis
 * is the one the dispatcher looked up, and a refusal or failure becomes the reply (see respondWith).
 */
export function channelCommand<K extends CrisisCommand['kind']>(
  kind: K,
  run: (args: CommandArgs<K>, crisis: Crisis) => Promise<{ message: string; warnings?: string[] } | Message>,
): (args: CommandArgs<K>) => Promise<void> {
  return async (args) => {
    const crisis = args.crisis ?? args.deps.services.crisisInChannel(args.body.channel_id);
    await args.ack();
    await respondWith(args.respond, args.deps, logContext(args.body, kind), () => run(args, crisis));
  };
}
