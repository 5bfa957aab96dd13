/**
 * What the public status page shows, as plain data: the renderers (HTML, JSON, Atom) are pure
 * functions of this model, and the only way a crisis reaches the page is by being put into it.
 * It carries a crisis's public name and the exact text of what was published to the page, and
 * nothing else: no internal title, no channel, no people, no severity. Whoever builds it (the
 * publishing service, later) decides what is public; the renderers cannot leak what they never get.
 */

export const PUBLIC_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];

export const PUBLIC_STATE_LABELS: Record<PublicState, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** One statement published to the page: its exact text and when it was published. */
export interface StatusPageUpdate {
  /** Stable and public (it ends up in anchors and feed ids): e.g. the statement's row id. */
  id: string;
  body: string;
  /** ISO-8601. */
  createdAt: string;
}

export interface StatusPageIncident {
  /** Stable and public, e.g. an opaque id per crisis; never the channel or the internal title. */
  id: string;
  publicName: string;
  state: PublicState;
  /** ISO-8601: the last publish or state change. */
  updatedAt: string;
  resolvedAt?: string | null;
  updates: StatusPageUpdate[];
}

export interface StatusPageModel {
  title: string;
  intro?: string;
  /**
   * When the content last changed (ISO-8601), not when the request came: the page, its ETag and
   * the feed's <updated> stay the same between changes, so caches and feed readers can rely on them.
   */
  generatedAt: string;
  incidents: StatusPageIncident[];
}

/** How the page is shown: where it lives and in which zone and language times are written. */
export interface StatusPageOptions {
  /** The absolute URL of `GET /status`, e.g. https://status.example.com/status. */
  pageUrl: string;
  /** IANA zone for the times people read (the ISO time is always in the markup too). */
  timeZone: string;
  /** BCP 47 language of the page and the feed; default `en`. */
  lang?: string;
  /** Statuspage's `page.id` in /status.json; default `status`. */
  pageId?: string;
}

export function isResolved(incident: Pick<StatusPageIncident, 'state'>): boolean {
  return incident.state === 'resolved';
}

const byTimeDesc = (a: string, b: string): number => Date.parse(b) - Date.parse(a);

/** Open incidents before resolved ones, each group most recently changed first. */
export function orderedIncidents(model: StatusPageModel): StatusPageIncident[] {
  const open = model.incidents.filter((i) => !isResolved(i));
  const resolved = model.incidents.filter(isResolved);
  const sort = (list: StatusPageIncident[]) => list.map((incident, index) => ({ incident, index })).sort((a, b) => byTimeDesc(a.incident.updatedAt, b.incident.updatedAt) || a.index - b.index).map((x) => x.incident);
  return [...sort(open), ...sort(resolved)];
}

/** Newest first; of two published at the same instant, the one given later is taken as newer. */
export function orderedUpdates(incident: StatusPageIncident): StatusPageUpdate[] {
  return incident.updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => byTimeDesc(a.update.createdAt, b.update.createdAt) || b.index - a.index)
    .map((x) => x.update);
}

/** When an incident began, as far as the public knows: its first published statement. */
export function firstPublishedAt(incident: StatusPageIncident): string {
  const times = incident.updates.map((u) => u.createdAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0] ?? incident.updatedAt;
}
