/** The crisis core's Slack side: help, declaring, the list of open crises, and "Declare a crisis" on the App Home. */
import { ACTIONS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { help, list } from '../../../slack/listeners/commands/info';
import { CRISIS_COMMANDS } from './crisis-grammar';
import { declareNow, openDeclareModal } from './declare-commands';
import { declareSubmit } from './declare-submit';
import { openDeclareFromHome } from './home-declare-button';

export const crisisSlack: SlackFeature = {
  commands: [commandGroup(CRISIS_COMMANDS, { help, declare_modal: openDeclareModal, declare: declareNow, list })],
  buttons: (deps) => ({ [ACTIONS.homeDeclare]: openDeclareFromHome(deps) }),
  views: (deps) => ({ [VIEWS.declare]: declareSubmit(deps) }),
};
