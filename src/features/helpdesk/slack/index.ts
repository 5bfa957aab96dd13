/** The help desk on Slack: `/crisis tag`, `/crisis keywords`, and the early warning's Declare button. */
import { ACTIONS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { HELPDESK_HANDLERS } from './commands';
import { openDeclareFromWarning } from './early-warning-slack';
import { HELPDESK_COMMANDS } from './grammar';

export const helpdeskSlack: SlackFeature = {
  commands: [commandGroup(HELPDESK_COMMANDS, HELPDESK_HANDLERS)],
  buttons: (deps) => ({ [ACTIONS.earlyWarningDeclare]: openDeclareFromWarning(deps) }),
};
