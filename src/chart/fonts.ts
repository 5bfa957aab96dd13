/**
 * The chart's font, shipped in an npm package (@fontsource/dejavu-sans: DejaVu Sans, full glyph
 * coverage, SIL OFL) and registered with Skia by path under a family name of our own. A fresh
 * machine with no system fonts still draws every label; and a family only we register means a
 * missing font shows as a failed registration here, not as a silent fallback.
 */
import { GlobalFonts } from '@napi-rs/canvas';

export const CHART_FONT_FAMILY = 'CrisisChartSans';

const FONT_FILES = ['dejavu-sans-latin-400-normal.woff2', 'dejavu-sans-latin-700-normal.woff2'] as const;

let registered = false;

/** Registers the shipped font once; throws when a font file cannot be found or read. */
export function registerChartFont(): void {
  if (registered) return;
  for (const file of FONT_FILES) {
    const path = require.resolve(`@fontsource/dejavu-sans/files/${file}`);
    if (!GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY)) throw new Error(`could not load the chart font ${path}`);
  }
  registered = true;
}

export function chartFontRegistered(): boolean {
  return GlobalFonts.has(CHART_FONT_FAMILY);
}
