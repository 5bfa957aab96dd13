/**
 * The status page's model, read from the store: every crisis with a statement published to
 * `status-page`, open or resolved within 30 days, drills never (the query leaves them out), under
 * its public name, with the exact text of each statement published there. Nothing else of a
 * crisis is read, so a private crisis shows only what was published to the page.
 */
import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../../core/deps';
import type { PageEntry } from './publishing-repo';
import type { StatusPageIncident, StatusPageModel } from './status-page-model';

export const RESOLVED_SHOWN_DAYS = 30;
/** The page's time when nothing was ever published (a constant, so its ETag stays put). */
const NEVER = '2000-01-01T00:00:00.000Z';

/** An id that names a crisis or a statement on the page without telling how many there are. */
export function publicId(kind: string, id: number): string {
  return createHash('sha256').update(`crisis-bot:${kind}:${id}`).digest('hex').slice(0, 16);
}

const later = (a: string, b: string | null | undefined): string => (b && Date.parse(b) > Date.parse(a) ? b : a);

export function buildStatusPageModel(deps: Pick<ServiceDeps, 'store' | 'clock' | 'playbooks'>, title: string): StatusPageModel {
  const since = new Date(deps.clock.now().getTime() - RESOLVED_SHOWN_DAYS * 24 * 60 * 60_000).toISOString();
  const byCrisis = new Map<number, PageEntry[]>();
  for (const entry of deps.store.publishing.pageEntries(since)) byCrisis.set(entry.crisisId, [...(byCrisis.get(entry.crisisId) ?? []), entry]);
  const incidents: StatusPageIncident[] = [];
  let generatedAt = NEVER;
  for (const [crisisId, entries] of byCrisis) {
    const first = entries[0];
    if (!first) continue;
    const newest = entries.reduce((at, e) => later(at, e.publishedAt), first.publishedAt);
    const updatedAt = first.state === 'resolved' ? later(newest, first.resolvedAt) : newest;
    generatedAt = later(generatedAt, updatedAt);
    incidents.push({
      id: publicId('crisis', crisisId),
      publicName: first.publicName ?? deps.playbooks.publicName(first.crisisType),
      state: first.state,
      updatedAt,
      resolvedAt: first.state === 'resolved' ? first.resolvedAt : null,
      updates: entries.map((e) => ({ id: publicId('statement', e.statementId), body: e.body, createdAt: e.publishedAt })),
    });
  }
  return { title, generatedAt, incidents };
}
