/** The App Home tab, published fresh each time someone opens it. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeView } from '../../views/home';
import type { ListenerDeps } from '../deps';

const HOME_LIMIT = 40;

export function onAppHomeOpened(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const { snapshots, total } = deps.services.openCrises(HOME_LIMIT);
    const view = buildHomeView(snapshots, total, deps.timeZone, deps.clock.now());
    try {
      await deps.api.call('views.publish', { user_id: event.user, view });
    } catch (err) {
      deps.logger.warn('could not publish the home tab', { userId: event.user, error: err });
    }
  };
}
