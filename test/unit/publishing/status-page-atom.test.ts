/** GET /status/feed.atom: well-formed XML and RFC 4287's required elements, one entry per statement, the exact text. */
import { escapeXml, nameBasedUrn, renderStatusPageAtom } from '../../../src/features/publishing/status-page-atom';
import type { StatusPageModel } from '../../../src/features/publishing/status-page-model';
import { childElements, parseXml, textOf, type XmlElement } from '../../helpers/xml';
import { PAGE, TRICKY_TEXT, twoIncidents } from '../../helpers/status-page-fixture';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function one(el: XmlElement, name: string): XmlElement {
  const found = childElements(el, name);
  expect(found).toHaveLength(1);
  return found[0] as XmlElement;
}

const feed = parseXml(renderStatusPageAtom(twoIncidents(), PAGE));

it('is an Atom feed with the feed-level elements RFC 4287 requires (id, title, updated, author)', () => {
  expect(feed.name).toBe('feed');
  expect(feed.attrs.xmlns).toBe(ATOM);
  expect(feed.attrs['xml:lang']).toBe('en');
  expect(textOf(one(feed, 'id'))).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(textOf(one(feed, 'title'))).toBe('Acme service status');
  expect(textOf(one(feed, 'updated'))).toMatch(RFC3339);
  expect(textOf(one(one(feed, 'author'), 'name'))).toBe('Acme service status');
  // RFC 4287 §4.1.1: a feed should have a rel="self" link, and at most one alternate per type.
  const links = childElements(feed, 'link').map((l) => [l.attrs.rel, l.attrs.href]);
  expect(links).toEqual([
    ['self', 'https://status.example.com/status/feed.atom'],
    ['alternate', 'https://status.example.com/status'],
  ]);
});

it('has one entry per published statement, newest first, each with id, title, updated and its exact text', () => {
  const entries = childElements(feed, 'entry');
  expect(entries).toHaveLength(5);
  const ids = entries.map((e) => textOf(one(e, 'id')));
  expect(new Set(ids).size).toBe(5);
  expect(ids.every((id) => id.startsWith('urn:uuid:'))).toBe(true);
  expect(ids).not.toContain(textOf(one(feed, 'id')));
  const times = entries.map((e) => textOf(one(e, 'updated')));
  times.forEach((t) => expect(t).toMatch(RFC3339));
  expect([...times].sort().reverse()).toEqual(times);
  expect(entries.map((e) => textOf(one(e, 'title')))).toEqual(['Payment problems', 'Payment problems', 'Payment problems', 'Delayed deliveries', 'Delayed deliveries']);
  const contents = entries.map((e) => one(e, 'content'));
  contents.forEach((c) => expect(c.attrs.type).toBe('text'));
  expect(textOf(contents[1] as XmlElement)).toBe(TRICKY_TEXT);
  // The feed is never older than its newest entry.
  expect(Date.parse(textOf(one(feed, 'updated')))).toBeGreaterThanOrEqual(Date.parse(times[0] ?? ''));
});

it('keeps ids when the page moves to another domain, so readers do not see old statements as new', () => {
  const moved = parseXml(renderStatusPageAtom(twoIncidents(), { ...PAGE, pageUrl: 'https://status.acme.example/status' }));
  const idsOf = (f: XmlElement) => [textOf(one(f, 'id')), ...childElements(f, 'entry').map((e) => textOf(one(e, 'id')))];
  expect(idsOf(moved)).toEqual(idsOf(feed));
  expect(nameBasedUrn('x')).toBe(nameBasedUrn('x'));
  expect(nameBasedUrn('x')).not.toBe(nameBasedUrn('y'));
});

it('stays well-formed whatever the text holds, and gives the reader the text as sent', () => {
  const nasty = 'a < b && c > d ]]> <![CDATA[x]]> "q" \'s\'\r\nline two\ttab — ünïcødé 🚚';
  const model: StatusPageModel = {
    title: 'Status & <more>',
    generatedAt: '2026-12-07T10:00:00Z',
    incidents: [{ id: 'x', publicName: 'Names <with> & "marks"', state: 'investigating', updatedAt: '2026-12-07T10:00:00Z', updates: [{ id: 'u1', body: nasty, createdAt: '2026-12-07T10:00:00Z' }] }],
  };
  const parsed = parseXml(renderStatusPageAtom(model, PAGE));
  const entry = one(parsed, 'entry');
  expect(textOf(one(entry, 'content'))).toBe(nasty);
  expect(textOf(one(entry, 'title'))).toBe('Names <with> & "marks"');
  expect(textOf(one(parsed, 'title'))).toBe('Status & <more>');
});

it('drops only the characters XML 1.0 cannot carry', () => {
  expect(escapeXml('bell\u0007 nul\u0000 ok')).toBe('bell nul ok');
  expect(escapeXml('lone \uD800 surrogate, pair 🚚')).toBe('lone  surrogate, pair 🚚');
  expect(() => parseXml(`<a>${escapeXml('\u0001\u001F\uFFFE')}</a>`)).not.toThrow();
});

it('is a valid feed with no entries when nothing was published', () => {
  const empty = parseXml(renderStatusPageAtom({ title: 'Service status', generatedAt: '2026-12-07T10:00:00Z', incidents: [] }, PAGE));
  expect(childElements(empty, 'entry')).toEqual([]);
  expect(textOf(one(empty, 'updated'))).toBe('2026-12-07T10:00:00.000Z');
});

it('the test parser refuses what is not well-formed', () => {
  expect(() => parseXml('<a><b></a></b>')).toThrow();
  expect(() => parseXml('<a>x & y</a>')).toThrow();
  expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
  expect(() => parseXml('<a/><b/>')).toThrow();
  expect(() => parseXml('<a>')).toThrow();
});
