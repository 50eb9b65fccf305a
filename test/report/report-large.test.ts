import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDriftReport, renderReportHtml } from '@meshcd/cli';
import type { DriftItem } from '@meshcd/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutTopology } from '../../packages/cli/src/render/layout-topology.ts';
import { summariseDrift } from '../../packages/core/src/drift/drift-item.ts';
import { checkReportPage } from './check-report-page.ts';
import { hasChromium, openChromium, screenshotDir } from './chromium.ts';
import { largeMesh } from './large-mesh.ts';
import { crossings, type Polyline } from './layout-crossings.ts';
import { measureTopology } from './measure-topology.ts';

/** The points of a drawn path (`M x,y L x,y …`, as the renderer writes it). */
const pointsOf = (d: string): Polyline =>
  [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));

/** Each edge group's opacity and display as Chromium computes them, with the boxes it links. */
const edgeLooks = (page: Page) =>
  page.evaluate(`Array.from(document.querySelectorAll('svg.topology .edge-group')).map((g) => {
    const s = getComputedStyle(g);
    return { from: g.dataset.from, to: g.dataset.to, opacity: s.opacity, display: s.display };
  })`) as Promise<Array<{ from: string; to: string; opacity: string; display: string }>>;

describe.runIf(hasChromium())('the HTML report of a 200-resource mesh', () => {
  it('draws all 200 boxes and 330 edges, none through a box, labels inside their boxes, the page never wider than 1,400 px', async () => {
    const resources = largeMesh(33);
    const items: DriftItem[] = resources.map((r, i) => ({
      key: r.key,
      provider: 'appmesh',
      kind: r.kind,
      name: r.name,
      meshName: r.meshName,
      state: i === 40 ? 'Modified' : i === 90 ? 'Missing' : 'InSync',
    }));
    const report = buildDriftReport({
      targetId: 'shop-prod',
      generatedAt: '2026-03-01T00:00:00.000Z',
      revision: 'abc123',
      items,
      summary: summariseDrift(items),
      quotas: [],
      resources,
    });
    expect(report.topology.nodes).toHaveLength(200);
    expect(report.topology.edges).toHaveLength(330);
    const browser = await openChromium();
    try {
      // The geometry is checked in full; the screenshot's outline check is calibrated for drawings at
      // (nearly) full scale, and this one is scaled down to three quarters inside its scrolling frame.
      const { meshes } = await checkReportPage(
        browser.context,
        report,
        join(screenshotDir, 'large-mesh-200.png'),
        {
          outlines: false,
          beforeMeasure: async (page) => {
            const shots = mkdtempSync(join(tmpdir(), 'meshcd-large-'));
            const backends = report.topology.edges.filter((e) => e.kind === 'backend').length;
            expect(backends).toBeGreaterThan(60);
            // As the page opens: the backends are behind the switch, which says so; what is shown
            // is the traffic, none of it through a box (the crossings are counted on the in-sync mesh below).
            expect(await page.locator('.backend-toggle').isChecked()).toBe(false);
            expect(await page.locator('.backend-switch').textContent()).toContain(
              `show backend edges (${backends})`,
            );
            expect(await page.locator('.backends-hidden').isVisible()).toBe(true);
            const [first] = (await page.evaluate(measureTopology)).meshes;
            expect(first!.problems).toEqual([]);
            expect(first!.edges.filter((e) => e.kind === 'backend')).toEqual([]);
            expect(first!.edges).toHaveLength(report.topology.edges.length - backends);
            writeFileSync(join(shots, 'default.png'), await page.screenshot({ fullPage: true }));

            // Hovering a box that calls services: its own edges, backends included, at full opacity
            // and shown; every other edge faded.
            const caller = report.topology.edges.find((e) => e.kind === 'backend')!.from;
            await page.hover(`g.node[data-key="${caller}"]`);
            const looks = await edgeLooks(page);
            const own = (e: { from: string; to: string }) => e.from === caller || e.to === caller;
            expect(looks.filter(own).some((e) => e.from === caller && e.to.includes('VirtualService'))).toBe(
              true,
            );
            for (const e of looks)
              if (own(e)) expect([e.opacity, e.display], `${e.from} → ${e.to}`).toEqual(['1', 'inline']);
              else expect(Number(e.opacity), `${e.from} → ${e.to}`).toBeLessThan(0.5);
            writeFileSync(join(shots, 'hover.png'), await page.screenshot({ fullPage: true }));

            // Off the drawing, nothing is faded; then the backend layer is turned on for the full check.
            await page.mouse.move(0, 0);
            expect((await edgeLooks(page)).filter((e) => e.opacity !== '1')).toEqual([]);
            await page.locator('.backend-toggle').check();
            expect(await page.locator('.backends-hidden').isVisible()).toBe(false);
            writeFileSync(join(shots, 'all-edges.png'), await page.screenshot({ fullPage: true }));
          },
        },
      );
      expect(meshes).toHaveLength(1);
      expect(meshes[0]!.nodes).toHaveLength(200);
    } finally {
      await browser.close();
    }
  });

  it('draws the traffic without a single crossing between traffic edges, as its graph allows', async () => {
    const resources = largeMesh(33);
    const items: DriftItem[] = resources.map((r) => ({
      key: r.key,
      provider: 'appmesh',
      kind: r.kind,
      name: r.name,
      meshName: r.meshName,
      state: 'InSync',
    }));
    const report = buildDriftReport({
      targetId: 'shop-prod',
      generatedAt: '2026-03-01T00:00:00.000Z',
      items,
      summary: summariseDrift(items),
      quotas: [],
      resources,
    });
    const traffic = report.topology.edges.filter((e) => e.kind !== 'backend');
    // Every box is reached by at most one traffic edge: the traffic is a forest, which a layered drawing
    // can show with no crossing at all. Backends (dashed) are what may cross.
    const into = traffic.map((e) => e.to);
    expect(new Set(into).size).toBe(into.length);
    const [mesh] = await layoutTopology(report.topology);
    const drawn = mesh!.edges.filter((e) => e.edge.kind !== 'backend').map((e) => e.points);
    expect(drawn).toHaveLength(traffic.length);
    expect(crossings(drawn)).toBe(0);

    // And so the page as it opens, backends behind their switch, shows no edge crossing another.
    const browser = await openChromium();
    try {
      const page = await browser.context.newPage();
      await page.setContent(await renderReportHtml(report), { waitUntil: 'load' });
      const [shown] = (await page.evaluate(measureTopology)).meshes;
      expect(shown!.problems).toEqual([]);
      expect(shown!.edges).toHaveLength(traffic.length);
      expect(crossings(shown!.edges.map((e) => pointsOf(e.d)))).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
