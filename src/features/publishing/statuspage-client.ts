/**
 * Atlassian Statuspage, the `statuspage` target: the crisis's first statement there creates an
 * incident (`POST /v1/pages/{page_id}/incidents`), each later one adds an incident update by
 * changing the incident (`PATCH /v1/pages/{page_id}/incidents/{incident_id}` with `incident[body]`,
 * `incident[status]` and `incident[name]`, the public name as it is now), and the crisis's resolution resolves it. Authorization is
 * `OAuth <api key>`; bodies are JSON, as their REST API documents.
 *
 * Statuspage has no idempotency keys (the header is sent anyway), so a retry checks before it
 * writes: an attempt after one whose answer was lost first looks for what that attempt may have
 * done (an open incident of that name holding the text, an update with the text, a resolution),
 * and reports it delivered instead of doubling it.
 */
import { z } from 'zod';
import { joinUrl, parseJson, sendHttp, unexpectedAnswer, type HttpOptions, type HttpRequest } from './http-attempt';
import type { AttemptFailure, AttemptResult } from './outbox-rules';
import type { PublicState } from './status-page-model';

export const STATUSPAGE_API_URL = 'https://api.statuspage.io/v1';

export type StatuspageStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

const STATUS_MAP: Record<PublicState, StatuspageStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

/** The crisis's status as Statuspage's incident status (the bot's statuses are Statuspage's own). */
export function statuspageStatus(status: PublicState): StatuspageStatus {
  return STATUS_MAP[status];
}

const Incident = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  incident_updates: z.array(z.object({ body: z.string().nullable().optional() }).loose()).optional().default([]),
}).loose();
type Incident = z.infer<typeof Incident>;

export interface StatuspageOptions extends HttpOptions {
  /** `STATUSPAGE_API_URL`; default theirs. */
  baseUrl?: string;
  apiKey: string;
  pageId: string;
}

export interface StatuspagePublish {
  /** The incident already made for this crisis, or null on its first statement here. */
  incidentId: string | null;
  /** The crisis's public name. */
  name: string;
  status: StatuspageStatus;
  body: string;
  idempotencyKey: string;
  /** An earlier attempt of this delivery was made: look before writing. */
  retrying: boolean;
}

const sameText = (a: string | null | undefined, b: string): boolean => (a ?? '').trim() === b.trim();

export class StatuspageClient {
  private readonly base: string;

  constructor(private readonly options: StatuspageOptions) {
    this.base = options.baseUrl ?? STATUSPAGE_API_URL;
  }

  /** Creates the incident or adds an update to it; the result's ref is the incident id. */
  async publish(input: StatuspagePublish): Promise<AttemptResult> {
    if (input.incidentId === null) {
      if (input.retrying) {
        const found = await this.findOpenIncident(input.name, input.body);
        if (!found.ok) return found;
        if (found.id !== null) return { ok: true, ref: found.id };
      }
      return this.create(input);
    }
    if (input.retrying) {
      const current = await this.get(input.incidentId);
      if (!current.ok) return current;
      if (current.incident.incident_updates.some((u) => sameText(u.body, input.body))) return { ok: true, ref: input.incidentId };
    }
    // The name too: a public name changed since the incident was made is carried over.
    return this.patch(input.incidentId, { name: input.name, status: input.status, body: input.body }, input.idempotencyKey);
  }

  /** Resolves the crisis's incident, with a last word when there is one. */
  async resolve(input: { incidentId: string; body?: string; idempotencyKey: string; retrying: boolean }): Promise<AttemptResult> {
    if (input.retrying) {
      const current = await this.get(input.incidentId);
      if (!current.ok) return current;
      if (current.incident.status === 'resolved') return { ok: true, ref: input.incidentId };
    }
    return this.patch(input.incidentId, { status: 'resolved', ...(input.body?.trim() ? { body: input.body } : {}) }, input.idempotencyKey);
  }

  private request(method: HttpRequest['method'], path: string, idempotencyKey: string | null, body?: unknown): HttpRequest {
    return {
      method,
      url: joinUrl(this.base, `pages/${encodeURIComponent(this.options.pageId)}/${path}`),
      headers: {
        Authorization: `OAuth ${this.options.apiKey}`,
        Accept: 'application/json',
        'User-Agent': 'crisis-bot',
        ...(body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    };
  }

  private host(): string {
    return URL.canParse(this.base) ? new URL(this.base).host : this.base;
  }

  private async incidentFrom(request: HttpRequest): Promise<{ ok: true; incident: Incident } | { ok: false; failure: AttemptFailure }> {
    const outcome = await sendHttp(request, this.options);
    if (!outcome.ok) return outcome;
    const parsed = Incident.safeParse(parseJson(outcome.answer.text));
    return parsed.success ? { ok: true, incident: parsed.data } : { ok: false, failure: unexpectedAnswer(this.host(), outcome.answer.status, 'an incident') };
  }

  private async create(input: StatuspagePublish): Promise<AttemptResult> {
    const made = await this.incidentFrom(
      this.request('POST', 'incidents', input.idempotencyKey, { incident: { name: input.name, status: input.status, body: input.body, deliver_notifications: true } }),
    );
    return made.ok ? { ok: true, ref: made.incident.id } : made;
  }

  private async patch(incidentId: string, incident: { name?: string; status: StatuspageStatus; body?: string }, idempotencyKey: string): Promise<AttemptResult> {
    const changed = await this.incidentFrom(this.request('PATCH', `incidents/${encodeURIComponent(incidentId)}`, idempotencyKey, { incident }));
    return changed.ok ? { ok: true, ref: changed.incident.id } : changed;
  }

  private get(incidentId: string) {
    return this.incidentFrom(this.request('GET', `incidents/${encodeURIComponent(incidentId)}`, null));
  }

  /** An unresolved incident of that name already holding the text: made by an attempt whose answer was lost. */
  private async findOpenIncident(name: string, body: string): Promise<{ ok: true; id: string | null } | { ok: false; failure: AttemptFailure }> {
    const outcome = await sendHttp(this.request('GET', 'incidents/unresolved', null), this.options);
    if (!outcome.ok) return outcome;
    const list = z.array(Incident).safeParse(parseJson(outcome.answer.text));
    if (!list.success) return { ok: false, failure: unexpectedAnswer(this.host(), outcome.answer.status, 'a list of incidents') };
    const mine = list.data.find((i) => i.name === name && i.incident_updates.some((u) => sameText(u.body, body)));
    return { ok: true, id: mine?.id ?? null };
  }
}
