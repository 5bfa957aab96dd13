/** The page's colours meet WCAG AA: every text colour against the background it is drawn on, light and dark. */
import { contrastRatio, DARK, LIGHT, relativeLuminance, STATUS_PAGE_CSS, textPairs, type Palette } from '../../../src/features/publishing/status-page-theme';

it('computes the WCAG 2 contrast ratio', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  // The well-known AA borderline: #767676 on white is 4.54:1, #777777 falls just short.
  expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
  expect(() => relativeLuminance('red')).toThrow('#rrggbb');
});

it.each([
  ['light', LIGHT],
  ['dark', DARK],
] as Array<[string, Palette]>)('every %s text colour has at least 4.5:1 against its background', (_name, palette) => {
  const failing = textPairs(palette)
    .map((p) => ({ ...p, ratio: Number(contrastRatio(p.fg, p.bg).toFixed(2)) }))
    .filter((p) => p.ratio < 4.5);
  expect(failing).toEqual([]);
  // Every badge is checked (one per public state).
  expect(textPairs(palette).filter((p) => p.name.endsWith('badge'))).toHaveLength(4);
});

it('the stylesheet uses the checked colours and no other', () => {
  const used = new Set((STATUS_PAGE_CSS.match(/#[0-9a-f]{6}\b/gi) ?? []).map((c) => c.toLowerCase()));
  const checked = new Set([LIGHT, DARK].flatMap((p) => [p.page, p.text, p.muted, p.card, p.border, p.link, ...Object.values(p.badges).flatMap((b) => [b.fg, b.bg])]));
  expect([...used].filter((c) => !checked.has(c))).toEqual([]);
  for (const c of checked) expect(used.has(c)).toBe(true);
  expect(STATUS_PAGE_CSS).toContain('@media (prefers-color-scheme:dark)');
});
