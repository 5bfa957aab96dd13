/**
 * The `/crisis` listener: parse the text, hand the typed command to its handler. Errors thrown
 * before the handler acked (say, a channel command outside a crisis channel) become the ack's own
 * ephemeral reply; after the ack they go through response_url.
 */
import type { AckFn, AllMiddlewareArgs, App, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { CoreCommand } from '../../commands/core-commands';
import { CHANNEL_COMMANDS, parseCommand, type CrisisCommand } from '../../commands/parse-command';
import { COMMAND } from '../../ids';
import { parsedCommandIn } from '../../request-key';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral } from '../reply';
import type { CommandArgs, HandlerTable } from './command-args';
import { logContext } from './command-args';
import { CUSTOMER_HANDLERS } from '../../../features/customer/slack/customer-commands';
import { declareNow, openDeclareModal } from '../../../features/crisis/slack/declare-commands';
import { help, list, remindShow, roles, timeline, unknownInput } from './info';
import { PEOPLE_HANDLERS } from '../../../features/people/slack/people-commands';
import { PLAYBOOK_HANDLERS } from '../../../features/deadlines/slack/deadline-commands';
import { action, debrief, note, reopen, resolve } from '../../../features/record/slack/record-commands';
import { assign, unassign } from '../../../features/roles/slack/role-commands';
import { STATEMENT_HANDLERS } from '../../../features/statements/slack/statement-commands';
import { PUBLISHING_HANDLERS } from '../../../features/publishing/slack/publishing-commands';
import { openUpdateModal, remindEvery, remindOff, severity, status, update } from '../../../features/updates/slack/update-commands';

const CORE_HANDLERS: HandlerTable<CoreCommand['kind']> = {
  help,
  declare_modal: openDeclareModal,
  declare: declareNow,
  list,
  assign,
  unassign,
  roles,
  update,
  update_modal: openUpdateModal,
  status,
  severity,
  remind_every: remindEvery,
  remind_off: remindOff,
  remind_show: remindShow,
  note,
  action,
  timeline,
  resolve,
  reopen,
  debrief,
};

/** Every group's handlers: a new group of subcommands adds its table here. */
const HANDLERS: HandlerTable<CrisisCommand['kind']> = { ...CORE_HANDLERS, ...PLAYBOOK_HANDLERS, ...STATEMENT_HANDLERS, ...CUSTOMER_HANDLERS, ...PEOPLE_HANDLERS, ...PUBLISHING_HANDLERS };

function dispatch<K extends CrisisCommand['kind']>(command: Extract<CrisisCommand, { kind: K }>, args: Omit<CommandArgs<K>, 'command'>): Promise<void> {
  const handler = HANDLERS[command.kind] as (a: CommandArgs<K>) => Promise<void>;
  return handler({ ...args, command });
}

export function registerCommands(app: App, deps: ListenerDeps): void {
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
      if (CHANNEL_COMMANDS.has(parsed.command.kind)) deps.services.crisisInChannel(body.channel_id);
      await dispatch(parsed.command, { body, ack: onceAck, respond, deps });
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
