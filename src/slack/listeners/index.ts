/**
 * Wires every callback_id and action_id to its listener. Bolt offers each request to every
 * registered listener, so actions, views and events each get ONE listener that routes by id or
 * type: fewer listeners is a shorter path to the ack (see `npm run bench`).
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  CheckboxesAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { ACTIONS, SHORTCUTS, VIEWS } from '../ids';
import { approveFaqButton } from '../../features/customer/slack/faq-approve';
import { toggleAction } from '../../features/record/slack/action-button';
import { snooze, toggleChecklist } from './actions/in-place';
import { approveButton, changesButton, editButton, publishButton } from '../../features/statements/slack/statement-buttons';
import { openLessonsModal, openRolesModal, openTimelineEditModal, openUpdateModal } from './actions/open-modals';
import { openDeclareFromHome, openHandoverFromShift } from './actions/people-actions';
import { registerCommands } from './commands';
import type { ListenerDeps } from './deps';
import { onAppHomeOpened } from '../../features/people/slack/app-home';
import { onPinAdded, onReactionAdded } from '../../features/record/slack/capture-events';
import { addToTimeline } from '../../features/record/slack/add-to-timeline';
import { declareSubmit } from '../../features/crisis/slack/declare-submit';
import { handoverSubmit } from '../../features/roles/slack/handover-submit';
import { lessonsSubmit, rolesSubmit, timelineEditSubmit, updateSubmit } from './views/crisis-submits';
import { statementChangesSubmit, statementComposeSubmit, statementEditSubmit, statementPickSubmit, statementPublishSubmit } from '../../features/statements/slack/statement-submits';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type CheckboxArgs = SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);

  const buttons: Record<string, (args: ButtonArgs) => Promise<void>> = {
    [ACTIONS.cardPostUpdate]: openUpdateModal(deps),
    [ACTIONS.reminderPostUpdate]: openUpdateModal(deps),
    [ACTIONS.cardAssignRoles]: openRolesModal(deps),
    [ACTIONS.nudgeAssignRoles]: openRolesModal(deps),
    [ACTIONS.resolvedAddLessons]: openLessonsModal(deps),
    [ACTIONS.timelineEdit]: openTimelineEditModal(deps),
    [ACTIONS.reminderSnooze15]: snooze(deps),
    [ACTIONS.reminderSnooze30]: snooze(deps),
    [ACTIONS.actionToggle]: toggleAction(deps),
    [ACTIONS.faqApprove]: approveFaqButton(deps),
    [ACTIONS.statementApprove]: approveButton(deps),
    [ACTIONS.statementChanges]: changesButton(deps),
    [ACTIONS.statementPublish]: publishButton(deps),
    [ACTIONS.statementEdit]: editButton(deps),
    [ACTIONS.homeDeclare]: openDeclareFromHome(deps),
    [ACTIONS.shiftHandover]: openHandoverFromShift(deps),
  };
  const checkboxes: Record<string, (args: CheckboxArgs) => Promise<void>> = {
    [ACTIONS.checklistToggle]: toggleChecklist(deps),
  };
  const views: Record<string, (args: ViewArgs) => Promise<void>> = {
    [VIEWS.declare]: declareSubmit(deps),
    [VIEWS.roles]: rolesSubmit(deps),
    [VIEWS.update]: updateSubmit(deps),
    [VIEWS.lessons]: lessonsSubmit(deps),
    [VIEWS.timelineEdit]: timelineEditSubmit(deps),
    [VIEWS.statementPick]: statementPickSubmit(deps),
    [VIEWS.statementCompose]: statementComposeSubmit(deps),
    [VIEWS.statementChanges]: statementChangesSubmit(deps),
    [VIEWS.statementPublish]: statementPublishSubmit(deps),
    [VIEWS.statementEdit]: statementEditSubmit(deps),
    [VIEWS.handover]: handoverSubmit(deps),
  };

  app.action({ type: 'block_actions' }, async (args) => {
    const { action } = args;
    const handler =
      action.type === 'button' ? buttons[action.action_id] : action.type === 'checkboxes' ? checkboxes[action.action_id] : undefined;
    if (!handler) {
      // Not ours (or a link button): answer so Slack shows no error.
      await args.ack();
      return;
    }
    // The handler was looked up by the element's own type, so the narrower arguments hold.
    await (handler as (a: typeof args) => Promise<void>)(args);
  });

  app.view({ type: 'view_submission' }, async (args) => {
    const handler = views[args.view.callback_id];
    if (!handler) {
      await args.ack();
      return;
    }
    await handler(args as ViewArgs);
  });

  app.shortcut(SHORTCUTS.addToTimeline, addToTimeline(deps));

  // The events, like the actions and views, through one listener that routes by type.
  const events: Record<string, (args: EventArgs) => Promise<void>> = {
    reaction_added: onReactionAdded(deps) as (args: EventArgs) => Promise<void>,
    pin_added: onPinAdded(deps) as (args: EventArgs) => Promise<void>,
    app_home_opened: onAppHomeOpened(deps) as (args: EventArgs) => Promise<void>,
  };
  app.event(EVENT_TYPES, async (args) => {
    await events[args.event.type]?.(args);
  });
}

const EVENT_TYPES = /^(reaction_added|pin_added|app_home_opened)$/;
