/**
 * GET /status, /status.json and /status/feed.atom on the real bot's HTTP server, after a team
 * published through Slack (test/e2e/helpers/status-scenario.ts): exactly the published text under
 * each public name, newest first; never an internal title, a private crisis's details, a drill or
 * what was published elsewhere; the feed with RFC 4287's required elements; ETag, 304, HEAD; and
 * CRISIS_STATUS_PAGE=off answering 404.
 */
import { startHarness, type Harness } from '../helpers/harness';
import { TRICKY_TEXT } from '../helpers/status-page-fixture';
import { childElements, parseXml, textOf, type XmlElement } from '../helpers/xml';
import { buildStatusScenario, INTERNAL_WORDS, SCENARIO_ENV } from './helpers/status-scenario';
import { crisisCommand } from './statement-helpers';
import { ALICE } from '../helpers/harness';

jest.setTimeout(60_000);

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({ env: SCENARIO_ENV });
  await buildStatusScenario(h);
  base = `http://127.0.0.1:${h.bot.port}`;
});

afterAll(async () => {
  await h.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

function one(el: XmlElement, name: string): XmlElement {
  const found = childElements(el, name);
  expect(found).toHaveLength(1);
  return found[0] as XmlElement;
}

it('/status.json shows exactly the published text under each public name, newest first, and nothing else', async () => {
  const res = await get('/status.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('max-age=30');
  const body = (await res.json()) as { page: { name: string }; incidents: Array<{ name: string; status: string; incident_updates: Array<{ body: string; created_at: string }> }> };
  expect(body.page.name).toBe('Acme service status');
  expect(body.incidents.map((i) => [i.name, i.status])).toEqual([
    ['Payment problems', 'identified'],
    ['Delayed deliveries', 'resolved'],
  ]);
  expect(body.incidents[0]?.incident_updates.map((u) => [u.body, u.created_at])).toEqual([
    ['A fix is being rolled out; payments are recovering.', '2026-12-07T10:40:00.000Z'],
    [TRICKY_TEXT, '2026-12-07T09:50:00.000Z'],
    ['We are looking into failed card payments.', '2026-12-07T09:05:00.000Z'],
  ]);
  const raw = JSON.stringify(body);
  for (const word of INTERNAL_WORDS) expect(raw).not.toContain(word);
  expect(raw).not.toContain('Recorded for the press only');
  expect(raw).not.toContain('Practice statement');
});

it('/status is the HTML page: one h1, lang set, the public names and the exact text, nothing internal', async () => {
  const res = await get('/status');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await res.text();
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(html).toMatch(/<html lang="en"/);
  expect(html).toContain('Payment problems');
  expect(html).toContain('Delayed deliveries');
  expect(html).toContain('Card payments fail for some customers &#60;b&#62;not bold&#60;/b&#62; &#38;');
  expect(html).not.toContain('<script');
  for (const word of INTERNAL_WORDS) expect(html).not.toContain(word);
  expect(html).not.toContain('Practice statement');
});

it('/status/feed.atom is Atom with the required elements, one entry per statement on the page', async () => {
  const res = await get('/status/feed.atom');
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await res.text();
  const feed = parseXml(xml);
  expect(feed.name).toBe('feed');
  expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
  for (const name of ['id', 'title', 'updated']) expect(textOf(one(feed, name)).length).toBeGreaterThan(0);
  expect(textOf(one(one(feed, 'author'), 'name'))).toBe('Acme service status');
  expect(childElements(feed, 'link').find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${base}/status/feed.atom`);
  const entries = childElements(feed, 'entry');
  expect(entries.map((e) => textOf(one(e, 'title')))).toEqual(['Payment problems', 'Payment problems', 'Payment problems', 'Delayed deliveries', 'Delayed deliveries']);
  for (const e of entries) for (const name of ['id', 'updated', 'content']) expect(childElements(e, name)).toHaveLength(1);
  expect(textOf(one(entries[1] as XmlElement, 'content'))).toBe(TRICKY_TEXT);
  for (const word of INTERNAL_WORDS) expect(xml).not.toContain(word);
});

it('answers If-None-Match with 304 and HEAD with the headers only; a new public name changes the page and its ETag', async () => {
  const first = await get('/status');
  const etag = first.headers.get('etag') ?? '';
  expect(etag).toMatch(/^".+"$/);
  expect((await get('/status', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  const head = await get('/status.json', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
  expect(await head.text()).toBe('');
  // A renamed crisis reads under its new name once the page's one-second read has passed.
  const payments = h.bot.store.crises.listOpen().find((c) => c.isPrivate && c.type === 'outage');
  await crisisCommand(h, ALICE, payments?.channelId ?? '', 'public-name Card payment problems');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const renamed = await get('/status', { headers: { 'If-None-Match': etag } });
  expect(renamed.status).toBe(200);
  expect(await renamed.text()).toContain('Card payment problems');
});

it('CRISIS_STATUS_PAGE=off answers 404 on every path', async () => {
  const off = await startHarness({ env: { CRISIS_STATUS_PAGE: 'off' } });
  try {
    for (const path of ['/status', '/status.json', '/status/feed.atom']) {
      const res = await fetch(`http://127.0.0.1:${off.bot.port}${path}`);
      expect(res.status).toBe(404);
      await res.text();
    }
  } finally {
    await off.close();
  }
});
