/**
 * GET /status.json, shaped like Atlassian Statuspage's `summary.json` so tools that read Statuspage
 * read it too: `page` {id, name, url, time_zone, updated_at} and `incidents`, newest first, each with
 * Statuspage's `incident_updates` (body, created_at, …) and, as CONTRACT.md names them, `updates`
 * (body, created_at). Statuspage's `components` and `scheduled_maintenances` are there, empty; its
 * `status.indicator` and each update's `status` are left out, as the bot does not know the impact
 * nor the state at each statement and will not guess.
 */
import { isoTime } from './time-text';
import { anchorId, statusPageUrls } from './status-page-html';
import { firstPublishedAt, orderedIncidents, orderedUpdates, type StatusPageModel, type StatusPageOptions } from './status-page-model';

export interface StatusJsonUpdate {
  id: string;
  incident_id: string;
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
}

export interface StatusJsonIncident {
  id: string;
  name: string;
  status: string;
  created_at: string;
  started_at: string;
  updated_at: string;
  resolved_at: string | null;
  shortlink: string;
  page_id: string;
  incident_updates: StatusJsonUpdate[];
  updates: Array<{ id: string; body: string; created_at: string }>;
}

export interface StatusJson {
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  incidents: StatusJsonIncident[];
  components: never[];
  scheduled_maintenances: never[];
}

export function buildStatusJson(model: StatusPageModel, options: StatusPageOptions): StatusJson {
  const pageId = options.pageId ?? 'status';
  const urls = statusPageUrls(options.pageUrl);
  return {
    page: { id: pageId, name: model.title, url: urls.page, time_zone: options.timeZone, updated_at: isoTime(model.generatedAt) },
    incidents: orderedIncidents(model).map((incident) => {
      const updates = orderedUpdates(incident);
      const createdAt = isoTime(firstPublishedAt(incident));
      return {
        id: incident.id,
        name: incident.publicName,
        status: incident.state,
        created_at: createdAt,
        started_at: createdAt,
        updated_at: isoTime(incident.updatedAt),
        resolved_at: incident.resolvedAt ? isoTime(incident.resolvedAt) : null,
        shortlink: `${urls.page}#${anchorId('incident', incident.id)}`,
        page_id: pageId,
        incident_updates: updates.map((u) => ({
          id: u.id,
          incident_id: incident.id,
          body: u.body,
          created_at: isoTime(u.createdAt),
          updated_at: isoTime(u.createdAt),
          display_at: isoTime(u.createdAt),
        })),
        updates: updates.map((u) => ({ id: u.id, body: u.body, created_at: isoTime(u.createdAt) })),
      };
    }),
    components: [],
    scheduled_maintenances: [],
  };
}

export function renderStatusPageJson(model: StatusPageModel, options: StatusPageOptions): string {
  return `${JSON.stringify(buildStatusJson(model, options))}\n`;
}
