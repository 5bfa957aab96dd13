/**
 * Publishing people's App Home tabs (views.publish). A tab is published fresh when its person
 * opens it, and republished when something of theirs changes (HomeRefresher.touch). Touches are
 * coalesced: the first starts a short wait, and everyone touched until it ends is published once,
 * with what is stored by then, so a roster of five assignments is five publishes, not fifty.
 * views.publish is Tier 4 (100+ a minute per workspace): publishes are counted over a sliding
 * minute and kept under a budget below that, the rest waiting for the next free slot; a 429 that
 * still happens is sat out by SlackApi. Failures are logged: the tab is rebuilt on the next change
 * or the next opening anyway.
 */
import type { HomeView } from '@slack/types';
import type { Logger } from '../../../logger';
import type { HomeRefresher } from '../../../core/people-ports';
import type { SlackApi } from '../../../slack/web-api';

export interface HomePublisherOptions {
  /** How long touches are gathered before publishing (ms). */
  debounceMs?: number;
  /** Publishes allowed in any 60 seconds. */
  perMinute?: number;
  /** Publishes sent at once. */
  concurrency?: number;
  /** Wall-clock milliseconds (rate limits are in real time, whatever clock the crisis runs on). */
  now?: () => number;
}

export const HOME_DEBOUNCE_MS = 750;
/** Under Slack's Tier 4 (100+ a minute), with room for the tabs people open themselves. */
export const HOME_PUBLISHES_PER_MINUTE = 90;
const WINDOW_MS = 60_000;

/** What the App Home listener needs: publish one person's tab now. */
export interface HomePublisher extends HomeRefresher {
  publishNow(userId: string): Promise<void>;
}

export class SlackHomePublisher implements HomePublisher {
  private readonly pending = new Set<string>();
  private readonly sentAt: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private publishing = 0;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly perMinute: number;
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(
    private readonly api: Pick<SlackApi, 'call'>,
    /** Builds a person's tab from what is stored now. */
    private readonly render: (userId: string) => HomeView,
    private readonly logger: Logger,
    options: HomePublisherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? HOME_DEBOUNCE_MS;
    this.perMinute = options.perMinute ?? HOME_PUBLISHES_PER_MINUTE;
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? Date.now;
  }

  touch(userIds: readonly string[]): void {
    if (this.stopped) return;
    for (const id of userIds) this.pending.add(id);
    if (this.pending.size > 0) this.schedule(this.debounceMs);
  }

  /** The person opened their tab: publish it now (a pending refresh of theirs is this one). */
  async publishNow(userId: string): Promise<void> {
    if (this.stopped) return;
    this.pending.delete(userId);
    await this.publish(userId);
  }

  /** Publishes still pending are dropped (the tab is rebuilt when next opened); one in flight is awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
  }

  /** Tabs waiting to be published (gathered, or waiting for room in the budget) or going out (bot.activity()). */
  get queued(): number {
    return this.pending.size + this.publishing;
  }

  /** How many publishes went out in the last minute (for tests and the bench). */
  get recentPublishes(): number {
    this.forget();
    return this.sentAt.length;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.flushing || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.pending.size > 0) this.schedule(this.waitForSlot());
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private forget(): void {
    const cutoff = this.now() - WINDOW_MS;
    while (this.sentAt.length > 0 && (this.sentAt[0] ?? 0) <= cutoff) this.sentAt.shift();
  }

  /** Milliseconds until the budget has room again (0 when it has). */
  private waitForSlot(): number {
    this.forget();
    if (this.sentAt.length < this.perMinute) return 0;
    return Math.max(0, (this.sentAt[this.sentAt.length - this.perMinute] ?? this.now()) + WINDOW_MS - this.now()) + 1;
  }

  private async flush(): Promise<void> {
    this.forget();
    const room = Math.max(0, this.perMinute - this.sentAt.length);
    const batch = [...this.pending].slice(0, room);
    for (const id of batch) this.pending.delete(id);
    for (let i = 0; i < batch.length; i += this.concurrency) {
      if (this.stopped) return;
      await Promise.all(batch.slice(i, i + this.concurrency).map((id) => this.publish(id)));
    }
  }

  private async publish(userId: string): Promise<void> {
    this.sentAt.push(this.now());
    this.publishing += 1;
    try {
      const view = this.render(userId);
      await this.api.call('views.publish', { user_id: userId, view });
    } catch (err) {
      this.logger.warn('could not publish the home tab', { userId, error: err });
    } finally {
      this.publishing -= 1;
    }
  }
}

declare module '../../../slack/listeners/deps' {
  interface ListenerDeps {
    /** Publishes people's App Home tabs (coalesced and paced). */
    home: HomePublisher;
  }
}
