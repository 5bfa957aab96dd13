/**
 * The debrief's account of corrections to the record: each corrected timeline entry (hidden ones
 * included) with every correction, who made it and when. The report itself shows each entry's
 * latest version; this says that it was corrected. Pure.
 */
import type { TimelineEvent } from '../../core/timeline';
import { TIMELINE_LABELS } from '../../core/timeline';
import { correctionsByEntry, describeChanges, type EntryCorrection, type TimelineEntryVersion } from './timeline-versions';

export interface DebriefCorrection {
  entryId: number;
  /** The entry's kind as people read it. */
  label: string;
  /** When it happened, as the latest version says. */
  at: string;
  actorId: string | null;
  /** Hidden now: left out of the report's timeline. */
  hidden: boolean;
  corrections: EntryCorrection[];
}

/** Every corrected entry, in the order things happened (by their latest time). */
export function debriefCorrections(events: readonly TimelineEvent[], versions: readonly TimelineEntryVersion[]): DebriefCorrection[] {
  const byEntry = correctionsByEntry(versions);
  return events
    .filter((e) => byEntry.has(e.id))
    .map((e) => ({ entryId: e.id, label: TIMELINE_LABELS[e.kind], at: e.occurredAt, actorId: e.actorId, hidden: e.hidden, corrections: byEntry.get(e.id) ?? [] }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.entryId - b.entryId);
}

/** "text corrected by Bob at 2026-03-02 10:02; hidden by Carol at …". */
export function correctionsText(corrections: readonly EntryCorrection[], at: (iso: string) => string, who: (userId: string) => string): string {
  return corrections.map((c) => `${describeChanges(c.changes)}${c.by === null ? '' : ` by ${who(c.by)}`} at ${at(c.at)}`).join('; ');
}

/** The Markdown section, or nothing when no entry was corrected. */
export function correctionsMarkdown(list: readonly DebriefCorrection[], at: (iso: string) => string, who: (userId: string) => string): string[] {
  if (list.length === 0) return [];
  const out = ['## Corrections to the timeline', '', 'Each entry below shows in the timeline as last corrected; every earlier version is kept.', ''];
  for (const c of list) {
    const actor = c.actorId === null ? '' : ` — ${who(c.actorId)}`;
    out.push(`- ${at(c.at)} — ${c.label}${actor}${c.hidden ? ' (hidden from the timeline)' : ''}: ${correctionsText(c.corrections, at, who)}`);
  }
  out.push('');
  return out;
}
