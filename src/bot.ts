/**
 * Assembling the bot: playbooks → database → migrations → services → Slack app → scheduler, and taking it
 * apart again in the reverse order. `npm start`, the demo, the end-to-end tests and the
 * benchmarks all start the bot through here, so they run the same thing.
 */
import { waitUntilIdle, type BotActivity } from './bot-activity';
import { reportBadRowsTo } from './store/bad-rows';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Config } from './config';
import type { DoorLimits } from './http/door';
import { createLogger, type Logger } from './logger';
import { BotMetrics } from './metrics';
import { loadPlaybooks } from './playbooks/load-playbooks';
import { ReminderScheduler } from './scheduler/reminder-scheduler';
import { createServices } from './app/services';
import type { Services } from './core/services';
import { startSlackApp, type RunningSlackApp } from './app/slack-app';
import { SlackNotifier } from './app/notifier';
import { SlackPeopleNotifier } from './features/people/slack/people-notifier';
import { SlackCustomerNotifier } from './features/customer/slack/customer-notifier';
import { publishingSecrets, SlackPublishingNotifier } from './features/publishing';
import { LazyChartRenderer } from './chart/lazy-renderer';
import { SlackEarlyWarningPoster } from './features/helpdesk';
import { SlackHomePublisher, type HomePublisherOptions } from './features/people/slack/home-publisher';
import { buildHomeView } from './features/people/slack/home';
import type { ReportChartRenderer } from './core/people-ports';
import type { AuthRetry } from './slack/bot-identity';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS, DEFAULT_REQUEST_TIMEOUT_MS, SlackApi } from './slack/web-api';
import type { Db } from './store/database';
import type { SqlEngine } from './store/sql/client';
import type { PostgresSyncDatabase } from './store/sql/postgres-sync';
import { openStoreDatabase } from './store/store-database';
import { createStore } from './app/store';
import type { Store } from './core/store';

export interface BotOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Defaults to true; tests that drive ticks by hand turn it off. */
  scheduler?: boolean;
  /** Rate-limit waits longer than this fail the call (seconds). */
  maxRateLimitWaitSeconds?: number;
  /** How long one HTTP request to Slack may take (ms). */
  requestTimeoutMs?: number;
  /** Backoff for auth.test when Slack cannot be reached at start-up. */
  authRetry?: AuthRetry;
  /** Draws the report's chart (tests pass a fake); the bot's own chart renderer by default. */
  reportChart?: ReportChartRenderer;
  /** Pacing of App Home republishing (tests shorten the wait). */
  homePublisher?: HomePublisherOptions;
  /** The HTTP door's limits: connections, deadline, unread bytes (tests shorten them). */
  doorLimits?: Partial<DoorLimits>;
  /** The HTTP client of publishing deliveries (tests may count or fail requests); global fetch by default. */
  publishingFetch?: typeof fetch;
}

