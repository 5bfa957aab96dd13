/** The crisis core's Slack side: help, declaring, the list of open crises, and "Declare a crisis" on the App Home. */
import { ACTIONS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';

import { CRISIS_COMMANDS, DRILL_COMMANDS } from './crisis-grammar';
import { declareFromText, declareNow, openDeclareModal } from './declare-commands';
import { declareSubmit } from './declare-submit';
import { openDeclareFromHome } from './home-declare-button';
import { list } from './info-commands';
import { help } from './info-commands';

export const crisisSlack: SlackFeature = {
  commands: [
    commandGroup(CRISIS_COMMANDS, { help, declare_modal: openDeclareModal, declare: declareNow, list, drill: declareFromText }),
    commandGroup(DRILL_COMMANDS, { help, declare_modal: openDeclareModal, declare: declareNow, list, drill: declareFromText }),
  ],
  buttons: (deps) => ({ [ACTIONS.homeDeclare]: openDeclareFromHome(deps) }),
  views: (deps) => ({ [VIEWS.declare]: declareSubmit(deps) }),
};
