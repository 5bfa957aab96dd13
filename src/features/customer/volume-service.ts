/**
 * Complaint volume: samples from `/crisis volume` and from the help-desk webhook, and the sharp-rise
 * notice. A sample, the rise bookkeeping and the timeline rows are written in one transaction, so
 * a rise is told once however the samples race; a webhook sample whose `id` (or, without one, whose
 * signature) was recorded before is ignored by the unique index. A webhook sample's time must lie
 * within the crisis (domain/volume.ts, sampleTimeProblem). Slack steps come after and may only warn: the card repaint
 * (throttled for the webhook), the notice in the channel and the DM to the lead.
 */
import { isOpen, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { checkRise, normaliseSource, RISE_RULE, riseStep, sampleTimeProblem, trend, validateCount, type VolumeSample } from './volume';
import { CardThrottle } from './card-throttle';
import type { VolumeRise } from './customer-ports';
import type { ServiceDeps } from '../../core/deps';
import { bestEffort, current, refreshCard, snapshotById } from '../../core/snapshot';

/** A sample as the webhook delivers it, already checked against its schema. */
export interface WebhookSample {
  channel: string;
  count: number;
  source: string;
  /** ISO-8601; the time of receipt when absent. */
  at?: string;
  id?: string;
  /**
   * The checked signature (hex). Without an `id` it names the delivery: the same signed body sent
   * again (a replay, a sender's retry) within its 5-minute window is recorded once. After the
   * window the signature is refused anyway, so remembering it longer changes nothing.
   */
  signature?: string;
}

export type WebhookOutcome =
  | { status: 'recorded'; sample: VolumeSample; followUp: () => Promise<void> }
  | { status: 'duplicate' }
  | { status: 'no_crisis' }
  /** Nothing recorded: `error` says why, for the sender. */
  | { status: 'refused'; error: string };

interface Recorded {
  sample: VolumeSample | undefined;
  rise: VolumeRise | null;
}

const ARROWS = { up: '↑', down: '↓', steady: '→' } as const;
/** An id-less delivery is kept under its signature, marked so it can be told from a sender's own id. */
const SIGNATURE_KEY_PREFIX = 'signature:sha256=';

export class VolumeService {
  private readonly cards: CardThrottle;

  constructor(private readonly deps: ServiceDeps) {
    this.cards = new CardThrottle(deps.clock, (crisisId) => this.repaint(crisisId));
  }

  async recordManual(given: Crisis, actorId: string, count: number, sourceText?: string): Promise<{ message: string; warnings: string[] }> {
    const crisis = current(this.deps, given);
    if (!isOpen(crisis)) {
      throw new CrisisError('conflict', 'This crisis is resolved, so no more volume is recorded. `/crisis reopen` if it has flared up again.');
    }
    const checked = validateCount(count);
    const source = normaliseSource(sourceText);
    const at = this.deps.clock.now().toISOString();
    const { sample, rise } = this.record(crisis, { crisisId: crisis.id, count: checked, source, sampledAt: at, recordedAt: at, recordedBy: actorId, externalId: null });
    this.cards.painted(crisis.id);
    const warnings = await this.followUp(crisis.id, rise, () => refreshCard(this.deps, crisis.id));
    const previous = sample ? this.deps.store.volume.previousOfSource(sample) : undefined;
    const change = previous ? ` ${ARROWS[trend(checked, previous.count)]} from ${previous.count}.` : '';
    const told = rise ? ' That is a sharp rise: the channel and the lead were told.' : '';
    return { message: `Recorded ${checked} (${source}) on the card.${change}${told}`, warnings };
  }

  /**
   * Records a webhook sample; synchronous, so the HTTP answer does not wait for Slack. The caller
   * runs `followUp` (card, rise notice) after answering.
   */
  recordFromWebhook(input: WebhookSample): WebhookOutcome {
    const crisis = this.deps.store.crises.byChannel(input.channel);
    if (!crisis || !isOpen(crisis)) return { status: 'no_crisis' };
    const nowDate = this.deps.clock.now();
    const now = nowDate.toISOString();
    const timeProblem = input.at === undefined ? null : sampleTimeProblem(input.at, crisis.declaredAt, nowDate);
    if (timeProblem !== null) return { status: 'refused', error: timeProblem };
    const sampledAt = input.at === undefined ? now : new Date(input.at).toISOString();
    const { sample, rise } = this.record(crisis, {
      crisisId: crisis.id,
      count: input.count,
      source: input.source,
      sampledAt,
      recordedAt: now,
      recordedBy: null,
      externalId: input.id ?? (input.signature ? `${SIGNATURE_KEY_PREFIX}${input.signature}` : null),
    });
    if (!sample) return { status: 'duplicate' };
    return {
      status: 'recorded',
      sample,
      followUp: async () => {
        await this.followUp(crisis.id, rise, () => this.cards.request(crisis.id));
      },
    };
  }

  /**
   * A help desk's period sample (src/features/helpdesk): tickets counted over one period, written
   * once (its `externalId` is unique per crisis) and checked for a sharp rise like any sample, the
   * notice only when `riseNotice` (the tagged tickets; "probably related" ones are drawn, not told).
   * Synchronous; the caller runs `followUp` (card, rise notice).
   */
  recordHelpdeskSample(crisisId: number, input: { count: number; source: string; sampledAt: string; externalId: string; riseNotice: boolean }): WebhookOutcome {
    const crisis = this.deps.store.crises.get(crisisId);
    if (!isOpen(crisis)) return { status: 'no_crisis' };
    const now = this.deps.clock.now().toISOString();
    const { sample, rise } = this.record(crisis, { crisisId, count: input.count, source: input.source, sampledAt: input.sampledAt, recordedAt: now, recordedBy: null, externalId: input.externalId });
    if (!sample) return { status: 'duplicate' };
    const told = input.riseNotice ? rise : null;
    return { status: 'recorded', sample, followUp: () => this.followUp(crisis.id, told, () => this.cards.request(crisis.id)).then(() => undefined) };
  }

  /** A throttled card repaint, as after a webhook sample (the help desks' tickets ask for one). */
  requestCard(crisisId: number): Promise<void> {
    return this.cards.request(crisisId);
  }

  /** Cards with a throttled repaint going out or waiting (bot.activity()). */
  get pendingRepaints(): number {
    return this.cards.pending;
  }

  /** Stops the trailing card repaints (at shutdown). */
  stop(): void {
    this.cards.stop();
  }

  private record(crisis: Crisis, input: Omit<VolumeSample, 'id'>): Recorded {
    const { store } = this.deps;
    return store.transaction(() => {
      const sample = store.volume.add(input);
      if (!sample) return { sample, rise: null };
      if (sample.recordedBy !== null) {
        store.timeline.append(
          crisis.id,
          { kind: 'volume_recorded', occurredAt: sample.recordedAt, actorId: sample.recordedBy, text: `${sample.count} (${sample.source})`, data: { count: sample.count, source: sample.source } },
          sample.recordedAt,
        );
      }
      // A late sample (older than the source's latest) says nothing about a rise now.
      if (store.volume.latestOfSource(crisis.id, sample.source)?.id !== sample.id) return { sample, rise: null };
      const from = new Date(Date.parse(sample.sampledAt) - RISE_RULE.windowMinutes * 60_000).toISOString();
      const check = checkRise(sample.count, store.volume.countsBefore(sample, from));
      const watch = store.volume.riseWatch(crisis.id, sample.source);
      const step = riseStep(check, watch.rising);
      if (step === 'ended') store.volume.saveRiseWatch(crisis.id, sample.source, { ...watch, rising: false });
      if (step !== 'notify' || check.median === null) return { sample, rise: null };
      store.volume.saveRiseWatch(crisis.id, sample.source, { rising: true, lastNoticeAt: sample.recordedAt, notices: watch.notices + 1 });
      const rise: VolumeRise = { count: sample.count, source: sample.source, at: sample.sampledAt, median: check.median, priorSamples: check.priorSamples };
      store.timeline.append(
        crisis.id,
        {
          kind: 'volume_rise',
          occurredAt: sample.sampledAt,
          actorId: null,
          text: `Sharp rise: ${sample.count} (${sample.source}) against a median of ${check.median} over the hour before`,
          data: { count: sample.count, median: check.median, samples: check.priorSamples },
        },
        sample.recordedAt,
      );
      return { sample, rise };
    });
  }

  /** The card, and for a rise the channel notice and the lead's DM, all at once. */
  private async followUp(crisisId: number, rise: VolumeRise | null, card: () => Promise<void>): Promise<string[]> {
    const tasks: Array<Promise<string | null>> = [card().then(() => null)];
    const customer = this.deps.customer;
    if (rise && customer) {
      const snapshot = snapshotById(this.deps, crisisId);
      tasks.push(bestEffort(this.deps, 'post the rise notice in the channel', () => customer.notifier.postRiseNotice(snapshot, rise), { crisisId }));
      for (const lead of snapshot.holders.lead) {
        tasks.push(bestEffort(this.deps, 'tell the lead about the rise', () => customer.notifier.dmRise(lead, snapshot, rise), { crisisId }));
      }
    }
    return (await Promise.all(tasks)).filter((w): w is string => w !== null);
  }

  /** For the throttle: never throws (a trailing repaint may fire after a shutdown closed the store). */
  private async repaint(crisisId: number): Promise<void> {
    try {
      await refreshCard(this.deps, crisisId);
    } catch (err) {
      this.deps.logger.warn('could not repaint the card after a volume sample', { crisisId, error: err });
    }
  }
}
