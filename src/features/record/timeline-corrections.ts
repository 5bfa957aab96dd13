/**
 * Corrections to the timeline: an entry's text or time corrected, or the entry hidden or shown
 * again. They are for the lead, the info gatherers, the declarer and crisis admins
 * (domain/permissions.ts). Nothing is overwritten: in one transaction the entry as first recorded
 * becomes version 1 (at its first correction), the correction becomes the next version with who and
 * when, the entry's row takes that latest version (what the timeline and the debrief show), and an
 * `entry_corrected` row says in the timeline itself that it happened. All of it is synchronous:
 * nothing awaits between the checks and the transaction.
 */
import type { Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { assertCanEditTimeline } from '../../core/permissions';
import { currentHolders } from '../../core/roles';
import type { TimelineEvent } from '../../core/timeline';
import { changesBetween, correctionsByEntry, describeChanges, type EntryCorrection, type TimelineEntryVersion, type VersionContent } from './timeline-versions';
import type { ServiceDeps } from '../../core/deps';
import { current } from '../../core/snapshot';

export interface CorrectionInput {
  text?: string;
  occurredAt?: string;
  hidden?: boolean;
}

/** Refuses anyone but the lead, an info gatherer, the declarer or an admin, naming who may. */
export function assertMayEditTimeline(deps: Pick<ServiceDeps, 'store' | 'settings'>, crisis: Crisis, actorId: string, field?: string): void {
  assertCanEditTimeline(crisis, currentHolders(deps.store.roles.active(crisis.id)), deps.settings.admins, actorId, field);
}

/** The entry of this crisis, or a refusal (another crisis's id, or none). */
function entryOf(deps: Pick<ServiceDeps, 'store'>, crisis: Crisis, entryId: number): TimelineEvent {
  const entry = deps.store.timeline.find(entryId);
  if (!entry || entry.crisisId !== crisis.id) throw new CrisisError('not_found', 'That timeline entry is not part of this crisis.');
  return entry;
}

/** The entry as first recorded: version 1 of an entry never corrected. */
function original(entry: TimelineEvent): TimelineEntryVersion {
  return {
    crisisId: entry.crisisId,
    entryId: entry.id,
    version: 1,
    text: entry.text,
    occurredAt: entry.occurredAt,
    hidden: entry.hidden,
    authorId: entry.actorId,
    writtenAt: entry.recordedAt,
  };
}

export function correctEntry(deps: ServiceDeps, given: Crisis, entryId: number, actorId: string, change: CorrectionInput): TimelineEvent {
  const { store, clock } = deps;
  const crisis = current(deps, given);
  const entry = entryOf(deps, crisis, entryId);
  assertMayEditTimeline(deps, crisis, actorId, 'text');
  if (entry.kind === 'entry_corrected') throw new CrisisError('bad_input', 'Corrections themselves cannot be corrected.');
  const published = entry.kind === 'statement' ? entry.data.statement : undefined;
  if (typeof published === 'number' && change.text !== undefined && change.text.trim() !== entry.text) {
    throw new CrisisError('bad_input', `This is S${published} as it was published, and a published statement is never edited: a correction is a new statement (\`/crisis statement\` with the corrected words). Its time can be corrected, or the entry hidden.`, 'text');
  }
  const after: VersionContent = {
    text: change.text?.trim() ?? entry.text,
    occurredAt: change.occurredAt ?? entry.occurredAt,
    hidden: change.hidden ?? entry.hidden,
  };
  if (after.text.length === 0) throw new CrisisError('bad_input', 'An entry needs some text; hide it instead.', 'text');
  const changes = changesBetween(entry, after);
  if (changes.length === 0) return entry;
  const at = clock.now().toISOString();
  store.transaction(() => {
    const versions = store.timelineVersions.ofEntry(entryId);
    if (versions.length === 0) store.timelineVersions.insert(original(entry));
    const version = (versions.at(-1)?.version ?? 1) + 1;
    store.timelineVersions.insert({ crisisId: crisis.id, entryId, version, ...after, authorId: actorId, writtenAt: at });
    store.timeline.correct(entryId, after.text, after.occurredAt, after.hidden);
    const before = { text: entry.text, occurred_at: entry.occurredAt, hidden: entry.hidden };
    store.timeline.append(
      crisis.id,
      {
        kind: 'entry_corrected',
        occurredAt: at,
        actorId,
        text: `Entry #${entryId} ${describeChanges(changes)}`,
        data: { entry_id: entryId, before, after: { text: after.text, occurred_at: after.occurredAt, hidden: after.hidden } },
      },
      at,
    );
  });
  return store.timeline.get(entryId);
}

/** Every version of an entry, the original first (just the entry itself when never corrected). */
export function entryVersions(deps: Pick<ServiceDeps, 'store'>, crisis: Crisis, entryId: number): TimelineEntryVersion[] {
  const entry = entryOf(deps, crisis, entryId);
  const versions = deps.store.timelineVersions.ofEntry(entryId);
  return versions.length > 0 ? versions : [original(entry)];
}

/** Each corrected entry's corrections (who, when, what), by entry id. */
export function correctionsOf(deps: Pick<ServiceDeps, 'store'>, crisisId: number): Map<number, EntryCorrection[]> {
  return correctionsByEntry(deps.store.timelineVersions.ofCrisis(crisisId));
}
