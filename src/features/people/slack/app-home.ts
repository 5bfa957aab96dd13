/** The App Home tab, published fresh for the person each time they open it. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../../slack/listeners/deps';

export function onAppHomeOpened(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    // The publisher logs a failure itself: the tab is rebuilt on the next opening.
    await deps.home.publishNow(event.user);
  };
}
