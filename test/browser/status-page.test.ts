/**
 * The status page as a customer sees it, served by the real bot after a team published through
 * Slack (test/e2e/helpers/status-scenario.ts), in headless Chromium: the public names, the statements in
 * order (newest first) with their exact text, nothing internal, readable on a phone (no sideways
 * scrolling, 16 px text) and on a desktop, in light and dark, every text at AA contrast as the
 * browser computes it. Screenshots at phone (390×844) and desktop (1280×800) widths go to a temp
 * folder, and also to STATUS_PAGE_SCREENSHOTS_DIR when it is set, for people to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, type LaunchedBrowser } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';
import { decodePngHeader } from '../helpers/png';
import { TRICKY_TEXT } from '../helpers/status-page-fixture';
import { tempDir } from '../helpers/temp-files';
import { buildStatusScenario, INTERNAL_WORDS, SCENARIO_ENV } from '../e2e/helpers/status-scenario';

jest.setTimeout(120_000);

// What the checks below use of the page's own globals (they run in Chromium); declared here, in this
// module only, as the project's TypeScript has no DOM library.
interface PageNode {
  nodeType: number;
  textContent: string | null;
}
interface PageElement extends PageNode {
  tagName: string;
  className: string;
  localName: string;
  namespaceURI: string | null;
  parentElement: PageElement | null;
  childNodes: ArrayLike<PageNode>;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageXmlDocument {
  documentElement: PageElement;
  getElementsByTagName(name: string): ArrayLike<PageElement>;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<PageElement>;
}
declare const document: {
  scripts: ArrayLike<PageElement>;
  body: PageElement;
  documentElement: PageElement & { scrollWidth: number; clientWidth: number };
  querySelector(selector: string): PageElement | null;
};
declare const Node: { TEXT_NODE: number };
declare function getComputedStyle(element: PageElement): { fontSize: string; color: string; backgroundColor: string };
declare class DOMParser {
  parseFromString(text: string, type: string): PageXmlDocument;
}

/** Words of a crisis's inside that a customer must never read (none of them is in the model). */
const INTERNAL = ['SEV', 'sev1', '#crisis', 'Slack', 'undefined', 'null', '[object', ...INTERNAL_WORDS, 'Practice statement', 'press only'];

describeWithBrowser('the status page in a real browser', () => {
  let h: Harness;
  let base: string;
  let browser: LaunchedBrowser;
  let page: Page;
  let shots: string;

  beforeAll(async () => {
    h = await startHarness({ env: SCENARIO_ENV });
    await buildStatusScenario(h);
    base = `http://127.0.0.1:${h.bot.port}`;
    browser = await launchChromium({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    shots = tempDir('status-page-shots-');
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function screenshot(name: string): Promise<void> {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const png = decodePngHeader(fs.readFileSync(file));
    const viewport = page.viewportSize();
    expect(png.width).toBe((viewport?.width ?? 0) * 2);
    const keep = process.env.STATUS_PAGE_SCREENSHOTS_DIR;
    if (keep) {
      fs.mkdirSync(keep, { recursive: true });
      fs.copyFileSync(file, path.join(keep, `${name}.png`));
    }
  }

  it('shows the public names and each statement’s exact text, newest first, and nothing internal', async () => {
    const response = await page.goto(`${base}/status`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Acme service status']);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('article h3').allInnerTexts()).toEqual(['Payment problems', 'Delayed deliveries']);
    const payment = page.locator('article', { has: page.locator('h3', { hasText: 'Payment problems' }) });
    expect(await payment.locator('.state').innerText()).toBe('Identified');
    expect(await payment.locator('.body').allInnerTexts()).toEqual(['A fix is being rolled out; payments are recovering.', TRICKY_TEXT, 'We are looking into failed card payments.']);
    expect(await payment.locator('time').allInnerTexts()).toEqual(['7 Dec 2026, 11:40 CET', '7 Dec 2026, 10:50 CET', '7 Dec 2026, 10:05 CET']);
    const deliveries = page.locator('article', { has: page.locator('h3', { hasText: 'Delayed deliveries' }) });
    expect(await deliveries.locator('.body').allInnerTexts()).toEqual(['All delayed parcels have now been delivered.', 'Some parcels are delayed by a day.']);
    const text = await page.locator('body').innerText();
    for (const word of INTERNAL) expect(text).not.toContain(word);
    // Markup in a statement is shown as text, never rendered.
    expect(await page.locator('article b').count()).toBe(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  });

  it('reads on a phone: no sideways scrolling, body text at 16 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/status`, { waitUntil: 'load' });
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      fontSize: getComputedStyle(document.querySelector('.body') as PageElement).fontSize,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.fontSize).toBe('16px');
    await screenshot('status-phone-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot('status-phone-dark');
  });

  it('reads on a desktop, in light and dark', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/status`, { waitUntil: 'load' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await screenshot('status-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await screenshot('status-desktop-dark');
  });

  it.each(['light', 'dark'] as const)('every text the browser draws in %s has at least 4.5:1 contrast against what is behind it', async (scheme) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${base}/status`, { waitUntil: 'load' });
    const failures = await page.evaluate(() => {
      const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r = 0, g = 0, b = 0]: number[]): number => {
        const f = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: PageElement | null): string => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          const alpha = rgb(bg)[3];
          if (bg !== 'transparent' && alpha !== 0) return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const out: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
        if (!own) continue;
        const fg = getComputedStyle(el).color;
        const bg = background(el);
        const [a, b] = [lum(rgb(fg)), lum(rgb(bg))].sort((x, y) => y - x) as [number, number];
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) out.push(`${el.tagName}.${el.className} ${fg} on ${bg}: ${ratio.toFixed(2)}`);
      }
      return out;
    });
    expect(failures).toEqual([]);
  });

  it('serves a feed the browser’s own XML parser reads as Atom', async () => {
    const xml = await (await fetch(`${base}/status/feed.atom`)).text();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        entries: doc.getElementsByTagNameNS(ns, 'entry').length,
        firstContent: doc.getElementsByTagNameNS(ns, 'content')[1]?.textContent,
      };
    }, xml);
    expect(parsed).toEqual({ errors: 0, root: 'http://www.w3.org/2005/Atom feed', entries: 5, firstContent: TRICKY_TEXT });
  });
});
