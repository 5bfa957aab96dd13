/**
 * The status page's colours, light and dark (the reader's system setting picks), and the WCAG 2
 * contrast ratio. The stylesheet is written from these palettes, and textPairs lists every pair of
 * text colour and the background it is drawn on, so a test can hold each to AA (4.5:1 for body text).
 */
import type { PublicState } from './status-page-model';

export interface Palette {
  page: string;
  text: string;
  muted: string;
  card: string;
  border: string;
  link: string;
  badges: Record<PublicState, { fg: string; bg: string }>;
}

export const LIGHT: Palette = {
  page: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  card: '#f6f8fa',
  border: '#d0d7de',
  link: '#0550ae',
  badges: {
    investigating: { fg: '#82071e', bg: '#ffebe9' },
    identified: { fg: '#6a3b00', bg: '#fff5c2' },
    monitoring: { fg: '#0a3069', bg: '#ddf4ff' },
    resolved: { fg: '#0f5323', bg: '#dafbe1' },
  },
};

export const DARK: Palette = {
  page: '#0d1117',
  text: '#e6edf3',
  muted: '#9da7b3',
  card: '#161b22',
  border: '#30363d',
  link: '#79c0ff',
  badges: {
    investigating: { fg: '#ffdcd7', bg: '#67060c' },
    identified: { fg: '#f8e3a1', bg: '#4b2900' },
    monitoring: { fg: '#cae8ff', bg: '#0c2d6b' },
    resolved: { fg: '#aff5b4', bg: '#033a16' },
  },
};

/** Every text colour on the page with the background it sits on. */
export function textPairs(p: Palette): Array<{ name: string; fg: string; bg: string }> {
  return [
    { name: 'text on page', fg: p.text, bg: p.page },
    { name: 'muted on page', fg: p.muted, bg: p.page },
    { name: 'link on page', fg: p.link, bg: p.page },
    { name: 'text on card', fg: p.text, bg: p.card },
    { name: 'muted on card', fg: p.muted, bg: p.card },
    { name: 'link on card', fg: p.link, bg: p.card },
    ...Object.entries(p.badges).map(([state, b]) => ({ name: `${state} badge`, fg: b.fg, bg: b.bg })),
  ];
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => channel(parseInt(h ?? '0', 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, from 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function paletteRules(p: Palette): string {
  const badges = Object.entries(p.badges)
    .map(([state, b]) => `.state-${state}{color:${b.fg};background:${b.bg}}`)
    .join('');
  return (
    `body{color:${p.text};background:${p.page}}` +
    `a{color:${p.link}}` +
    `.muted,time{color:${p.muted}}` +
    `.incident{background:${p.card};border-color:${p.border}}` +
    `.updates li{border-color:${p.border}}` +
    badges
  );
}

/**
 * The whole stylesheet (inline, so the page is one request; allowed by hash in the page's
 * Content-Security-Policy). Body text at 1rem and fluid widths: readable on a phone without zooming.
 */
export const STATUS_PAGE_CSS =
  ':root{color-scheme:light dark}' +
  '*{box-sizing:border-box}' +
  'body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}' +
  'main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem 3rem}' +
  'h1{font-size:1.75rem;line-height:1.2;margin:0 0 .5rem}' +
  'h2{font-size:1.25rem;margin:2rem 0 .75rem}' +
  'h3{font-size:1.125rem;margin:0;overflow-wrap:anywhere}' +
  'p{margin:.25rem 0}' +
  '.incident{border:1px solid;border-radius:.5rem;padding:1rem;margin:0 0 1rem}' +
  '.incident header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;margin-bottom:.5rem}' +
  '.state{display:inline-block;font-size:.875rem;font-weight:600;padding:.125rem .625rem;border-radius:999px}' +
  '.updates{list-style:none;margin:0;padding:0}' +
  '.updates li{border-top:1px solid;padding:.75rem 0 0;margin-top:.75rem}' +
  '.updates li:first-child{border-top:0;margin-top:0;padding-top:0}' +
  '.body{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0 0}' +
  // Times and the page's small print share one size, so a line never mixes two.
  '.muted,.updates time{font-size:.875rem}' +
  '.updates time{display:block}' +
  '.resolved-at{margin:0 0 .75rem}' +
  'footer{margin-top:2rem;font-size:.875rem}' +
  paletteRules(LIGHT) +
  `@media (prefers-color-scheme:dark){${paletteRules(DARK)}}`;
