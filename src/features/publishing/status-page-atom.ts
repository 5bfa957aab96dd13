/**
 * GET /status/feed.atom: the page as an Atom feed (RFC 4287), one entry per published statement,
 * newest first. The feed and each entry carry the required id, title and updated, the feed an
 * author (the page's title) so no entry needs its own, and each entry its exact text as
 * `<content type="text">`. Ids are name-based UUIDs (RFC 4122 version 5) of the page id and the
 * statement's id: they stay the same whichever domain the page is later served from, so feed
 * readers never show an old statement as new.
 */
import { createHash } from 'node:crypto';
import { isoTime } from './time-text';
import { anchorId, statusPageUrls } from './status-page-html';
import { orderedIncidents, orderedUpdates, type StatusPageModel, type StatusPageOptions } from './status-page-model';

/** RFC 4122's namespace for URLs; the names hashed under it are `crisis-bot:status:<page id>…`. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A version 5 (SHA-1, name-based) UUID as a URN. */
export function nameBasedUrn(name: string): string {
  const ns = Buffer.from(NAMESPACE_URL.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone
 * surrogates) are dropped; everything else is kept and escaped, so the text stays the statement's.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    // Numeric references (as the HTML page writes them).
    .replace(/&/g, '&#38;')
    .replace(/</g, '&#60;')
    .replace(/>/g, '&#62;')
    .replace(/"/g, '&quot;')
    // A parser turns a raw CR (or CR LF) into LF; written as a reference it reaches the reader as sent.
    .replace(/\r/g, '&#13;');
}

const latest = (times: string[]): string => times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

export function renderStatusPageAtom(model: StatusPageModel, options: StatusPageOptions): string {
  const pageId = options.pageId ?? 'status';
  const urls = statusPageUrls(options.pageUrl);
  const entries = orderedIncidents(model)
    .flatMap((incident) => orderedUpdates(incident).map((update) => ({ incident, update })))
    .sort((a, b) => Date.parse(b.update.createdAt) - Date.parse(a.update.createdAt));
  // Never older than its newest entry, whatever the model says.
  const updated = latest([model.generatedAt, ...entries.map((e) => e.update.createdAt)]);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.lang ?? 'en')}">`,
    `<id>${nameBasedUrn(`crisis-bot:status:${pageId}`)}</id>`,
    `<title type="text">${escapeXml(model.title)}</title>`,
    ...(model.intro?.trim() ? [`<subtitle type="text">${escapeXml(model.intro.trim())}</subtitle>`] : []),
    `<updated>${isoTime(updated)}</updated>`,
    `<author><name>${escapeXml(model.title)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(urls.feed)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(urls.page)}"/>`,
    '<generator>crisis-bot</generator>',
    ...entries.map(({ incident, update }) =>
      [
        '<entry>',
        `<id>${nameBasedUrn(`crisis-bot:status:${pageId}:update:${update.id}`)}</id>`,
        `<title type="text">${escapeXml(incident.publicName)}</title>`,
        `<updated>${isoTime(update.createdAt)}</updated>`,
        `<published>${isoTime(update.createdAt)}</published>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(`${urls.page}#${anchorId('update', update.id)}`)}"/>`,
        `<content type="text">${escapeXml(update.body)}</content>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}
