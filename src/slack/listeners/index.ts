/** Wires every callback_id and action_id to its listener. */
import type { App } from '@slack/bolt';
import { ACTIONS, SHORTCUTS, VIEWS } from '../ids';
import { toggleAction } from './actions/follow-up';
import { snooze, toggleChecklist } from './actions/in-place';
import { openLessonsModal, openRolesModal, openTimelineEditModal, openUpdateModal } from './actions/open-modals';
import { registerCommands } from './commands';
import type { ListenerDeps } from './deps';
import { onAppHomeOpened } from './events/app-home';
import { onPinAdded, onReactionAdded } from './events/capture-events';
import { addToTimeline } from './shortcuts/add-to-timeline';
import { declareSubmit } from './views/declare-submit';
import { lessonsSubmit, rolesSubmit, timelineEditSubmit, updateSubmit } from './views/crisis-submits';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);

  app.action(ACTIONS.cardPostUpdate, openUpdateModal(deps));
  app.action(ACTIONS.reminderPostUpdate, openUpdateModal(deps));
  app.action(ACTIONS.cardAssignRoles, openRolesModal(deps));
  app.action(ACTIONS.nudgeAssignRoles, openRolesModal(deps));
  app.action(ACTIONS.resolvedAddLessons, openLessonsModal(deps));
  app.action(ACTIONS.timelineEdit, openTimelineEditModal(deps));
  app.action(ACTIONS.reminderSnooze15, snooze(deps));
  app.action(ACTIONS.reminderSnooze30, snooze(deps));
  app.action(ACTIONS.checklistToggle, toggleChecklist(deps));
  app.action(ACTIONS.actionToggle, toggleAction(deps));

  app.view(VIEWS.declare, declareSubmit(deps));
  app.view(VIEWS.roles, rolesSubmit(deps));
  app.view(VIEWS.update, updateSubmit(deps));
  app.view(VIEWS.lessons, lessonsSubmit(deps));
  app.view(VIEWS.timelineEdit, timelineEditSubmit(deps));

  app.shortcut(SHORTCUTS.addToTimeline, addToTimeline(deps));

  app.event('reaction_added', onReactionAdded(deps));
  app.event('pin_added', onPinAdded(deps));
  app.event('app_home_opened', onAppHomeOpened(deps));
}
