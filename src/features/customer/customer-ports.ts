/**
 * What the customer-side services need from outside, as intents: the FAQ message (posted once,
 * pinned, then edited in place), the proposal message with its Approve button, DMs to support
 * reps, the sharp-rise notice, the chart renderer, and where the FAQ's first entries come from.
 * The Slack implementation is src/slack/customer-notifier.ts.
 */
import type { CrisisType } from '../../core/crisis';
import type { FaqEntry, FaqSeed } from './faq';
import type { Remedy } from './remedies';
import type { ChartRenderer } from '../../core/chart-port';
import type { CrisisSnapshot } from '../../core/ports';
import type { CustomerFacts } from './customer-snapshot';

/** The FAQ for support reps as one message shows it. */
export interface FaqDocument {
  /** Approved answers, by number. */
  approved: FaqEntry[];
  /** Proposed, waiting for approval (only counted in the channel message). */
  proposed: FaqEntry[];
  remedies: Remedy[];
}

/** What changed, in words (src/core/words.ts), for the DM to support reps: e.g. "F3 approved by " and the person. */
export interface FaqChange {
  summary: string;
  by: string | null;
}

export interface VolumeRise {
  count: number;
  source: string;
  at: string;
  /** Median of the same source's samples in the hour before. */
  median: number;
  priorSamples: number;
}

export interface CustomerNotifier {
  /** Posts the FAQ message in the crisis channel; its ts. */
  postFaq(snapshot: CrisisSnapshot, faq: FaqDocument): Promise<string>;
  updateFaq(snapshot: CrisisSnapshot, ts: string, faq: FaqDocument): Promise<void>;
  /** Tells a support rep the FAQ changed, with the FAQ as it now stands. */
  dmFaq(userId: string, snapshot: CrisisSnapshot, faq: FaqDocument, change: FaqChange): Promise<void>;
  /** Posts a proposed answer with an Approve button; where it went. */
  postFaqProposal(snapshot: CrisisSnapshot, entry: FaqEntry, approvers: string[]): Promise<{ channelId: string; ts: string }>;
  /** Edits the proposal message once the answer is approved (the button goes). */
  updateFaqProposal(snapshot: CrisisSnapshot, entry: FaqEntry): Promise<void>;
  postRiseNotice(snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void>;
  dmRise(userId: string, snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void>;
}

/**
 * Where a new crisis's FAQ starts: its type's playbook entries. Wired to the playbook catalogue's
 * `faqFor(type)`; with none, the FAQ starts empty.
 */
export interface FaqSeedSource {
  faqSeeds(type: CrisisType): FaqSeed[];
}

export interface CustomerPorts {
  notifier: CustomerNotifier;
  /** Without one, the debrief has no picture. */
  chart?: ChartRenderer;
  faqSeeds?: FaqSeedSource;
}

declare module '../../core/deps' {
  interface ServiceDeps {
    /** The customer side's outside calls (FAQ message, rise notices, chart); without them those steps are skipped. */
    customer?: CustomerPorts;
  }
}

declare module '../../core/ports' {
  interface CrisisSnapshot {
    /** Impact history, latest volume and trend, remedies, FAQ counts (see customer-snapshot.ts). */
    customer?: CustomerFacts;
  }
}
