/** The customer side on Slack: impact, volume, remedies, the FAQ and its approval button. */
import { ACTIONS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { CUSTOMER_HANDLERS } from './customer-commands';
import { CUSTOMER_COMMANDS } from './customer-grammar';
import { approveFaqButton } from './faq-approve';

export const customerSlack: SlackFeature = {
  commands: [commandGroup(CUSTOMER_COMMANDS, CUSTOMER_HANDLERS)],
  buttons: (deps) => ({ [ACTIONS.faqApprove]: approveFaqButton(deps) }),
};
