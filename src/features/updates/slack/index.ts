/** The updates' Slack side: update, status, severity, the cadence, the update form and the reminder's buttons. */
import { ACTIONS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { remindShow } from './remind-show';
import { snooze } from './snooze-button';
import { openUpdateModal as updateButton } from './update-buttons';
import { openUpdateModal, remindEvery, remindOff, severity, status, update } from './update-commands';
import { UPDATES_COMMANDS } from './updates-grammar';
import { updateSubmit } from './update-submit';

export const updatesSlack: SlackFeature = {
  commands: [
    commandGroup(UPDATES_COMMANDS, {
      update,
      update_modal: openUpdateModal,
      status,
      severity,
      remind_every: remindEvery,
      remind_off: remindOff,
      remind_show: remindShow,
    }),
  ],
  buttons: (deps) => ({
    [ACTIONS.cardPostUpdate]: updateButton(deps),
    [ACTIONS.reminderPostUpdate]: updateButton(deps),
    [ACTIONS.reminderSnooze15]: snooze(deps),
    [ACTIONS.reminderSnooze30]: snooze(deps),
  }),
  views: (deps) => ({ [VIEWS.update]: updateSubmit(deps) }),
};
