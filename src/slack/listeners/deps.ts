/** What every listener is given: the services, the Web API wrapper, settings and a logger. */
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { Services } from '../../core/services';
import type { HomePublisher } from '../../features/people/slack/home-publisher';
import type { SlackApi } from '../web-api';

export interface ListenerDeps {
  services: Services;
  api: SlackApi;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** Publishes people's App Home tabs (coalesced and paced). */
  home: HomePublisher;
}
