/**
 * Configuration from the environment (and a .env file when present), validated with zod at
 * start-up. Everything wrong is reported at once, one line per variable, so an operator fixes the
 * deployment in one go rather than one restart per mistake.
 */
import fs from 'node:fs';
import net from 'node:net';
import { z } from 'zod';
import cron from 'node-cron';
import { MAX_SHIFT_HOURS } from './features/roles/shifts';
import { parseDuration } from './features/helpdesk/periods';
import { parsePublishingEnv, type PublishingConfig } from './features/publishing/publishing-config';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Also where `npm run backup` looks when DATABASE_PATH is not set. */
export const DEFAULT_DATABASE_PATH = './data/crisis.db';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** postgres:// or postgresql://, with a host; the rest (user, password, database, options) is libpq's. */
export function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An IPv4 or IPv6 address, or a host name (localhost, an interface's name in /etc/hosts). */
function isHost(value: string): boolean {
  return net.isIP(value) !== 0 || /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(value);
}

/** A URL as it may be shown in an error: without its password. */
function withoutPassword(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return undefined;
  }
}

const portNumber = (what: string) =>
  z.coerce.number({ error: what }).int(what).min(0, what).max(65535, what);

const SHIFT_HOURS_EXPECTED = `expected hours from 0 to ${MAX_SHIFT_HOURS}, decimals allowed, such as 4 or 2.5 (0 turns shift breaks off)`;

const emptyAsUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'required: the bot token (xoxb-…)' }).regex(/^xoxb-\S+$/, 'expected a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    SLACK_APP_TOKEN: z.preprocess(emptyAsUndefined, z.string().regex(/^xapp-\S+$/, 'expected an app-level token starting with xapp-').optional()),
    PORT: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: 'expected a port number 0-65535' }).int('expected a port number 0-65535').min(0, 'expected a port number 0-65535').max(65535, 'expected a port number 0-65535').default(3000),
    ),
    DATABASE_PATH: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_DATABASE_PATH)),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isPostgresUrl, 'expected a PostgreSQL URL such as postgres://crisis:password@db.internal:5432/crisis').optional(),
    ),
    HOST: z.preprocess(emptyAsUndefined, z.string().refine(isHost, 'expected an interface address such as 0.0.0.0, 127.0.0.1 or ::').default('0.0.0.0')),
    METRICS_PORT: z.preprocess(emptyAsUndefined, portNumber('expected a port number 0-65535, not PORT').optional()),
    SLACK_API_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
    ),
    CRISIS_ANNOUNCE_CHANNEL: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel ID such as C0123456789 (not a #name)').optional(),
    ),
    CRISIS_TIMEZONE: z.preprocess(
      emptyAsUndefined,
      z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin').default('UTC'),
    ),
    REMINDER_TICK: z.preprocess(
      emptyAsUndefined,
      z.string().refine((v) => cron.validate(v), 'expected a node-cron expression such as */15 * * * * *').default('*/15 * * * * *'),
    ),
    CRISIS_ADMINS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default('')
        .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
        .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), 'expected comma-separated user IDs such as U012ABC,U034DEF'),
    ),
    CRISIS_PLAYBOOKS_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
    CRISIS_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'expected a shared secret of at least 16 characters').optional()),
    CRISIS_SHIFT_HOURS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default('4')
        .refine((v) => /^\d+(\.\d+)?$/.test(v.trim()) && Number(v) <= MAX_SHIFT_HOURS, SHIFT_HOURS_EXPECTED)
        .transform((v) => Number(v)),
    ),
    CRISIS_HELPDESK_ZENDESK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8, 'expected the webhook signing secret Zendesk shows').optional()),
    CRISIS_HELPDESK_INTERCOM_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8, "expected the Intercom app's client secret").optional()),
    CRISIS_HELPDESK_FRESHDESK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'expected a shared secret of at least 16 characters').optional()),
    CRISIS_HELPDESK_GORGIAS_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, 'expected a shared secret of at least 16 characters').optional()),
    CRISIS_HELPDESK_PERIOD: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default('15m')
        .refine((v) => parseDuration(v).ok, 'expected minutes or hours that divide a day, such as 5m, 15m, 1h')
        .transform((v) => {
          const parsed = parseDuration(v);
          return parsed.ok ? parsed.ms : 15 * 60_000;
        }),
    ),
    CRISIS_WATCH_CHANNEL: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel ID such as C0123456789 (not a #name)').optional(),
    ),
    CRISIS_EARLY_WARNING_RATIO: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: 'expected a number above 1, such as 4' }).gt(1, 'expected a number above 1, such as 4').max(1000, 'expected a number above 1, such as 4').default(4),
    ),
    CRISIS_EARLY_WARNING_MIN: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: 'expected a whole number of tickets ≥ 1, such as 20' }).int('expected a whole number of tickets ≥ 1, such as 20').min(1, 'expected a whole number of tickets ≥ 1, such as 20').default(20),
    ),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' ? emptyAsUndefined(v.toLowerCase()) : v),
      z.enum(LOG_LEVELS, { error: 'expected one of debug, info, warn, error' }).default('info'),
    ),
  });

