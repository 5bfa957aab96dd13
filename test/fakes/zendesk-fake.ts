/**
 * A local Zendesk (macros only), built from the Support API's documentation
 * (developer.zendesk.com, Ticketing › Business rules › Macros):
 *   POST /api/v2/macros                 201 {"macro": …}; title and actions required
 *   PUT  /api/v2/macros/{macro_id}      200 {"macro": …}; only the fields given change
 *   GET  /api/v2/macros/{macro_id}      200 {"macro": …}
 *   GET  /api/v2/macros/search?query=   200 {"macros": […], "count", "next_page", "previous_page"}
 * Basic authentication as `{email}/token:{api_token}`, else 401 `{"error":"Couldn't authenticate you"}`;
 * an unknown macro 404 `{"error":"RecordNotFound","description":"Not found"}`; a blank title, no
 * actions or an action on an unknown field 422 `{"error":"RecordInvalid","description":"Record validation errors","details":…}`.
 */
import { FakeHttpServer, isObject, parseBody, type FakeAnswer, type RecordedCall } from './fake-http';

/** Fields a macro action may set (a subset of Zendesk's actions reference: what a reply macro uses). */
const ACTION_FIELDS = new Set([
  'comment_value', 'comment_value_html', 'comment_mode_is_public', 'subject', 'status', 'priority', 'type', 'assignee_id', 'group_id',
  'set_tags', 'current_tags', 'remove_tags', 'brand_id', 'ticket_form_id',
]);
const MACRO_FIELDS = new Set(['title', 'actions', 'active', 'description', 'restriction', 'position']);

export interface FakeMacro {
  id: number;
  url: string;
  title: string;
  raw_title: string;
  description: string | null;
  active: boolean;
  actions: Array<{ field: string; value: unknown }>;
  default: boolean;
  position: number;
  restriction: unknown;
  created_at: string;
  updated_at: string;
}

function invalid(details: Record<string, string>): FakeAnswer {
  return {
    status: 422,
    body: {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: Object.fromEntries(Object.entries(details).map(([field, description]) => [field, [{ description, error: 'InvalidValue' }]])),
    },
  };
}

export class FakeZendesk extends FakeHttpServer {
  readonly macros = new Map<number, FakeMacro>();
  private nextId = 360111062754;

  constructor(
    readonly email = 'bot@example.com',
    readonly apiToken = 'zendesk-test-token',
  ) {
    super();
  }

  /** What an admin does by hand in Zendesk. */
  deleteMacro(id: number): void {
    this.macros.delete(id);
  }

  protected handle(call: RecordedCall): FakeAnswer {
    const expected = `Basic ${Buffer.from(`${this.email}/token:${this.apiToken}`).toString('base64')}`;
    if (call.headers.authorization !== expected) return { status: 401, body: { error: "Couldn't authenticate you" } };
    if (call.path === '/api/v2/macros/search' && call.method === 'GET') return this.search(call);
    if (call.path === '/api/v2/macros' && call.method === 'POST') return this.create(call);
    const m = /^\/api\/v2\/macros\/(\d+)$/.exec(call.path);
    if (!m) return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
    const macro = this.macros.get(Number(m[1]));
    if (!macro) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    if (call.method === 'GET') return { status: 200, body: { macro } };
    if (call.method === 'PUT') return this.update(call, macro);
    return { status: 405, body: { error: 'MethodNotAllowed' } };
  }

  private fields(call: RecordedCall, creating: boolean): { ok: true; macro: Record<string, unknown> } | { ok: false; answer: FakeAnswer } {
    const parsed = parseBody(call);
    if (!parsed.ok || !isObject(parsed.value) || !isObject(parsed.value.macro)) {
      return { ok: false, answer: { status: 400, body: { error: 'InvalidParams', description: parsed.ok ? 'macro is missing' : parsed.error } } };
    }
    const macro = parsed.value.macro;
    const problems: Record<string, string> = {};
    for (const key of Object.keys(macro)) if (!MACRO_FIELDS.has(key)) problems[key] = `${key} is not a macro property`;
    if (creating || macro.title !== undefined) {
      if (typeof macro.title !== 'string' || !macro.title.trim()) problems.title = "Title: can't be blank";
    }
    if (creating || macro.actions !== undefined) {
      const actions = macro.actions;
      if (!Array.isArray(actions) || actions.length === 0) problems.actions = 'Actions: must have at least one action';
      else
        for (const a of actions) {
          if (!isObject(a) || typeof a.field !== 'string' || !ACTION_FIELDS.has(a.field)) problems.actions = `Actions: unknown field ${isObject(a) ? String(a.field) : String(a)}`;
          else if (typeof a.value !== 'string' && !Array.isArray(a.value)) problems.actions = `Actions: ${a.field} needs a value`;
        }
    }
    if (macro.active !== undefined && typeof macro.active !== 'boolean') problems.active = 'Active: must be true or false';
    if (Object.keys(problems).length) return { ok: false, answer: invalid(problems) };
    return { ok: true, macro };
  }

  private create(call: RecordedCall): FakeAnswer {
    const read = this.fields(call, true);
    if (!read.ok) return read.answer;
    const given = read.macro;
    const at = new Date().toISOString();
    const id = (this.nextId += 1);
    const macro: FakeMacro = {
      id,
      url: `${this.url}/api/v2/macros/${id}.json`,
      title: String(given.title),
      raw_title: String(given.title),
      description: typeof given.description === 'string' ? given.description : null,
      active: given.active !== false,
      actions: given.actions as FakeMacro['actions'],
      default: false,
      position: 9999,
      restriction: given.restriction ?? null,
      created_at: at,
      updated_at: at,
    };
    this.macros.set(id, macro);
    return { status: 201, body: { macro } };
  }

  private update(call: RecordedCall, macro: FakeMacro): FakeAnswer {
    const read = this.fields(call, false);
    if (!read.ok) return read.answer;
    const given = read.macro;
    if (typeof given.title === 'string') macro.title = macro.raw_title = given.title;
    if (typeof given.description === 'string') macro.description = given.description;
    if (typeof given.active === 'boolean') macro.active = given.active;
    if (Array.isArray(given.actions)) macro.actions = given.actions as FakeMacro['actions'];
    macro.updated_at = new Date().toISOString();
    return { status: 200, body: { macro } };
  }

  private search(call: RecordedCall): FakeAnswer {
    const query = call.query.get('query');
    if (!query) return { status: 400, body: { error: 'InvalidParams', description: 'query is required' } };
    const macros = [...this.macros.values()].filter((m) => m.title.toLowerCase().includes(query.toLowerCase()));
    return { status: 200, body: { macros, count: macros.length, next_page: null, previous_page: null } };
  }
}
