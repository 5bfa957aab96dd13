/**
 * A local Atlassian Statuspage, built from their REST API's documentation (api.statuspage.io/v1):
 * `Authorization: OAuth <api key>`, one page id, JSON or form-encoded bodies under `incident`.
 *   POST  /v1/pages/{page_id}/incidents                 201, the incident (name required, a known status)
 *   PATCH /v1/pages/{page_id}/incidents/{incident_id}   200, the incident; a body or a status change adds an incident update
 *   GET   /v1/pages/{page_id}/incidents/{incident_id}   200, the incident
 *   GET   /v1/pages/{page_id}/incidents/unresolved      200, the open incidents
 * Errors are `{"error": "…"}`: 401 bad key, 404 unknown page or incident, 422 a field they refuse.
 * Incident updates are listed newest first, as Statuspage lists them.
 */
import { FakeHttpServer, isObject, parseBody, type FakeAnswer, type RecordedCall } from './fake-http';

const INCIDENT_FIELDS = new Set([
  'name', 'status', 'impact_override', 'scheduled_for', 'scheduled_until', 'scheduled_remind_prior', 'scheduled_auto_in_progress',
  'scheduled_auto_completed', 'scheduled_auto_transition', 'metadata', 'deliver_notifications', 'auto_transition_deliver_notifications_at_end',
  'auto_transition_deliver_notifications_at_start', 'auto_transition_to_maintenance_state', 'auto_transition_to_operational_state',
  'auto_tweet_at_beginning', 'auto_tweet_on_completion', 'auto_tweet_on_creation', 'auto_tweet_one_hour_before', 'backfill_date',
  'backfilled', 'body', 'components', 'component_ids', 'reminder_intervals',
]);
const STATUSES = new Set(['investigating', 'identified', 'monitoring', 'resolved', 'scheduled', 'in_progress', 'verifying', 'completed']);

export interface FakeIncidentUpdate {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  deliver_notifications: boolean;
}

export interface FakeIncident {
  id: string;
  name: string;
  status: string;
  impact: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  started_at: string;
  shortlink: string;
  page_id: string;
  incident_updates: FakeIncidentUpdate[];
}

let sequence = 0;
const nextId = (): string => `inc${(sequence += 1).toString(36).padStart(9, '0')}`;

export class FakeStatuspage extends FakeHttpServer {
  readonly incidents = new Map<string, FakeIncident>();

  constructor(
    readonly apiKey = 'statuspage-test-key',
    readonly pageId = 'kctbh9vrtdwd',
  ) {
    super();
  }

  /** The base URL to give the client (`STATUSPAGE_API_URL`). */
  get apiUrl(): string {
    return `${this.url}/v1`;
  }

  protected handle(call: RecordedCall): FakeAnswer {
    if (call.headers.authorization !== `OAuth ${this.apiKey}`) return { status: 401, body: { error: 'Could not authenticate' } };
    const m = /^\/v1\/pages\/([^/]+)\/incidents(?:\/([^/]+))?$/.exec(call.path);
    if (!m) return { status: 404, body: { error: 'Not found' } };
    if (decodeURIComponent(m[1] ?? '') !== this.pageId) return { status: 404, body: { error: 'Page not found' } };
    const id = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (call.method === 'GET' && id === 'unresolved') return { status: 200, body: [...this.incidents.values()].filter((i) => !['resolved', 'completed'].includes(i.status)) };
    if (call.method === 'POST' && id === undefined) return this.create(call);
    if (id === undefined) return { status: 405, body: { error: 'Method not allowed' } };
    const incident = this.incidents.get(id);
    if (!incident) return { status: 404, body: { error: 'Not found' } };
    if (call.method === 'GET') return { status: 200, body: incident };
    if (call.method === 'PATCH') return this.update(call, incident);
    return { status: 405, body: { error: 'Method not allowed' } };
  }

  private fields(call: RecordedCall): { ok: true; incident: Record<string, unknown> } | { ok: false; answer: FakeAnswer } {
    const parsed = parseBody(call);
    if (!parsed.ok) return { ok: false, answer: { status: 400, body: { error: parsed.error } } };
    if (!isObject(parsed.value) || !isObject(parsed.value.incident)) return { ok: false, answer: { status: 400, body: { error: 'incident is missing' } } };
    const incident = parsed.value.incident;
    const unknown = Object.keys(incident).filter((k) => !INCIDENT_FIELDS.has(k));
    if (unknown.length) return { ok: false, answer: { status: 422, body: { error: `unknown incident fields: ${unknown.join(', ')}` } } };
    if (incident.status !== undefined && (typeof incident.status !== 'string' || !STATUSES.has(incident.status))) {
      return { ok: false, answer: { status: 422, body: { error: `status is not valid: ${String(incident.status)}` } } };
    }
    if (incident.body !== undefined && typeof incident.body !== 'string') return { ok: false, answer: { status: 422, body: { error: 'body must be text' } } };
    return { ok: true, incident };
  }

  private create(call: RecordedCall): FakeAnswer {
    const read = this.fields(call);
    if (!read.ok) return read.answer;
    const { incident: given } = read;
    if (typeof given.name !== 'string' || !given.name.trim()) return { status: 422, body: { error: "Name can't be blank" } };
    const at = new Date().toISOString();
    const id = nextId();
    const status = typeof given.status === 'string' ? given.status : 'investigating';
    const incident: FakeIncident = {
      id,
      name: given.name,
      status,
      impact: typeof given.impact_override === 'string' ? given.impact_override : 'none',
      created_at: at,
      updated_at: at,
      monitoring_at: status === 'monitoring' ? at : null,
      resolved_at: status === 'resolved' ? at : null,
      started_at: at,
      shortlink: `https://stspg.io/${id}`,
      page_id: this.pageId,
      incident_updates: [],
    };
    this.addUpdate(incident, status, typeof given.body === 'string' ? given.body : '', given.deliver_notifications !== false, at);
    this.incidents.set(id, incident);
    return { status: 201, body: incident };
  }

  private update(call: RecordedCall, incident: FakeIncident): FakeAnswer {
    const read = this.fields(call);
    if (!read.ok) return read.answer;
    const { incident: given } = read;
    const at = new Date().toISOString();
    if (typeof given.name === 'string') incident.name = given.name;
    const status = typeof given.status === 'string' ? given.status : incident.status;
    const changed = status !== incident.status;
    incident.status = status;
    if (status === 'monitoring' && changed) incident.monitoring_at = at;
    if (status === 'resolved' && changed) incident.resolved_at = at;
    if (changed || typeof given.body === 'string') this.addUpdate(incident, status, typeof given.body === 'string' ? given.body : '', given.deliver_notifications !== false, at);
    incident.updated_at = at;
    return { status: 200, body: incident };
  }

  private addUpdate(incident: FakeIncident, status: string, body: string, notify: boolean, at: string): void {
    incident.incident_updates.unshift({ id: nextId(), incident_id: incident.id, status, body, created_at: at, updated_at: at, display_at: at, deliver_notifications: notify });
  }
}
