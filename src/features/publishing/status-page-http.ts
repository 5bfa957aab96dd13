/**
 * Serving the status page: GET and HEAD for /status, /status.json and /status/feed.atom, with a
 * strong ETag (If-None-Match answers 304), `Cache-Control: max-age=30`, and 404 for everything while
 * the page is off. It is free of the app: a handler over a `getModel` function, so it runs in the
 * bot's HTTP server, in a test's own server, or anywhere else.
 *
 * Under a flood of readers the model is read at most once per `memoMs` (one read shared by the
 * requests that arrive meanwhile) and each representation is rendered once per model, so the
 * database sees a query a second however many customers reload. A model that cannot be read
 * gets 503 with Retry-After and is not cached.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderStatusPageAtom } from './status-page-atom';
import { renderStatusPageHtml } from './status-page-html';
import { renderStatusPageJson } from './status-page-json';
import type { StatusPageModel, StatusPageOptions } from './status-page-model';
import { STATUS_PAGE_CSS } from './status-page-theme';

export const STATUS_PATHS = { page: '/status', json: '/status.json', feed: '/status/feed.atom' } as const;
export type StatusPath = (typeof STATUS_PATHS)[keyof typeof STATUS_PATHS];

export const CACHE_CONTROL = 'max-age=30';
/** How long one read of the model serves every request, by default. */
export const DEFAULT_MEMO_MS = 1000;

const CONTENT_TYPES: Record<StatusPath, string> = {
  '/status': 'text/html; charset=utf-8',
  '/status.json': 'application/json; charset=utf-8',
  '/status/feed.atom': 'application/atom+xml; charset=utf-8',
};

/** The page runs no script and loads nothing: only its own inline stylesheet, allowed by hash. */
export const STATUS_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STATUS_PAGE_CSS).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/** A strong validator: the same bytes always give the same tag, any change another. */
export function computeEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match (RFC 9110 §13.1.2): `*`, or a list of tags compared weakly (W/ ignored). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const value = ifNoneMatch.trim();
  if (value === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => bare(tag) === bare(etag));
}

export interface StatusPageHandlerOptions {
  /** `CRISIS_STATUS_PAGE=off`: every path answers 404. */
  enabled: boolean;
  /** Zone, language and page id; `pageUrl` when the page's public address is known. */
  page: Omit<StatusPageOptions, 'pageUrl'> & { pageUrl?: string };
  /** Milliseconds since the epoch (the app's clock); defaults to Date.now. */
  now?: () => number;
  memoMs?: number;
  /** Told of a model that could not be read (the reader got 503). */
  onError?: (err: unknown) => void;
}

interface Rendered {
  body: Buffer;
  etag: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const RENDERERS: Record<StatusPath, (model: StatusPageModel, options: StatusPageOptions) => string> = {
  '/status': renderStatusPageHtml,
  '/status.json': renderStatusPageJson,
  '/status/feed.atom': renderStatusPageAtom,
};

function pathOf(req: IncomingMessage): string | undefined {
  const url = req.url ?? '';
  return URL.canParse(url, 'http://localhost') ? new URL(url, 'http://localhost').pathname : undefined;
}

function isStatusPath(path: string | undefined): path is StatusPath {
  return path === STATUS_PATHS.page || path === STATUS_PATHS.json || path === STATUS_PATHS.feed;
}

/**
 * The page's own address when none is configured: from the request's Host (checked to be a host
 * name or address with an optional port) and, behind a proxy that says so, https.
 */
export function pageUrlFromRequest(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  const safeHost = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/.test(host) ? host : 'localhost';
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${safeHost}${STATUS_PATHS.page}`;
}

function plain(res: ServerResponse, status: number, headers: Record<string, string>, body: string, head: boolean): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
  res.end(head ? undefined : bytes);
}

export function createStatusPageHandler(getModel: () => StatusPageModel | Promise<StatusPageModel>, options: StatusPageHandlerOptions): Handler {
  const now = options.now ?? Date.now;
  const memoMs = options.memoMs ?? DEFAULT_MEMO_MS;
  let memo: { at: number; model: Promise<StatusPageModel> } | undefined;
  const rendered = new WeakMap<StatusPageModel, Map<string, Rendered>>();

  const model = (): Promise<StatusPageModel> => {
    const t = now();
    if (memo && t - memo.at < memoMs && t >= memo.at) return memo.model;
    const read = Promise.resolve().then(getModel);
    memo = { at: t, model: read };
    // A failed read is not kept: the next request tries again.
    read.catch(() => {
      if (memo?.model === read) memo = undefined;
    });
    return read;
  };

  const render = (m: StatusPageModel, path: StatusPath, pageUrl: string): Rendered => {
    let perModel = rendered.get(m);
    if (!perModel) rendered.set(m, (perModel = new Map()));
    const key = `${path} ${pageUrl}`;
    let r = perModel.get(key);
    if (!r) {
      const body = Buffer.from(RENDERERS[path](m, { ...options.page, pageUrl }));
      r = { body, etag: computeEtag(body) };
      perModel.set(key, r);
    }
    return r;
  };

  return async (req, res) => {
    req.resume();
    const path = pathOf(req);
    const head = req.method === 'HEAD';
    if (!options.enabled || !isStatusPath(path)) {
      return plain(res, 404, { 'Content-Type': 'application/json; charset=utf-8' }, '{"ok":false,"error":"not_found"}', head);
    }
    if (req.method !== 'GET' && !head) {
      return plain(res, 405, { 'Content-Type': 'application/json; charset=utf-8', Allow: 'GET, HEAD' }, '{"ok":false,"error":"method_not_allowed"}', false);
    }
    let m: StatusPageModel;
    try {
      m = await model();
    } catch (err) {
      options.onError?.(err);
      return plain(res, 503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '5' }, 'The status page is unavailable for a moment; please try again shortly.\n', head);
    }
    const { body, etag } = render(m, path, options.page.pageUrl ?? pageUrlFromRequest(req));
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
    };
    if (path === STATUS_PATHS.page) headers['Content-Security-Policy'] = STATUS_PAGE_CSP;
    // Public data: a company's own site may read the JSON and the feed from a browser.
    else headers['Access-Control-Allow-Origin'] = '*';
    if (etagMatches(header(req, 'if-none-match'), etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[path], 'Content-Length': String(body.length) });
    res.end(head ? undefined : body);
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The routes to register: each path for GET and HEAD (the bot's router matches on method). */
export function statusPageRoutes(handler: Handler): Array<{ method: 'GET' | 'HEAD'; path: StatusPath; handler: Handler }> {
  return Object.values(STATUS_PATHS).flatMap((path) => (['GET', 'HEAD'] as const).map((method) => ({ method, path, handler })));
}
