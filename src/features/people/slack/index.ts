/** The people side on Slack: handovers, the report across crises, and the App Home. */
import type { EventArgs, Handler } from '../../../slack/feature';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { onAppHomeOpened } from './app-home';
import { PEOPLE_HANDLERS } from './people-commands';
import { PEOPLE_COMMANDS } from './people-grammar';

export const peopleSlack: SlackFeature = {
  commands: [commandGroup(PEOPLE_COMMANDS, PEOPLE_HANDLERS)],
  events: (deps) => ({ app_home_opened: onAppHomeOpened(deps) as Handler<EventArgs> }),
};