export interface Config {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  port: number;
  /** The interface the HTTP server (and the metrics server) binds. */
  host: string;
  /** A port of its own for GET /metrics; unset, /metrics is served on `port`. */
  metricsPort: number | undefined;
  databasePath: string;
  /**
   * PostgreSQL as the store, shared by any number of replicas (src/store/store-database.ts);
   * unset, SQLite at databasePath.
   */
  databaseUrl: string | undefined;
  slackApiUrl: string;
  announceChannel: string | undefined;
  timeZone: string;
  reminderTick: string;
  admins: string[];
  logLevel: LogLevel;
  /** The team's own playbooks folder; unset means the shipped playbooks/. Checked at start-up by loadPlaybooks. */
  playbooksDir: string | undefined;
  /** Signs POST /hooks/volume; the endpoint answers 404 while unset. */
  webhookSecret: string | undefined;
  /** Hours in a role before the holder is offered a break; 0 = never. */
  shiftHours: number;
  /** Help desks (src/features/helpdesk): each desk's secret (its route answers 404 while unset), the period, the early warning. */
  helpdesk: HelpdeskConfig;
  /** The status page and the publishing targets (src/features/publishing/publishing-config.ts). */
  publishing: PublishingConfig;
}

export interface HelpdeskConfig {
  secrets: { zendesk: string | undefined; intercom: string | undefined; freshdesk: string | undefined; gorgias: string | undefined };
  /** CRISIS_HELPDESK_PERIOD in ms. */
  periodMs: number;
  /** CRISIS_WATCH_CHANNEL, else CRISIS_ANNOUNCE_CHANNEL; unset both, early warnings are not posted. */
  watchChannel: string | undefined;
  earlyWarningRatio: number;
  earlyWarningMin: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  const byVariable = new Map<string, string[]>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      const message = issue.code === 'invalid_type' && env[name] === undefined ? 'required' : issue.message;
      byVariable.set(name, [...(byVariable.get(name) ?? []), message]);
    }
  }
  // Checked beside the schema so it is reported together with every other problem.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    byVariable.set('SLACK_SIGNING_SECRET', ['required in HTTP mode (when SLACK_APP_TOKEN is not set)']);
  }
  if (parsed.success && parsed.data.METRICS_PORT !== undefined && parsed.data.METRICS_PORT !== 0 && parsed.data.METRICS_PORT === parsed.data.PORT) {
    byVariable.set('METRICS_PORT', ['expected a port other than PORT (leave it unset to serve /metrics on PORT)']);
  }
  const publishing = parsePublishingEnv(env);
  for (const [name, msgs] of publishing.problems) byVariable.set(name, [...(byVariable.get(name) ?? []), ...msgs]);
  if (!parsed.success || byVariable.size > 0) {
    const problems = [...byVariable.entries()].map(([name, msgs]) => {
      const raw = env[name];
      // A database URL may carry a password: it is shown without it, or not at all.
      const value = raw !== undefined && name === 'DATABASE_URL' ? withoutPassword(raw) : raw;
      const shown = value === undefined || /TOKEN|SECRET|KEY|WEBHOOKS/.test(name) ? '' : ` (got "${value}")`;
      return `${name}: ${[...new Set(msgs)].join('; ')}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.METRICS_PORT,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    slackApiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    announceChannel: e.CRISIS_ANNOUNCE_CHANNEL,
    timeZone: e.CRISIS_TIMEZONE,
    reminderTick: e.REMINDER_TICK,
    admins: e.CRISIS_ADMINS,
    logLevel: e.LOG_LEVEL,
    playbooksDir: e.CRISIS_PLAYBOOKS_DIR,
    webhookSecret: e.CRISIS_WEBHOOK_SECRET,
    shiftHours: e.CRISIS_SHIFT_HOURS,
    helpdesk: {
      secrets: {
        zendesk: e.CRISIS_HELPDESK_ZENDESK_SECRET,
        intercom: e.CRISIS_HELPDESK_INTERCOM_SECRET,
        freshdesk: e.CRISIS_HELPDESK_FRESHDESK_SECRET,
        gorgias: e.CRISIS_HELPDESK_GORGIAS_SECRET,
      },
      periodMs: e.CRISIS_HELPDESK_PERIOD,
      watchChannel: e.CRISIS_WATCH_CHANNEL ?? e.CRISIS_ANNOUNCE_CHANNEL,
      earlyWarningRatio: e.CRISIS_EARLY_WARNING_RATIO,
      earlyWarningMin: e.CRISIS_EARLY_WARNING_MIN,
    },
    publishing: publishing.config,
  };
}

/**
 * Reads KEY=value lines from a .env file into `env` without overriding what is already set
 * (the real environment wins). Quotes around values are removed; # starts a comment line.
 */
export function readDotEnv(file: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const [, key, rawValue] = match;
    if (!key || env[key] !== undefined) continue;
    env[key] = (rawValue ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
  }
}
