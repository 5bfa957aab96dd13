/**
 * The Bolt app: the guarded HTTP receiver on HOST:PORT (POST /slack/events, GET /healthz, GET
 * /readyz, GET /metrics), or Socket Mode when an app-level token is set (health, readiness, metrics
 * and webhooks still served on PORT, behind the same door: src/http/door.ts). With METRICS_PORT,
 * /metrics moves to a door of its own on that port, so it need not face the internet.
 * Listeners are registered here, behind the request guard that de-duplicates retries, counts
 * in-flight work for a clean shutdown, and counts requests for the metrics.
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel as BoltLogLevel, SocketModeReceiver, type App, type Logger as BoltLogger } from '@slack/bolt';
import type { Config } from '../config';
import { HttpDoor, sendJson, type DoorLimits } from '../http/door';
import { readyRoute, type ReadinessCheck } from '../http/readyz';
import { volumeHookRoute } from '../features/customer/volume-hook';
import { countHelpdeskAnswers, helpdeskRoutes } from '../features/helpdesk';
import { statusPageRoutesFor } from '../features/publishing';
import type { Logger } from '../logger';
import type { BotMetrics } from '../metrics';
import type { Services } from '../core/services';
import type { DatabaseHealth } from '../store/database';
import { appTokenRefusal, BotIdentity, type AuthRetry } from '../slack/bot-identity';
import { GuardedReceiver, type HttpRoute } from '../slack/guarded-receiver';
import type { HomePublisher } from '../features/people/slack/home-publisher';
import { registerListeners } from '../slack/listeners';
import type { ListenerDeps } from '../slack/listeners/deps';
import { MeasuredApp } from '../slack/measured-app';
import { InFlight, requestGuard } from '../slack/request-guard';
import type { SlackApi } from '../slack/web-api';

export interface SlackAppOptions {
  config: Config;
  services: Services;
  api: SlackApi;
  logger: Logger;
  /** A real read of the database, for GET /healthz. */
  health: () => DatabaseHealth;
  /** Migrations applied and the database answering, for GET /readyz. */
  ready: ReadinessCheck;
  metrics: BotMetrics;
  /** The HTTP door's limits (tests shorten them); src/http/door.ts has the defaults. */
  doorLimits?: Partial<DoorLimits>;
  /** Backoff for auth.test when Slack could not be reached at start-up. */
  authRetry?: AuthRetry;
  /** Publishes people's App Home tabs. */
  home: HomePublisher;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (PORT=0 picks a free one). */
  port: number | undefined;
  /** The port of GET /metrics when METRICS_PORT is set (0 picks a free one); undefined otherwise. */
  metricsPort: number | undefined;
  /** From auth.test; undefined until Slack has answered it. */
  readonly botUserId: string | undefined;
  inFlight: InFlight;
  /** The HTTP door's open connections and the bytes of bodies not yet vouched for that it holds. */
  readonly door: { readonly connections: number; readonly heldBytes: number };
  stop(): Promise<void>;
}

function boltLogger(logger: Logger, level: Config['logLevel']): BoltLogger {
  const rank: Record<Config['logLevel'], number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const levels: Record<Config['logLevel'], BoltLogLevel> = { debug: BoltLogLevel.DEBUG, info: BoltLogLevel.INFO, warn: BoltLogLevel.WARN, error: BoltLogLevel.ERROR };
  const join = (msgs: unknown[]): string => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  // Bolt logs at debug on every request, whatever the level; serialising those lines only to drop
  // them cost more than the rest of a `/crisis help` ack. The configured level decides, so Bolt's
  // setLevel (called with its own default, INFO) is ignored.
  const debugOn = rank[level] <= rank.debug;
  const infoOn = rank[level] <= rank.info;
  return {
    debug: (...m) => {
      if (debugOn) logger.debug(join(m), { source: 'bolt' });
    },
    info: (...m) => {
      if (infoOn) logger.info(join(m), { source: 'bolt' });
    },
    warn: (...m) => logger.warn(join(m), { source: 'bolt' }),
    error: (...m) => logger.error(join(m), { source: 'bolt' }),
    setLevel: () => {},
    getLevel: () => levels[level],
    setName: () => {},
  };
}

/** GET /healthz: 200 while the database answers a real read, 503 otherwise; a change is logged once. */
function healthRoute(health: () => DatabaseHealth, logger: Logger): HttpRoute {
  let wasOk = true;
  return {
    method: 'GET',
    path: '/healthz',
    handler: (_req, res) => {
      const now = health();
      if (!now.ok && wasOk) logger.error('the database fails a real read; /healthz answers 503', { problem: now.problem });
      if (now.ok && !wasOk) logger.info('the database answers again; /healthz answers 200');
      wasOk = now.ok;
      sendJson(res, now.ok ? 200 : 503, now.ok ? { ok: true } : { ok: false, error: 'database unavailable' });
    },
  };
}

async function serveMetrics(metrics: BotMetrics, logger: Logger, res: ServerResponse): Promise<void> {
  try {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'Content-Type': contentType });
    res.end(body);
  } catch (err) {
    logger.error('could not render the metrics', { error: err });
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('metrics unavailable\n');
  }
}

/** How long a stop waits for Slack to answer the WebSocket's close frame. */
const SOCKET_CLOSE_WAIT_MS = 3_000;

