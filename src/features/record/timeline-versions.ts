/**
 * The versions of a corrected timeline entry: the entry as first recorded (version 1), then each
 * correction of its text or time, each hide and each show, with who wrote it and when. Nothing is
 * ever overwritten; the entry as the timeline shows it is its latest version. Pure.
 */

export interface TimelineEntryVersion {
  crisisId: number;
  entryId: number;
  /** 1 is the entry as first recorded. */
  version: number;
  text: string;
  occurredAt: string;
  hidden: boolean;
  /** Version 1: the entry's own actor (null for what the bot recorded); later: who corrected it. */
  authorId: string | null;
  /** Version 1: when the entry was recorded; later: when it was corrected. */
  writtenAt: string;
}

/** The fields a version carries. */
export type VersionContent = Pick<TimelineEntryVersion, 'text' | 'occurredAt' | 'hidden'>;

export type VersionChange = 'text' | 'time' | 'hidden' | 'shown';

/** What changed from one version to the next, in a fixed order. */
export function changesBetween(before: VersionContent, after: VersionContent): VersionChange[] {
  const changes: VersionChange[] = [];
  if (before.text !== after.text) changes.push('text');
  if (before.occurredAt !== after.occurredAt) changes.push('time');
  if (before.hidden !== after.hidden) changes.push(after.hidden ? 'hidden' : 'shown');
  return changes;
}

/** "text corrected", "text and time corrected", "time corrected and hidden", "shown again". */
export function describeChanges(changes: readonly VersionChange[]): string {
  const corrected = changes.filter((c) => c === 'text' || c === 'time');
  const parts = [
    ...(corrected.length ? [`${corrected.join(' and ')} corrected`] : []),
    ...(changes.includes('hidden') ? ['hidden'] : []),
    ...(changes.includes('shown') ? ['shown again'] : []),
  ];
  return parts.join(' and ') || 'saved unchanged';
}

/** One correction of an entry: who, when, and what it changed from the version before. */
export interface EntryCorrection {
  version: number;
  by: string | null;
  at: string;
  changes: VersionChange[];
}

/** Each corrected entry's corrections (version 2 on), oldest first, by entry id. */
export function correctionsByEntry(versions: readonly TimelineEntryVersion[]): Map<number, EntryCorrection[]> {
  const byEntry = new Map<number, TimelineEntryVersion[]>();
  for (const v of versions) byEntry.set(v.entryId, [...(byEntry.get(v.entryId) ?? []), v]);
  const out = new Map<number, EntryCorrection[]>();
  for (const [entryId, list] of byEntry) {
    const ordered = [...list].sort((a, b) => a.version - b.version);
    const corrections: EntryCorrection[] = [];
    for (let i = 1; i < ordered.length; i += 1) {
      const before = ordered[i - 1];
      const after = ordered[i];
      if (!before || !after) continue;
      corrections.push({ version: after.version, by: after.authorId, at: after.writtenAt, changes: changesBetween(before, after) });
    }
    if (corrections.length > 0) out.set(entryId, corrections);
  }
  return out;
}
