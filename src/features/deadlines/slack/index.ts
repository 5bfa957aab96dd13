/** Playbooks and deadline clocks on Slack: drills, the clocks and their commands. */
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { PLAYBOOK_HANDLERS } from './deadline-commands';
import { PLAYBOOK_COMMANDS } from './deadline-grammar';

export const deadlinesSlack: SlackFeature = {
  commands: [commandGroup(PLAYBOOK_COMMANDS, PLAYBOOK_HANDLERS)],
};
