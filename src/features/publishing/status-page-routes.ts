/**
 * The status page on the bot's own HTTP server: GET and HEAD of /status, /status.json and
 * /status/feed.atom, from the store through the handler's once-a-second read (status-page-http.ts).
 * The page's address is the request's own (Host, and https behind a proxy that says so).
 */
import type { ServiceDeps } from '../../core/deps';
import type { HttpRoute } from '../../http/route';
import type { Logger } from '../../logger';
import type { PublishingService } from './publishing-service';
import { createStatusPageHandler, statusPageRoutes } from './status-page-http';

export function statusPageRoutesFor(publishing: PublishingService, deps: Pick<ServiceDeps, 'settings'>, logger: Logger): HttpRoute[] {
  const handler = createStatusPageHandler(() => publishing.statusPageModel(), {
    enabled: publishing.config.statusPage.enabled,
    page: { timeZone: deps.settings.timeZone, lang: 'en' },
    onError: (err) => logger.error('the status page could not be read; readers got 503', { error: err }),
  });
  return statusPageRoutes(handler);
}
