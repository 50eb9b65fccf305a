import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { buildDriftReport, type DriftReport, detectDrift, renderReportHtml } from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { startEngineWorld } from '../engine/world.ts';
import { applyRevision } from './apply-corpus.ts';

/** Debian's chromium package. Under CI its absence fails the suite instead of skipping it. */
const chromiumPath = process.env.MESHCD_CHROMIUM ?? '/usr/bin/chromium';
function hasChromium(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI)
    throw new Error(`headless Chromium is missing at ${chromiumPath} (apt-get install -y chromium)`);
  return false;
}

/** A report of a corpus mesh with one node changed and one node made by hand behind meshcd's back. */
async function driftedReport(): Promise<DriftReport> {
  const world = await startEngineWorld();
  try {
    const scenario = corpusScenarios().find((s) => s.folder === 'howto-k8s-connection-pools')!;
    expect((await applyRevision(world, scenario, 0)).status).toBe('succeeded');
    const sdk = appMeshClientFor(world.emulator);
    const meshName = 'howto-k8s-connection-pools';
    const name = 'green_howto-k8s-connection-pools';
    const spec = (await sdk.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: name })))
      .virtualNode!.spec as VirtualNodeSpec;
    spec.listeners![0]!.portMapping!.port = 9999;
    // The service filled the health check's port from the old listener port and refuses a mismatch;
    // a person moving the port sends the health check without one, as meshcd does.
    if (spec.listeners![0]!.healthCheck) delete spec.listeners![0]!.healthCheck.port;
    await sdk.send(new UpdateVirtualNodeCommand({ meshName, virtualNodeName: name, spec }));
    await sdk.send(
      new CreateVirtualNodeCommand({
        meshName,
        virtualNodeName: 'hand-made',
        spec: {
          listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
          serviceDiscovery: { dns: { hostname: 'hand-made.local' } },
        },
      }),
    );
    sdk.destroy();
    const result = await detectDrift({
      target: world.target,
      mesh: world.mesh,
      state: world.state,
      runId: 'html',
      now: () => new Date(),
    });
    return buildDriftReport({
      targetId: world.target.id,
      generatedAt: result.record.detectedAt,
      items: result.items,
      summary: result.summary,
      quotas: result.quotas,
      resources: result.resources,
    });
  } finally {
    await world.close();
  }
}

/** Pixels within `box` whose colour is within `tolerance` of `rgb`. */
function countColour(
  png: PNG,
  rgb: [number, number, number],
  box: { x: number; y: number; width: number; height: number },
  tolerance = 40,
) {
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

const red: [number, number, number] = [0xd6, 0x27, 0x28];
const orange: [number, number, number] = [0xff, 0x7f, 0x0e];

describe.runIf(hasShared() && hasChromium())('the HTML report in headless Chromium', () => {
  it('draws every resource of the mesh, marks the drifted ones in red and orange, and loads nothing from outside', async () => {
    const report = await driftedReport();
    expect(report.summary.counts).toMatchObject({ Modified: 1, Unmanaged: 1 });
    const userDataDir = mkdtempSync(join(tmpdir(), 'meshcd-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1600, height: 1000 },
    });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(renderReportHtml(report), { waitUntil: 'load' });

      // The DOM: one box per resource of the topology, the drifted ones carrying their state.
      expect(await page.locator('svg.topology g.node').count()).toBe(report.topology.nodes.length);
      expect(await page.locator('svg.topology path.edge').count()).toBe(report.topology.edges.length);
      expect(await page.locator('svg.topology g.node[data-state="Modified"]').count()).toBe(1);
      expect(await page.locator('table.drift tr.drift-row').count()).toBe(2);
      expect(await page.locator('table.quotas tr.quota-row').count()).toBe(report.quotas.length);
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);

      // The pixels: the drift marker is drawn where the drifted resources are.
      const png = PNG.sync.read(await page.screenshot({ fullPage: true }));
      const modified = (await page.locator('g.node[data-state="Modified"] rect').boundingBox())!;
      const unmanaged = (await page.locator('g.node[data-state="Unmanaged"] rect').boundingBox())!;
      const inSync = (await page.locator('g.node[data-state="InSync"] rect').first().boundingBox())!;
      const pad = (b: typeof modified) => ({
        x: b.x - 2,
        y: b.y - 2,
        width: b.width + 4,
        height: b.height + 4,
      });
      // A 3px outline around a 190×34 box is several hundred pixels of the marker colour.
      expect(countColour(png, red, pad(modified))).toBeGreaterThan(300);
      expect(countColour(png, orange, pad(unmanaged))).toBeGreaterThan(300);
      expect(countColour(png, red, pad(inSync))).toBe(0);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
