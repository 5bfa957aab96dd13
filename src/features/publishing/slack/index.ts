/** Publishing on Slack: `/crisis public-name` and `/crisis deliveries` (publish itself is the statements' verb). */
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { PUBLISHING_HANDLERS } from './publishing-commands';
import { PUBLISHING_COMMANDS } from './publishing-grammar';

export const publishingSlack: SlackFeature = {
  commands: [commandGroup(PUBLISHING_COMMANDS, PUBLISHING_HANDLERS)],
};
