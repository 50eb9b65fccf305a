import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DriftReport, renderReportHtml } from '@meshcd/cli';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { type DrawnMesh, measureTopology } from './measure-topology.ts';

/** Pixels within `box` whose colour is within `tolerance` of `rgb` (sum of channel differences). */
export function countColour(
  png: PNG,
  rgb: readonly [number, number, number],
  box: { x: number; y: number; width: number; height: number },
  tolerance = 40,
): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(png.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(png.width, box.x + box.width); x++) {
      const i = (y * png.width + x) * 4;
      const d =
        Math.abs(png.data[i]! - rgb[0]) +
        Math.abs(png.data[i + 1]! - rgb[1]) +
        Math.abs(png.data[i + 2]! - rgb[2]);
      if (d <= tolerance) n++;
    }
  }
  return n;
}

/**
 * How much of each side of a box's outline is drawn in the screenshot, the least of the four sides. A
 * position along a side counts when the pixels across the side's 5 px band add up to at least 0.6 px of
 * stroke (darkness against the white page; a scaled 1.5 px stroke spreads over two half-covered pixels)
 * and the darkest of them has the outline's colour. Corners are rounded, so 7 px at each end are left out.
 */
export function outlineShown(
  png: PNG,
  rgb: readonly [number, number, number],
  box: { x: number; y: number; width: number; height: number },
): number {
  const strokeSum = rgb[0] + rgb[1] + rgb[2];
  const pixel = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!] as const;
  };
  const shownAt = (band: Array<[number, number]>) => {
    let cover = 0;
    let closest = Number.POSITIVE_INFINITY;
    for (const [x, y] of band) {
      if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const [r, g, b] = pixel(x, y);
      cover += Math.min(1, Math.max(0, (765 - r - g - b) / (765 - strokeSum)));
      closest = Math.min(closest, Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]));
    }
    return cover >= 0.6 && closest <= 160;
  };
  const across = [-2, -1, 0, 1, 2];
  const share = (from: number, to: number, band: (along: number) => Array<[number, number]>) => {
    let shown = 0;
    for (let v = Math.ceil(from); v < to; v++) if (shownAt(band(v))) shown++;
    return shown / Math.max(1, Math.ceil(to) - Math.ceil(from));
  };
  const inset = 7;
  const [left, right, top, bottom] = [box.x, box.x + box.width, box.y, box.y + box.height];
  const horizontal = (y: number) =>
    share(left + inset, right - inset, (x) => across.map((d) => [x, Math.round(y) + d]));
  const vertical = (x: number) =>
    share(top + inset, bottom - inset, (y) => across.map((d) => [Math.round(x) + d, y]));
  return Math.min(horizontal(top), horizontal(bottom), vertical(left), vertical(right));
}

export const rgbOf = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

export const padded = (b: { x: number; y: number; width: number; height: number }, by = 2) => ({
  x: b.x - by,
  y: b.y - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});

const edgeId = (e: { kind: string; from: string; to: string; weight?: string | number | null }) =>
  `${e.kind} ${e.from} → ${e.to}${e.weight === undefined || e.weight === null ? '' : ` (${e.weight})`}`;

export interface CheckedPage {
  meshes: DrawnMesh[];
  png: PNG;
}

/**
 * Renders the report, opens it in Chromium at the reading width and checks the drawing against the report's
 * topology: every box and every edge is drawn (with its weight), no edge passes through a box, the page
 * never scrolls sideways, and in the screenshot (written to `screenshot`) every box on screen shows its
 * outline in its state's colour.
 */
export async function checkReportPage(
  context: BrowserContext,
  report: DriftReport,
  screenshot: string,
  {
    outlines = true,
    beforeMeasure,
  }: {
    outlines?: boolean;
    /** Looks at the page as it first shows, then may change it (turn a layer on) before the full check. */
    beforeMeasure?: (page: Page) => Promise<void>;
  } = {},
): Promise<CheckedPage> {
  const page = await context.newPage();
  try {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(await renderReportHtml(report), { waitUntil: 'load' });
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    await beforeMeasure?.(page);

    const { meshes, pageScrollsSideways } = await page.evaluate(measureTopology);
    expect(meshes.flatMap((m) => m.problems)).toEqual([]);
    expect(pageScrollsSideways).toBe(false);
    expect(meshes.flatMap((m) => m.nodes).sort()).toEqual(report.topology.nodes.map((n) => n.id).sort());
    expect(meshes.flatMap((m) => m.edges.map(edgeId)).sort()).toEqual(
      report.topology.edges.map(edgeId).sort(),
    );
    // The meta line names what, against which revision, and when.
    const meta = await page.locator('.meta').textContent();
    for (const m of meshes) expect(meta).toContain(m.mesh);
    expect(meta).toContain(report.generatedAt);
    if (report.revision) expect(meta).toContain(report.revision);

    const buffer = await page.screenshot({ fullPage: true });
    mkdirSync(dirname(screenshot), { recursive: true });
    writeFileSync(screenshot, buffer);
    const png = PNG.sync.read(buffer);
    expect(png.width).toBe(page.viewportSize()!.width);
    for (const box of outlines ? meshes.flatMap((m) => m.screenBoxes) : []) {
      if (box.x + box.width > png.width) continue; // in a frame scrolled sideways: off screen by design
      // The outline in the state's colour on all four sides: drawn, not clipped, not covered. Dashed
      // outlines (missing, unknown) show 40–60 % of each side.
      expect(outlineShown(png, rgbOf(box.stroke), box), box.key).toBeGreaterThan(0.3);
    }
    return { meshes, png };
  } finally {
    await page.close();
  }
}
