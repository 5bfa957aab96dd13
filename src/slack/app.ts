/**
 * The Bolt app: HTTP receiver on PORT (POST /slack/events, GET /healthz), or Socket Mode when an
 * app-level token is set (health still served on PORT). Listeners are registered here, behind the
 * request guard that de-duplicates retries and counts in-flight work for a clean shutdown.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel as BoltLogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { CustomRoute } from '@slack/bolt/dist/receivers/custom-routes';
import { z } from 'zod';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { registerListeners } from './listeners';
import type { ListenerDeps } from './listeners/deps';
import { InFlight, requestGuard } from './request-guard';
import type { SlackApi } from './web-api';

export interface SlackAppOptions {
  config: Config;
  services: Services;
  api: SlackApi;
  logger: Logger;
  healthy: () => boolean;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (PORT=0 picks a free one). */
  port: number | undefined;
  botUserId: string | undefined;
  inFlight: InFlight;
  stop(): Promise<void>;
}

function boltLogger(logger: Logger, level: Config['logLevel']): BoltLogger {
  const levels: Record<Config['logLevel'], BoltLogLevel> = {
    debug: BoltLogLevel.DEBUG,
    info: BoltLogLevel.INFO,
    warn: BoltLogLevel.WARN,
    error: BoltLogLevel.ERROR,
  };
  let current = levels[level];
  const join = (msgs: unknown[]): string => msgs.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  // Bolt logs at debug on every request, whatever the level; serialising those lines only to drop
  // them cost more than the rest of a `/crisis help` ack.
  const rank: Record<string, number> = { [BoltLogLevel.DEBUG]: 0, [BoltLogLevel.INFO]: 1, [BoltLogLevel.WARN]: 2, [BoltLogLevel.ERROR]: 3 };
  // The configured level decides (Bolt calls setLevel with its own default, INFO).
  const threshold = rank[levels[level]] ?? 0;
  const on = (l: BoltLogLevel): boolean => (rank[l] ?? 0) >= threshold;
  return {
    debug: (...m) => {
      if (on(BoltLogLevel.DEBUG)) logger.debug(join(m), { source: 'bolt' });
    },
    info: (...m) => {
      if (on(BoltLogLevel.INFO)) logger.info(join(m), { source: 'bolt' });
    },
    warn: (...m) => logger.warn(join(m), { source: 'bolt' }),
    error: (...m) => logger.error(join(m), { source: 'bolt' }),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}

const AuthTest = z.object({ user_id: z.string(), bot_id: z.string().optional() });

export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, services, api, logger } = options;
  const inFlight = new InFlight();
  const health: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const ok = options.healthy();
      res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok: true } : { ok: false, error: 'database unavailable' }));
    },
  };
  const blogger = boltLogger(logger, config.logLevel);
  const appToken = config.appToken;
  const socketMode = appToken !== undefined;
  const receiver = appToken !== undefined
    ? new SocketModeReceiver({ appToken, logger: blogger, customRoutes: [health], installerOptions: { port: config.port } })
    : new HTTPReceiver({
        signingSecret: config.signingSecret ?? '',
        endpoints: '/slack/events',
        customRoutes: [health],
        logger: blogger,
        processBeforeResponse: false,
      });

  let botUserId: string | undefined;
  let botId: string | undefined;
  try {
    const me = AuthTest.parse(await api.call('auth.test', {}));
    botUserId = me.user_id;
    botId = me.bot_id;
  } catch (err) {
    logger.warn('auth.test failed; the bot user is unknown until it answers', { error: err });
  }
  services.deps.settings.botUserId = botUserId;

  // Bolt's own start-up auth.test is an unhandled promise: when Slack cannot be reached it crashes
  // the process and prints the request, bot token included. So Bolt gets our answer instead, or,
  // when there is none, checks lazily on each request, where a failure is handled.
  const known = botUserId !== undefined && botId !== undefined;
  const app = new App({
    token: config.botToken,
    ...(known ? { botId, botUserId } : { tokenVerificationEnabled: false }),
    receiver,
    logger: blogger,
    // Bolt's conversation store (context.conversation) is unused here and costs a lookup per request.
    convoStore: false,
    clientOptions: { slackApiUrl: config.slackApiUrl, retryConfig: { retries: 0 } },
  });

  const deps: ListenerDeps = {
    services,
    api,
    clock: services.deps.clock,
    logger,
    timeZone: config.timeZone,
    botUserId: () => services.deps.settings.botUserId,
  };
  app.use(requestGuard(services.deps.store.processed, services.deps.clock, logger, inFlight));
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error('unhandled error in a listener', { error });
  });

  const started = socketMode ? await app.start() : await app.start(config.port);
  const address = !socketMode && started && typeof (started as Server).address === 'function' ? ((started as Server).address() as AddressInfo | null) : null;
  const port = address?.port ?? (socketMode ? config.port : undefined);

  return {
    app,
    port,
    botUserId,
    inFlight,
    stop: async () => {
      await app.stop();
    },
  };
}
