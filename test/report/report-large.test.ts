import { join } from 'node:path';
import { buildDriftReport, type DriftItem, summariseDrift } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { layoutTopology } from '../../packages/cli/src/render/layout-topology.ts';
import { checkReportPage } from './check-report-page.ts';
import { hasChromium, openChromium, screenshotDir } from './chromium.ts';
import { largeMesh } from './large-mesh.ts';
import { crossings } from './layout-crossings.ts';

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
  });
});
