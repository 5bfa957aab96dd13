/** The roles' Slack side: assign, unassign, who holds what, the roles form, checklists and the shift's "Hand over". */
import { ACTIONS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { toggleChecklist } from './checklist-toggle';
import { handoverSubmit } from './handover-submit';
import { assign, unassign } from './role-commands';
import { ROLES_COMMANDS } from './roles-grammar';
import { openRolesModal } from './roles-button';
import { roles } from './roles-reply';
import { rolesSubmit } from './roles-submit';
import { openHandoverFromShift } from './shift-handover-button';

export const rolesSlack: SlackFeature = {
  commands: [commandGroup(ROLES_COMMANDS, { assign, unassign, roles })],
  buttons: (deps) => ({
    [ACTIONS.cardAssignRoles]: openRolesModal(deps),
    [ACTIONS.nudgeAssignRoles]: openRolesModal(deps),
    [ACTIONS.shiftHandover]: openHandoverFromShift(deps),
  }),
  checkboxes: (deps) => ({ [ACTIONS.checklistToggle]: toggleChecklist(deps) }),
  views: (deps) => ({ [VIEWS.roles]: rolesSubmit(deps), [VIEWS.handover]: handoverSubmit(deps) }),
};