export interface Bot {
  config: Config;
  /** The store's database: better-sqlite3's (SQLite) or PostgresSyncDatabase (DATABASE_URL). */
  db: Db | PostgresSyncDatabase;
  engine: SqlEngine;
  store: Store;
  services: Services;
  slack: RunningSlackApp;
  /** What GET /metrics reports; this bot's own registry. */
  metrics: BotMetrics;
  scheduler: ReminderScheduler | undefined;
  port: number | undefined;
  /** How long a shutdown waits for work in flight: one Web API call's worst case, and a margin. */
  shutdownGraceMs: number;
  /** What the bot has under way now (src/bot-activity.ts). */
  activity(): BotActivity;
  /** Resolves once nothing is under way (requests, Slack calls, card repaints, App Home tabs, a tick); rejects after `timeoutMs`. */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const PRUNE_REQUESTS_AFTER_MS = 24 * 60 * 60 * 1000;
/** After the last Slack call of a request, its last database writes. */
const SHUTDOWN_MARGIN_MS = 5_000;
/** How long idle() waits by default: more than a card's trailing repaint and an App Home gathering. */
const IDLE_TIMEOUT_MS = 10_000;

/** DATABASE_URL's password, kept out of the logs with the other secrets. */
function databasePassword(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

export async function startBot(options: BotOptions): Promise<Bot> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const secrets = [config.botToken, config.signingSecret ?? '', config.appToken ?? '', config.webhookSecret ?? '', databasePassword(config.databaseUrl)];
  const logger =
    options.logger ?? createLogger(config.logLevel, [...secrets, ...Object.values(config.helpdesk.secrets).map((s) => s ?? ''), ...publishingSecrets(config.publishing)]);

  // The team's plan first: a bad playbook stops start-up before anything is opened.
  const playbooks = config.playbooksDir === undefined ? loadPlaybooks() : loadPlaybooks(config.playbooksDir);
  // SQLite at DATABASE_PATH, or PostgreSQL at DATABASE_URL (shared by every replica), migrated.
  const database = await openStoreDatabase({ databasePath: config.databasePath, databaseUrl: config.databaseUrl, now: () => clock.now(), logger });
  const db = database.db;
  const store = createStore(db);
  reportBadRowsTo(logger);
  const metrics = new BotMetrics();
  metrics.countOpenCrisesWith(() => store.crises.countOpen());
  metrics.countDeliveriesWith(() => store.outbox.countsByTargetAndState());
  const api = new SlackApi({
    token: config.botToken,
    slackApiUrl: config.slackApiUrl,
    logger,
    maxRateLimitWaitSeconds: options.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    metrics,
  });
  // Work still waiting out a rate limit when a shutdown starts must find the database open.
  const shutdownGraceMs = api.longestCallMs + SHUTDOWN_MARGIN_MS;
  const notifier = new SlackNotifier(api, { timeZone: config.timeZone, announceChannel: config.announceChannel }, logger, metrics);
  // The services tell the publisher whose tab changed; it builds each tab from the services.
  const built: { services?: Services } = {};
  const home = new SlackHomePublisher(api, (userId) => {
    if (!built.services) throw new Error('services are not built yet');
    return buildHomeView(built.services.home.forUser(userId), config.timeZone, clock.now());
  }, logger, options.homePublisher);
  // One renderer (Chart.js on @napi-rs/canvas, loaded on first use) draws the debrief's volume chart
  // and the report's crises per week.
  const charts = new LazyChartRenderer();
  const services = createServices({
    store,
    clock,
    notifier,
    logger,
    settings: { timeZone: config.timeZone, announceChannel: config.announceChannel, admins: config.admins, shiftHours: config.shiftHours },
    playbooks,
    customer: {
      notifier: new SlackCustomerNotifier(api, config.timeZone, clock),
      chart: charts,
      // The FAQ for support reps starts from the crisis type's playbook answers.
      faqSeeds: { faqSeeds: (type) => playbooks.faqFor(type) },
    },
    people: { notifier: new SlackPeopleNotifier(api, logger), home, chart: options.reportChart ?? charts },
    helpdesk: { ...config.helpdesk, poster: new SlackEarlyWarningPoster(api) },
    publishing: { config: config.publishing, notifier: new SlackPublishingNotifier(api), ...(options.publishingFetch ? { fetch: options.publishingFetch } : {}) },
  });
  built.services = services;

  let slack: RunningSlackApp;
  try {
    slack = await startSlackApp({ config, services, api, logger, health: () => database.health(), ready: () => database.ready(), metrics, authRetry: options.authRetry, home, ...(options.doorLimits ? { doorLimits: options.doorLimits } : {}) });
  } catch (err) {
    await database.close();
    throw err;
  }

  // A declare cut short by a crash (or a clean-up Slack refused) is finished or undone now
  // (src/services/declare-repair.ts), in the background: start-up does not wait on Slack, and a
  // stop waits for it like any work in flight. The scheduler's ticks sweep again after.
  slack.inFlight.enter();
  void services.declareRepair
    .tick()
    .then(
      (result) => {
        if (Object.values(result).some((n) => n > 0)) logger.info('declares cut short, repaired at start-up', { ...result });
      },
      (err: unknown) => logger.error('could not repair declares cut short at start-up', { error: err }),
    )
    .finally(() => slack.inFlight.leave());

  let scheduler: ReminderScheduler | undefined;
  if (options.scheduler !== false) {
    const prune = (): void => {
      store.processed.prune(new Date(clock.now().getTime() - PRUNE_REQUESTS_AFTER_MS).toISOString());
    };
    scheduler = new ReminderScheduler(config.reminderTick, services.tickers, logger, prune, () => database.writable());
    // What fell due while the bot was down is reminded now, once. The Slack app already listens,
    // and `npm start` handles signals from before start-up, so a stop during this tick is clean.
    await scheduler.start({ catchUp: true });
  }
  logger.info('crisis bot started', { host: config.host, port: slack.port, metricsPort: slack.metricsPort, mode: config.appToken ? 'socket' : 'http', botUserId: slack.botUserId });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await scheduler?.stop();
      await services.publishing.stop();
      await home.stop();
      await slack.stop();
      services.customer.stop();
      await slack.inFlight.drained(shutdownGraceMs);
      if (slack.inFlight.size > 0) logger.warn('stopping with work still in flight', { inFlight: slack.inFlight.size, waitedMs: shutdownGraceMs });
      await database.close();
      logger.info('crisis bot stopped');
    })();
    return stopping;
  };

  const activity = (): BotActivity => ({
    requests: slack.inFlight.size,
    slackCalls: api.callsInFlight,
    cardRepaints: services.customer.volume.pendingRepaints,
    homeTabs: home.queued,
    schedulerTick: scheduler?.ticking ?? false,
    deliveries: services.publishing.underWay,
  });
  const idle = (timeoutMs = IDLE_TIMEOUT_MS): Promise<void> => waitUntilIdle(activity, timeoutMs);

  return { config, db, engine: database.engine, store, services, slack, metrics, scheduler, port: slack.port, shutdownGraceMs, activity, idle, stop };
}
