/**
 * The `/crisis` listener: parse the text, hand the typed command to its handler. Errors thrown
 * before the handler acked (say, a channel command outside a crisis channel) become the ack's own
 * ephemeral reply; after the ack they go through response_url.
 */
import type { AckFn, AllMiddlewareArgs, App, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { registeredFeatures } from '../../../core/feature-module';
import { isChannelCommand, parseCommand, type CrisisCommand } from '../../commands/parse-command';
import type { Handler } from '../../feature';
import { COMMAND } from '../../ids';
import { parsedCommandIn } from '../../request-key';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral } from '../reply';
import type { CommandArgs } from './command-args';
import { logContext } from './command-args';
import { unknownInput } from './info';

/** Every registered feature's handlers, by the kind of command each answers. */
function handlers(): ReadonlyMap<string, Handler<CommandArgs>> {
  const table = new Map<string, Handler<CommandArgs>>();
  for (const feature of registeredFeatures()) {
    for (const { handlers: own } of feature.slack?.commands ?? []) {
      for (const [kind, handler] of Object.entries(own)) if (handler && !table.has(kind)) table.set(kind, handler);
    }
  }
  return table;
}

export function registerCommands(app: App, deps: ListenerDeps): void {
  const table = handlers();
  /** A command's handler: it was parsed by its own feature's grammar, which has a handler for every kind it parses. */
  const dispatch = (command: CrisisCommand, args: Omit<CommandArgs, 'command'>): Promise<void> => {
    const handler = table.get(command.kind);
    if (!handler) throw new Error(`no handler for /crisis ${command.kind}`);
    return handler({ ...args, command });
  };
  app.command(COMMAND, async ({ body, ack, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    let acked = false;
    const onceAck: AckFn<string | RespondArguments> = async (response) => {
      acked = true;
      await ack(response);
    };
    // Parsed once per request: the request guard parsed it to tell read-only commands apart.
    const parsed = parsedCommandIn(context) ?? parseCommand(body.text ?? '');
    if (!parsed.ok) {
      await unknownInput({ ack: onceAck }, parsed.message);
      return;
    }
    try {
      // Looked up once, here: the handler is given it (and a command outside a crisis channel is refused in the ack).
      const crisis = isChannelCommand(parsed.command.kind) ? deps.services.crisisInChannel(body.channel_id) : undefined;
      await dispatch(parsed.command, { body, ack: onceAck, respond, deps, crisis });
    } catch (err) {
      const message = messageForError(err, deps, logContext(body, parsed.command.kind));
      if (!acked) {
        await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      } else {
        await respondEphemeral(respond, message).catch((e: unknown) => deps.logger.warn('could not reply', { error: e }));
      }
    }
  });
}
