/**
 * Complaint and ticket volume: what a sample is, the trend the card shows, when a rise is sharp
 * enough to tell the lead, and the figures the debrief gives (peak, at resolution). Pure: samples
 * and times are passed in.
 */
import { CrisisError } from '../../core/errors';

export interface VolumeSample {
  id: number;
  crisisId: number;
  count: number;
  source: string;
  /** When the help desk counted. */
  sampledAt: string;
  recordedAt: string;
  /** The person who typed `/crisis volume`; null for the webhook. */
  recordedBy: string | null;
  /** The webhook's `id`, for de-duplication. */
  externalId: string | null;
}

export const MAX_VOLUME_COUNT = 1_000_000_000;
export const MAX_SOURCE_LENGTH = 40;
export const MAX_EXTERNAL_ID_LENGTH = 200;
export const DEFAULT_SOURCE = 'manual';

/**
 * A sharp rise: the latest sample is at least `factor` times the median of the samples in the
 * hour before it. Small numbers would cry wolf (2 → 4 tickets is not a storm), so it takes at
 * least `minPriorSamples` samples in that hour to compare with, and a latest count of at least
 * `minCount`.
 */
export const RISE_RULE = { factor: 2, windowMinutes: 60, minPriorSamples: 3, minCount: 20 } as const;
export type RiseRule = { factor: number; windowMinutes: number; minPriorSamples: number; minCount: number };

/** Within ±10% of the previous figure reads as steady. */
export const STEADY_BAND = 0.1;

export type Trend = 'up' | 'down' | 'steady';

export function validateCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_VOLUME_COUNT) {
    throw new CrisisError('bad_input', `The volume must be a whole number from 0 to ${MAX_VOLUME_COUNT.toLocaleString('en')}, e.g. \`/crisis volume 240 zendesk\`.`);
  }
  return count;
}

/** The source as stored: trimmed, spaces collapsed, 1–40 characters; `manual` when none is given. */
export function normaliseSource(raw: string | undefined): string {
  const source = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (source.length === 0) return DEFAULT_SOURCE;
  if (Array.from(source).length > MAX_SOURCE_LENGTH) {
    throw new CrisisError('bad_input', `The source is ${Array.from(source).length} characters; keep it to ${MAX_SOURCE_LENGTH} or fewer, e.g. \`zendesk\` or \`twitter mentions\`.`);
  }
  return source;
}

/**
 * When a sample may say it was counted: within the crisis, from a day before it was declared (a
 * help desk's backlog of the hours before the declaration) to 5 minutes ahead of now (clocks
 * drift). Anything else is a mistake, and would stretch the debrief's chart over years.
 */
export const SAMPLE_TIME_RULE = { beforeDeclarationMinutes: 24 * 60, aheadMinutes: 5 } as const;

/** Why a sample's time is refused (words for the sender), or null when it is within the crisis. */
export function sampleTimeProblem(at: string, declaredAt: string, now: Date): string | null {
  const time = Date.parse(at);
  const earliest = Date.parse(declaredAt) - SAMPLE_TIME_RULE.beforeDeclarationMinutes * 60_000;
  const latest = now.getTime() + SAMPLE_TIME_RULE.aheadMinutes * 60_000;
  if (time < earliest) return `at must be within the crisis: no earlier than ${new Date(earliest).toISOString()}, a day before it was declared; got ${at}`;
  if (time > latest) return `at must not be more than ${SAMPLE_TIME_RULE.aheadMinutes} minutes ahead of now (${now.toISOString()}); got ${at}`;
  return null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

export function trend(latest: number, previous: number): Trend {
  if (previous === 0) return latest === 0 ? 'steady' : 'up';
  const change = (latest - previous) / previous;
  if (change > STEADY_BAND) return 'up';
  if (change < -STEADY_BAND) return 'down';
  return 'steady';
}

export interface RiseCheck {
  rising: boolean;
  /** Median of the samples in the hour before the latest; null when there were none. */
  median: number | null;
  priorSamples: number;
}

/** Is `latestCount` a sharp rise over `priorCounts` (the samples in the window before it)? */
export function checkRise(latestCount: number, priorCounts: readonly number[], rule: RiseRule = RISE_RULE): RiseCheck {
  const m = median(priorCounts);
  const rising = m !== null && priorCounts.length >= rule.minPriorSamples && latestCount >= rule.minCount && latestCount >= rule.factor * m;
  return { rising, median: m, priorSamples: priorCounts.length };
}

/**
 * One notice per rise: the first rising sample notifies; later ones while the rise lasts do not;
 * a latest sample below the threshold ends the rise, so the next one notifies again.
 */
export type RiseStep = 'notify' | 'still_rising' | 'ended' | 'quiet';

export function riseStep(check: Pick<RiseCheck, 'rising'>, wasRising: boolean): RiseStep {
  if (check.rising) return wasRising ? 'still_rising' : 'notify';
  return wasRising ? 'ended' : 'quiet';
}

export interface VolumePoint {
  count: number;
  source: string;
  at: string;
}

export interface VolumeSummary {
  samples: number;
  sources: string[];
  peak: VolumePoint | null;
  latest: VolumePoint | null;
  /** Each source's last sample at or before the resolution (empty while unresolved). */
  atResolution: VolumePoint[];
}

function point(s: VolumeSample): VolumePoint {
  return { count: s.count, source: s.source, at: s.sampledAt };
}

/** `samples` in time order. The first of equal peaks is the peak. */
export function summariseVolume(samples: readonly VolumeSample[], resolvedAt: string | null): VolumeSummary {
  let peak: VolumeSample | null = null;
  const lastBySource = new Map<string, VolumeSample>();
  const resolvedMs = resolvedAt === null ? null : Date.parse(resolvedAt);
  for (const s of samples) {
    if (peak === null || s.count > peak.count) peak = s;
    if (resolvedMs !== null && Date.parse(s.sampledAt) <= resolvedMs) lastBySource.set(s.source, s);
  }
  const last = samples[samples.length - 1];
  return {
    samples: samples.length,
    sources: [...new Set(samples.map((s) => s.source))],
    peak: peak === null ? null : point(peak),
    latest: last === undefined ? null : point(last),
    atResolution: [...lastBySource.values()].map(point),
  };
}
