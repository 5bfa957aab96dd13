/** The record's Slack side: notes, actions, the timeline, resolving and the debrief, captured messages and its forms. */
import type { EventArgs, Handler } from '../../../slack/feature';
import { ACTIONS, SHORTCUTS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { toggleAction } from './action-button';
import { addToTimeline } from './add-to-timeline';
import { onPinAdded, onReactionAdded } from './capture-events';
import { action, debrief, note, reopen, resolve } from './record-commands';
import { openLessonsModal, openTimelineEditModal } from './record-buttons';
import { RECORD_COMMANDS } from './record-grammar';
import { lessonsSubmit, timelineEditSubmit } from './record-submits';
import { timeline } from './timeline-reply';

export const recordSlack: SlackFeature = {
  commands: [commandGroup(RECORD_COMMANDS, { note, action, timeline, resolve, reopen, debrief })],
  buttons: (deps) => ({
    [ACTIONS.resolvedAddLessons]: openLessonsModal(deps),
    [ACTIONS.timelineEdit]: openTimelineEditModal(deps),
    [ACTIONS.actionToggle]: toggleAction(deps),
  }),
  views: (deps) => ({ [VIEWS.lessons]: lessonsSubmit(deps), [VIEWS.timelineEdit]: timelineEditSubmit(deps) }),
  events: (deps) => ({
    reaction_added: onReactionAdded(deps) as Handler<EventArgs>,
    pin_added: onPinAdded(deps) as Handler<EventArgs>,
  }),
  shortcuts: (deps) => ({ [SHORTCUTS.addToTimeline]: addToTimeline(deps) }),
};
