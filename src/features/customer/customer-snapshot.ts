/**
 * The customer side of a crisis as the card shows it: when the impact last changed, the latest
 * complaint volume with its trend, the remedies offered, and how many FAQ answers there are. One
 * function fills `CrisisSnapshot.customer`, so every view of a crisis has it.
 */
import { median, RISE_RULE, trend, type Trend, type VolumePoint } from './volume';
import type { Remedy } from './remedies';
import type { Store } from '../../core/store';

export interface VolumeFacts {
  latest: VolumePoint;
  /** The same source's sample before the latest; null when it is the first. */
  previous: number | null;
  trend: Trend | null;
  /** Median of the same source's samples in the hour before the latest; null when there were none. */
  hourMedian: number | null;
}

export interface CustomerFacts {
  /** Null until the impact was first changed after the declaration. */
  impactChangedAt: string | null;
  impactChangedBy: string | null;
  /** Versions recorded, the declaration's included once it was first changed. */
  impactVersions: number;
  volume: VolumeFacts | null;
  remedies: Remedy[];
  faq: { approved: number; proposed: number };
}

export function customerFacts(store: Store, crisisId: number): CustomerFacts {
  const lastImpact = store.impact.latest(crisisId);
  const latest = store.volume.latest(crisisId);
  let volume: VolumeFacts | null = null;
  if (latest) {
    const previous = store.volume.previousOfSource(latest)?.count ?? null;
    const from = new Date(Date.parse(latest.sampledAt) - RISE_RULE.windowMinutes * 60_000).toISOString();
    volume = {
      latest: { count: latest.count, source: latest.source, at: latest.sampledAt },
      previous,
      trend: previous === null ? null : trend(latest.count, previous),
      hourMedian: median(store.volume.countsBefore(latest, from)),
    };
  }
  const faq = store.faq.counts(crisisId);
  return {
    impactChangedAt: lastImpact && lastImpact.via !== 'declared' ? lastImpact.changedAt : null,
    impactChangedBy: lastImpact && lastImpact.via !== 'declared' ? lastImpact.changedBy : null,
    impactVersions: store.impact.count(crisisId),
    volume,
    remedies: store.remedies.list(crisisId),
    faq: { approved: faq.approved, proposed: faq.proposed },
  };
}