function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    work.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, services, api, logger } = options;
  const inFlight = new InFlight();
  const metricsRoute: HttpRoute = { method: 'GET', path: '/metrics', handler: (_req, res) => serveMetrics(options.metrics, logger, res) };
  const separateMetrics = config.metricsPort !== undefined;
  const routes: HttpRoute[] = [
    healthRoute(options.health, logger),
    readyRoute(options.ready, logger),
    ...(separateMetrics ? [] : [metricsRoute]),
    // POST /hooks/volume (src/features/customer/volume-hook.ts): complaint volume from a help desk.
    volumeHookRoute({ secret: config.webhookSecret, volume: services.customer.volume, clock: services.deps.clock, logger, inFlight }),
    // POST /hooks/helpdesk/<desk> (src/features/helpdesk/route.ts): ticket events in each desk's own format.
    ...helpdeskRoutes({ secrets: config.helpdesk.secrets, service: services.helpdesk.service, clock: services.deps.clock, logger, inFlight, onAnswer: countHelpdeskAnswers(options.metrics.registry) }),
    // GET/HEAD /status, /status.json, /status/feed.atom: the public status page (404 while off).
    ...statusPageRoutesFor(services.publishing, services.deps, logger),
  ];
  const blogger = boltLogger(logger, config.logLevel);
  const appToken = config.appToken;
  const socketMode = appToken !== undefined;

  // Asked before anything listens: a token Slack refuses stops start-up here (SlackAuthError).
  const identity = new BotIdentity(api, config.botToken, logger, (botUserId) => {
    services.deps.settings.botUserId = botUserId;
  }, options.authRetry);
  await identity.learn();

  const limits = options.doorLimits ? { limits: options.doorLimits } : {};
  const onRefused = (outcome: Parameters<BotMetrics['request']>[1]): void => options.metrics.request('invalid', outcome);
  // In Socket Mode, Slack's requests come over the WebSocket and the routes get a door of their own
  // (not Bolt's server for custom routes, which has no deadline, no cap and no body limit).
  const routesDoor = socketMode ? new HttpDoor({ routes, logger, onRefused, ...limits }) : undefined;
  const metricsDoor = separateMetrics ? new HttpDoor({ routes: [metricsRoute], logger, onRefused, ...limits }) : undefined;
  const receiver = appToken !== undefined
    ? new SocketModeReceiver({
        appToken,
        logger: blogger,
        // clientOptions reach the SocketModeClient's WebClient, so apps.connections.open goes to
        // SLACK_API_URL (a proxy) like every other call.
        installerOptions: { clientOptions: { slackApiUrl: config.slackApiUrl } },
      })
    : new GuardedReceiver({ signingSecret: config.signingSecret ?? '', routes, boltLogger: blogger, logger, metrics: options.metrics, host: config.host, ...limits });

  // Bolt's own token handling calls auth.test: at start as an unhandled promise (a Slack that
  // cannot be reached crashes the process and prints the request, bot token included), or on every
  // request before the ack. `authorize` gives it the ids we hold instead, and no call at all.
  const app: App = new MeasuredApp(
    {
      authorize: identity.authorize,
      receiver,
      logger: blogger,
      // Bolt's conversation store (context.conversation) is unused here and costs a lookup per request.
      convoStore: false,
      clientOptions: { slackApiUrl: config.slackApiUrl, retryConfig: { retries: 0 } },
    },
    options.metrics,
  );

  const deps: ListenerDeps = {
    services,
    api,
    clock: services.deps.clock,
    logger,
    timeZone: config.timeZone,
    home: options.home,
  };
  app.use(requestGuard(services.deps.store.processed, services.deps.clock, logger, inFlight, options.metrics));
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error('unhandled error in a listener', { error });
  });

  let started: unknown;
  let metricsServer: Server | undefined;
  try {
    if (metricsDoor && config.metricsPort !== undefined) metricsServer = await metricsDoor.start(config.metricsPort, config.host);
    started = routesDoor ? await routesDoor.start(config.port, config.host) : await app.start(config.port);
    if (routesDoor) await app.start();
  } catch (err) {
    identity.stop();
    // PORT (and METRICS_PORT) are listened on before the socket connects; let go of them.
    await metricsDoor?.stop();
    await routesDoor?.stop();
    await app.stop().catch(() => undefined);
    throw appTokenRefusal(err) ?? err;
  }
  const door = routesDoor ?? (receiver instanceof GuardedReceiver ? receiver.door : undefined);
  const address = started && typeof (started as Server).address === 'function' ? ((started as Server).address() as AddressInfo | null) : null;
  const port = address?.port;
  const metricsPort = (metricsServer?.address() as AddressInfo | null | undefined)?.port;

  return {
    app,
    port,
    metricsPort,
    get botUserId() {
      return identity.botUserId;
    },
    inFlight,
    door: {
      get connections() {
        return door?.connections ?? 0;
      },
      get heldBytes() {
        return door?.budget.held ?? 0;
      },
    },
    stop: async () => {
      identity.stop();
      // Bolt's SocketModeReceiver.stop() does not wait for the WebSocket to close; left to itself, the
      // close handshake races the process's exit and the socket library keeps a 30 s timer alive.
      if (receiver instanceof SocketModeReceiver) await settleWithin(receiver.client.disconnect(), SOCKET_CLOSE_WAIT_MS);
      await app.stop();
      await routesDoor?.stop();
      await metricsDoor?.stop();
    },
  };
}
