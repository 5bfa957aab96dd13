/**
 * A feature's Slack side, as its module registers it (`FeatureModule.slack`): its `/crisis`
 * subcommands with their grammar and handlers, and its buttons, checkboxes, modals, events and
 * shortcuts by id. The listener routers (src/slack/listeners/) loop over every registered feature's,
 * so a new command or button touches only its feature's folder.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  CheckboxesAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { CommandGroup, CrisisCommand } from './commands/grammar';
import type { CommandArgs, HandlerTable } from './listeners/commands/command-args';
import type { ListenerDeps } from './listeners/deps';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
export type CheckboxArgs = SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;
export type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export type Handler<A> = (args: A) => Promise<void>;

/** One group of `/crisis` subcommands: its grammar and a handler for each of its kinds. */
export interface RegisteredCommands {
  readonly group: CommandGroup<CrisisCommand>;
  readonly handlers: Readonly<Partial<Record<CrisisCommand['kind'], Handler<CommandArgs>>>>;
}

/** A group with its handlers, typed together: every kind the group parses has its handler. */
export function commandGroup<C extends CrisisCommand>(group: CommandGroup<C>, handlers: HandlerTable<C['kind']>): RegisteredCommands {
  // Each handler is called only with a command of its own kind (see the dispatcher), so widening is safe.
  return { group: group, handlers: handlers };
}

export interface SlackFeature {
  /** Its `/crisis` subcommands, in the order `/crisis help` lists them. */
  readonly commands?: readonly RegisteredCommands[];
  /** Buttons, by action_id. */
  buttons?(deps: ListenerDeps): Record<string, Handler<ButtonArgs>>;
  /** Checkbox groups, by action_id. */
  checkboxes?(deps: ListenerDeps): Record<string, Handler<CheckboxArgs>>;
  /** Modal submissions, by callback_id. */
  views?(deps: ListenerDeps): Record<string, Handler<ViewArgs>>;
  /** Events API callbacks, by event type. */
  events?(deps: ListenerDeps): Record<string, Handler<EventArgs>>;
  /** Message shortcuts, by callback_id. */
  shortcuts?(deps: ListenerDeps): Record<string, Handler<ShortcutArgs>>;
}
