/**
 * What `GET /metrics` reports, in the Prometheus text format: Slack requests by kind and outcome,
 * how long their acks took, Web API calls and failures by method, reminders sent, open crises, and
 * the process's own figures (memory, CPU, event-loop lag). Each bot has its own registry (tests run
 * many bots in one process), never prom-client's global one; the process's figures are the same for
 * every bot in the process, so they are collected once, in a registry of their own, and merged in at
 * each scrape. Nothing here names a crisis or a person.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { badStoredRowCounts } from './store/bad-rows';

/** What a Slack request was, as Bolt dispatches it; `invalid` is refused before Bolt sees it. */
export type RequestKind = 'command' | 'action' | 'view' | 'shortcut' | 'event' | 'options' | 'other' | 'invalid';

/**
 * `ok`: handled; `error`: a listener failed unexpectedly (logged); `duplicate`: a Slack retry of
 * something already handled; `busy`: answered "the database is busy, nothing changed"; the rest are
 * HTTP refusals at the door (400, 401, 413, 405, 408 `timeout`, 503 `over_capacity`).
 */
export type RequestOutcome = 'ok' | 'error' | 'duplicate' | 'busy' | 'bad_request' | 'unauthorized' | 'too_large' | 'method_not_allowed' | 'timeout' | 'over_capacity';

/** Slack's ack window is 3 s; the buckets resolve the few milliseconds an ack normally takes. */
const ACK_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3];

let processRegistry: Registry | undefined;

/** One set of process collectors (each keeps an event-loop monitor running), however many bots. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class BotMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'crisis_bot_requests_total',
    help: 'Slack requests (commands, interactions, events) by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly ack = new Histogram({
    name: 'crisis_bot_ack_seconds',
    help: 'Time from a Slack request reaching Bolt to its acknowledgement, by kind.',
    labelNames: ['kind'] as const,
    buckets: ACK_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  private readonly apiCalls = new Counter({
    name: 'crisis_bot_slack_api_calls_total',
    help: 'Web API requests sent to Slack, by method (a rate-limited call waited out and retried counts each time).',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly apiFailures = new Counter({
    name: 'crisis_bot_slack_api_failures_total',
    help: 'Web API requests that failed, by method and error (Slack\'s code, ratelimited, http_<status> or request_failed).',
    labelNames: ['method', 'error'] as const,
    registers: [this.registry],
  });
  private readonly reminders = new Counter({
    name: 'crisis_bot_reminders_sent_total',
    help: 'Update reminders posted in crisis channels; overdue="true" for the ones after a missed update.',
    labelNames: ['overdue'] as const,
    registers: [this.registry],
  });

  private readonly process = processMetrics();

  /** The open-crises gauge, read from `count` at every scrape (a failed read leaves the last value). */
  /** Publishing deliveries by target and state (the outbox never deletes a row: these are all of them). */
  countDeliveriesWith(count: () => ReadonlyArray<{ target: string; state: string; n: number }>): void {
    new Gauge({
      name: 'crisis_bot_publish_deliveries',
      help: 'Deliveries of published statements, by target and state (pending, retrying, delivered, failed).',
      labelNames: ['target', 'state'] as const,
      registers: [this.registry],
      collect() {
        try {
          this.reset();
          for (const row of count()) this.set({ target: row.target, state: row.state }, row.n);
        } catch {
          // The database is closing or gone; /healthz says so, and the scrape still answers.
        }
      },
    });
  }

  countOpenCrisesWith(count: () => number): void {
    new Gauge({
      name: 'crisis_bot_open_crises',
      help: 'Crises not yet resolved.',
      registers: [this.registry],
      collect() {
        try {
          this.set(count());
        } catch {
          // The database is closing or gone; /healthz says so, and the scrape still answers.
        }
      },
    });
  }

  constructor() {
    new Gauge({
      name: 'crisis_bot_bad_stored_rows',
      help: 'Stored rows read with a fallback because they did not decode, by where, since the process started (the first of each place is logged as a warning).',
      labelNames: ['where'] as const,
      registers: [this.registry],
      collect() {
        for (const [where, n] of badStoredRowCounts()) this.set({ where }, n);
      },
    });
  }

  request(kind: RequestKind, outcome: RequestOutcome): void {
    this.requests.inc({ kind, outcome });
  }

  acked(kind: RequestKind, seconds: number): void {
    this.ack.observe({ kind }, seconds);
  }

  apiCall(method: string): void {
    this.apiCalls.inc({ method });
  }

  apiFailure(method: string, error: string): void {
    this.apiFailures.inc({ method, error });
  }

  reminderSent(overdue: boolean): void {
    this.reminders.inc({ overdue: String(overdue) });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const both = Registry.merge([this.registry, this.process]);
    return { contentType: both.contentType, body: await both.metrics() };
  }
}
