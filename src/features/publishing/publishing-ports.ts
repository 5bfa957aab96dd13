/**
 * What the publishing feature needs from outside: its configuration, the Slack side of a delivery
 * that gave up, and (for tests) the HTTP client and the jitter's randomness.
 */
import type { CrisisSnapshot } from '../../core/ports';
import type { PublishingConfig } from './publishing-config';
import type { Delivery } from './outbox-repo';

export interface GaveUpNotice {
  delivery: Delivery;
  /** S<n> of the statement it carried; null for a resolution or an FAQ refresh. */
  statementNumber: number | null;
  /** Who is told: the spokesperson, or the lead while there is none. */
  voiceIds: string[];
}

export interface PublishingNotifier {
  /** In the crisis channel, mentioning the voice; throws when Slack refused (told again next tick). */
  postGaveUp(snapshot: CrisisSnapshot, notice: GaveUpNotice): Promise<void>;
  /** A DM to one of the voice; best effort. */
  dmGaveUp(userId: string, snapshot: CrisisSnapshot, notice: GaveUpNotice): Promise<void>;
}

export interface PublishingPorts {
  config: PublishingConfig;
  notifier: PublishingNotifier;
  /** The HTTP client of every delivery (tests may pass their own); global fetch by default. */
  fetch?: typeof fetch;
  /** Draws the backoff's jitter; Math.random by default. */
  random?: () => number;
}
