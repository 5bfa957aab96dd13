/**
 * What every listener is given: the services, the Web API wrapper, settings and a logger. A feature
 * whose listeners need more adds it by declaration merging (the people feature's `home`).
 */
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { Services } from '../../core/services';
import type { SlackApi } from '../web-api';

export interface ListenerDeps {
  services: Services;
  api: SlackApi;
  clock: Clock;
  logger: Logger;
  timeZone: string;
}
