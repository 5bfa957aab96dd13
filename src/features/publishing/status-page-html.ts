/**
 * GET /status as HTML: one self-contained page, no JavaScript, readable on a phone (viewport meta,
 * fluid layout, 1rem text), AA contrast in light and dark (status-page-theme.ts), `lang` set, one
 * `h1`. Every statement is shown with its exact text (escaped, line breaks kept) and its time in the
 * configured zone, with the ISO time in `<time datetime>`; open incidents first, newest first.
 */
import { publicTimeText, isoTime } from './time-text';
import {
  isResolved,
  orderedIncidents,
  orderedUpdates,
  PUBLIC_STATE_LABELS,
  type StatusPageIncident,
  type StatusPageModel,
  type StatusPageOptions,
} from './status-page-model';
import { STATUS_PAGE_CSS } from './status-page-theme';

// Numeric references, valid in HTML and XML alike (and no file outside slack/ writes Slack's named escapes).
const HTML_ESCAPES: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: whatever a person wrote is shown, never interpreted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** An id usable in `id=` and `#fragment`: letters, digits, `-` and `_` only. */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Where the page's three representations live, from the page's own URL. */
export function statusPageUrls(pageUrl: string): { page: string; json: string; feed: string } {
  const page = pageUrl.replace(/\/+$/, '');
  return { page, json: `${page}.json`, feed: `${page}/feed.atom` };
}

function time(iso: string, timeZone: string): string {
  return `<time datetime="${escapeHtml(isoTime(iso))}">${escapeHtml(publicTimeText(iso, timeZone))}</time>`;
}

function incidentHtml(incident: StatusPageIncident, timeZone: string): string {
  const id = anchorId('incident', incident.id);
  const updates = orderedUpdates(incident)
    .map((u) => `<li id="${anchorId('update', u.id)}">${time(u.createdAt, timeZone)}<p class="body">${escapeHtml(u.body)}</p></li>`)
    .join('');
  const resolvedAt = isResolved(incident) && incident.resolvedAt ? `<p class="muted resolved-at">Resolved ${time(incident.resolvedAt, timeZone)}</p>` : '';
  return (
    `<article class="incident" id="${id}" aria-labelledby="${id}-name">` +
    `<header><h3 id="${id}-name">${escapeHtml(incident.publicName)}</h3>` +
    `<span class="state state-${incident.state}">${PUBLIC_STATE_LABELS[incident.state]}</span></header>` +
    resolvedAt +
    `<ol class="updates">${updates}</ol>` +
    `</article>`
  );
}

export function renderStatusPageHtml(model: StatusPageModel, options: StatusPageOptions): string {
  const { timeZone } = options;
  const lang = options.lang ?? 'en';
  const urls = statusPageUrls(options.pageUrl);
  const incidents = orderedIncidents(model);
  const open = incidents.filter((i) => !isResolved(i));
  const resolved = incidents.filter(isResolved);
  const title = escapeHtml(model.title);
  const intro = model.intro?.trim() ? `<p>${escapeHtml(model.intro.trim())}</p>` : '';
  const current =
    `<section aria-labelledby="current"><h2 id="current">Current incidents</h2>` +
    (open.length ? open.map((i) => incidentHtml(i, timeZone)).join('') : '<p>There are no incidents to report.</p>') +
    `</section>`;
  const past = resolved.length
    ? `<section aria-labelledby="resolved"><h2 id="resolved">Recently resolved</h2>${resolved.map((i) => incidentHtml(i, timeZone)).join('')}</section>`
    : '';
  return (
    `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title>` +
    (model.intro?.trim() ? `<meta name="description" content="${escapeHtml(model.intro.trim())}">` : '') +
    `<link rel="alternate" type="application/atom+xml" title="${title} (Atom feed)" href="${escapeHtml(urls.feed)}">` +
    `<link rel="alternate" type="application/json" href="${escapeHtml(urls.json)}">` +
    `<style>${STATUS_PAGE_CSS}</style></head>` +
    `<body><main><header><h1>${title}</h1>${intro}<p class="muted">Last updated ${time(model.generatedAt, timeZone)}</p></header>` +
    current +
    past +
    `<footer class="muted"><a href="${escapeHtml(urls.feed)}">Follow updates (Atom feed)</a> · <a href="${escapeHtml(urls.json)}">JSON</a></footer>` +
    `</main></body></html>\n`
  );
}
