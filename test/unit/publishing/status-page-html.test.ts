/** GET /status's HTML: one h1, lang, viewport, no script, exact escaped text, newest first, zoned times with ISO. */
import { escapeHtml, renderStatusPageHtml } from '../../../src/features/publishing/status-page-html';
import { PAGE, TRICKY_TEXT, twoIncidents } from '../../helpers/status-page-fixture';

const html = renderStatusPageHtml(twoIncidents(), PAGE);

it('is a whole document in the page language, readable on a phone, with exactly one h1', () => {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toMatch(/<html lang="en">/);
  expect(renderStatusPageHtml(twoIncidents(), { ...PAGE, lang: 'fr' })).toMatch(/<html lang="fr">/);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(html).toContain('<meta charset="utf-8">');
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(html).toContain('<h1>Acme service status</h1>');
  expect(html).toContain('<title>Acme service status</title>');
});

it('runs no script: no <script>, no event handler attribute, no javascript: link', () => {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\son\w+=/i);
  expect(html).not.toMatch(/javascript:/i);
});

it('shows each statement with its exact text escaped, line break kept by the stylesheet', () => {
  expect(html).toContain(`<p class="body">${escapeHtml(TRICKY_TEXT)}</p>`);
  expect(escapeHtml(TRICKY_TEXT)).toBe('Card payments fail for some customers &#60;b&#62;not bold&#60;/b&#62; &#38; &quot;quoted&quot; &#39;text&#39;.\nWe will update you by 11:00.');
  expect(html).not.toContain('<b>not bold</b>');
  expect(html).toMatch(/\.body\{white-space:pre-wrap/);
});

it('puts open incidents first, and each incident’s statements newest first', () => {
  const order = ['Payment problems', 'Delayed deliveries'].map((name) => html.indexOf(`>${name}</h3>`));
  expect(order[0]).toBeGreaterThan(0);
  expect(order[0]).toBeLessThan(order[1] ?? 0);
  const positions = ['s93', 's92', 's91'].map((id) => html.indexOf(`id="update-${id}"`));
  expect(positions.every((p) => p > 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(html.indexOf('id="update-s72"')).toBeLessThan(html.indexOf('id="update-s71"'));
  expect(html.indexOf('<h2 id="current">')).toBeLessThan(html.indexOf('<h2 id="resolved">'));
});

it('writes times in the configured zone, with the ISO time in <time datetime>', () => {
  expect(html).toContain('<time datetime="2026-12-07T10:40:00.000Z">7 Dec 2026, 11:40 CET</time>');
  const utc = renderStatusPageHtml(twoIncidents(), { ...PAGE, timeZone: 'UTC' });
  expect(utc).toContain('<time datetime="2026-12-07T10:40:00.000Z">7 Dec 2026, 10:40 UTC</time>');
  const ny = renderStatusPageHtml(twoIncidents(), { ...PAGE, timeZone: 'America/New_York' });
  expect(ny).toContain('7 Dec 2026, 05:40 GMT-5');
});

it('shows the state of each incident as words, not colour alone, and when a resolved one ended', () => {
  expect(html).toContain('<span class="state state-identified">Identified</span>');
  expect(html).toContain('<span class="state state-resolved">Resolved</span>');
  expect(html).toContain('<p class="muted resolved-at">Resolved <time datetime="2026-12-05T16:00:00.000Z">5 Dec 2026, 17:00 CET</time></p>');
});

it('escapes the title, intro and public names too, and ids stay plain', () => {
  const model = twoIncidents();
  model.title = 'Acme <status>';
  model.intro = 'Tom & Jerry "live"';
  const first = model.incidents[1];
  if (!first) throw new Error('fixture');
  first.publicName = '<img src=x onerror=alert(1)>';
  first.id = 'a b"c';
  const out = renderStatusPageHtml(model, PAGE);
  expect(out).toContain('<h1>Acme &#60;status&#62;</h1>');
  expect(out).toContain('<p>Tom &#38; Jerry &quot;live&quot;</p>');
  expect(out).toContain('&#60;img src=x onerror=alert(1)&#62;</h3>');
  expect(out).not.toContain('<img');
  expect(out).toContain('id="incident-a-b-c"');
});

it('says so when there is nothing to report, and shows no resolved section without resolved incidents', () => {
  const out = renderStatusPageHtml({ title: 'Service status', generatedAt: '2026-12-07T10:00:00Z', incidents: [] }, PAGE);
  expect(out).toContain('<p>There are no incidents to report.</p>');
  expect(out).not.toContain('Recently resolved');
  expect(out.match(/<h1[\s>]/g)).toHaveLength(1);
});

it('links the feed and the JSON from the page URL', () => {
  expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Acme service status (Atom feed)" href="https://status.example.com/status/feed.atom">');
  expect(html).toContain('href="https://status.example.com/status.json"');
});
