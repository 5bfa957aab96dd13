/** The status page's HTTP handler: GET/HEAD, ETag and 304, Cache-Control, 404 when off, one model read per second under load. */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderStatusPageHtml } from '../../../src/features/publishing/status-page-html';
import {
  computeEtag,
  createStatusPageHandler,
  etagMatches,
  statusPageRoutes,
  STATUS_PAGE_CSP,
  type StatusPageHandlerOptions,
} from '../../../src/features/publishing/status-page-http';
import type { StatusPageModel } from '../../../src/features/publishing/status-page-model';
import { PAGE, twoIncidents } from '../../helpers/status-page-fixture';

let server: http.Server | undefined;

async function serve(getModel: () => StatusPageModel | Promise<StatusPageModel>, options: Partial<StatusPageHandlerOptions> = {}): Promise<string> {
  const handler = createStatusPageHandler(getModel, { enabled: true, page: PAGE, ...options });
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())));
});

it('serves the page, the JSON and the feed with their types, an ETag and Cache-Control: max-age=30', async () => {
  const base = await serve(twoIncidents);
  const page = await fetch(`${base}/status`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('cache-control')).toBe('max-age=30');
  const body = await page.text();
  expect(body).toBe(renderStatusPageHtml(twoIncidents(), PAGE));
  expect(page.headers.get('etag')).toBe(computeEtag(body));
  expect(page.headers.get('content-security-policy')).toBe(STATUS_PAGE_CSP);
  const json = await fetch(`${base}/status.json?x=1`);
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(json.headers.get('access-control-allow-origin')).toBe('*');
  expect((await json.json())).toMatchObject({ page: { name: 'Acme service status' } });
  const feed = await fetch(`${base}/status/feed.atom`);
  expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(await feed.text()).toMatch(/^<\?xml/);
  expect(new Set([page, json, feed].map((r) => r.headers.get('etag'))).size).toBe(3);
});

it('answers 304 without a body to a matching If-None-Match (weak or in a list, or *), 200 otherwise', async () => {
  const base = await serve(twoIncidents);
  const first = await fetch(`${base}/status`);
  const etag = first.headers.get('etag') ?? '';
  await first.text();
  for (const value of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
    const again = await fetch(`${base}/status`, { headers: { 'If-None-Match': value } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('max-age=30');
    expect(await again.text()).toBe('');
  }
  const stale = await fetch(`${base}/status`, { headers: { 'If-None-Match': '"stale"' } });
  expect(stale.status).toBe(200);
  expect(etagMatches(undefined, etag)).toBe(false);
});

it('answers HEAD with the headers of GET and no body', async () => {
  const base = await serve(twoIncidents);
  const get = await fetch(`${base}/status.json`);
  const getBody = await get.arrayBuffer();
  const head = await fetch(`${base}/status.json`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
  expect(head.headers.get('content-length')).toBe(String(getBody.byteLength));
  expect((await head.arrayBuffer()).byteLength).toBe(0);
});

it('answers 404 on every path while the page is off, and for paths it does not know; 405 for other methods', async () => {
  const off = await serve(twoIncidents, { enabled: false });
  for (const path of ['/status', '/status.json', '/status/feed.atom']) {
    const res = await fetch(`${off}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Payment');
  }
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  const on = await serve(twoIncidents);
  expect((await fetch(`${on}/status/other`)).status).toBe(404);
  const post = await fetch(`${on}/status`, { method: 'POST', body: 'x' });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
});

it('reads the model once for a burst of readers, again once memoMs has passed; same content, same ETag', async () => {
  let now = 1_000_000;
  let reads = 0;
  const base = await serve(
    () => {
      reads += 1;
      return twoIncidents();
    },
    { now: () => now, memoMs: 1000 },
  );
  const burst = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/status`).then(async (r) => [r.headers.get('etag'), await r.text()] as const)));
  expect(reads).toBe(1);
  now += 1000;
  const later = await fetch(`${base}/status`);
  expect(reads).toBe(2);
  // A new read of unchanged content: the same validator, so caches keep what they have.
  expect(later.headers.get('etag')).toBe(burst[0]?.[0]);
});

it('changes the ETag when something is published', async () => {
  let model = twoIncidents();
  let now = 0;
  const base = await serve(() => model, { now: () => now });
  const before = (await fetch(`${base}/status`)).headers.get('etag');
  model = twoIncidents();
  model.incidents[1]?.updates.push({ id: 's94', body: 'Payments work again.', createdAt: '2026-12-07T11:00:00Z' });
  now += 5000;
  const after = await fetch(`${base}/status`, { headers: { 'If-None-Match': before ?? '' } });
  expect(after.status).toBe(200);
  expect(await after.text()).toContain('Payments work again.');
});

it('answers 503 with Retry-After while the model cannot be read, caches nothing, and recovers', async () => {
  let failing = true;
  const errors: unknown[] = [];
  const base = await serve(
    () => {
      if (failing) throw new Error('database is locked');
      return twoIncidents();
    },
    { onError: (e) => errors.push(e) },
  );
  const res = await fetch(`${base}/status`);
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.text()).not.toContain('database');
  expect(errors).toHaveLength(1);
  failing = false;
  expect((await fetch(`${base}/status`)).status).toBe(200);
});

it('without a configured address, links to the host it was asked on (https behind a proxy that says so), refusing a forged host', async () => {
  const base = await serve(twoIncidents, { page: { timeZone: 'UTC' } });
  const port = new URL(base).port;
  const direct = (await (await fetch(`${base}/status.json`)).json()) as { page: { url: string } };
  expect(direct.page.url).toBe(`http://127.0.0.1:${port}/status`);
  const proxied = await new Promise<string>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/status.json', headers: { Host: 'status.acme.example', 'X-Forwarded-Proto': 'https' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
  expect((JSON.parse(proxied) as { page: { url: string } }).page.url).toBe('https://status.acme.example/status');
  const forged = await new Promise<string>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/status.json', headers: { Host: 'evil"><script>' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
  expect((JSON.parse(forged) as { page: { url: string } }).page.url).toBe('http://localhost/status');
});

it('allows exactly its inline stylesheet by hash and nothing else', () => {
  const html = renderStatusPageHtml(twoIncidents(), PAGE);
  const css = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
  expect(STATUS_PAGE_CSP).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  expect(STATUS_PAGE_CSP).toContain("default-src 'none'");
});

it('lists a GET and a HEAD route for each of the three paths', () => {
  const handler = createStatusPageHandler(twoIncidents, { enabled: true, page: PAGE });
  expect(statusPageRoutes(handler).map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /status', 'HEAD /status', 'GET /status.json', 'HEAD /status.json', 'GET /status/feed.atom', 'HEAD /status/feed.atom',
  ]);
});
