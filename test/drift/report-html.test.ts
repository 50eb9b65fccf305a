import { join } from 'node:path';
import {
  CreateVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
  type VirtualNodeSpec,
} from '@aws-sdk/client-app-mesh';
import { buildDriftReport, type DriftReport } from '@meshcd/cli';
import { detectDrift } from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { startEngineWorld } from '../engine/world.ts';
import { checkReportPage, countColour, padded } from '../report/check-report-page.ts';
import { hasChromium, openChromium, screenshotDir } from '../report/chromium.ts';
import { applyRevision } from './apply-corpus.ts';

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

const red: [number, number, number] = [0xd6, 0x27, 0x28];
const orange: [number, number, number] = [0xff, 0x7f, 0x0e];

describe.runIf(hasShared() && hasChromium())('the HTML report in headless Chromium', () => {
  it('draws every resource of the mesh, marks the drifted ones in red and orange, and loads nothing from outside', async () => {
    const report = await driftedReport();
    expect(report.summary.counts).toMatchObject({ Modified: 1, Unmanaged: 1 });
    const browser = await openChromium();
    try {
      const { png, meshes } = await checkReportPage(
        browser.context,
        report,
        join(screenshotDir, 'drifted--howto-k8s-connection-pools.png'),
      );
      const boxes = meshes.flatMap((m) => m.screenBoxes);
      const stateOf = new Map(report.topology.nodes.map((n) => [n.id, n.state]));
      const drawnIn = (state: string) => boxes.filter((b) => stateOf.get(b.key) === state);
      expect(drawnIn('Modified')).toHaveLength(1);
      expect(drawnIn('Unmanaged')).toHaveLength(1);
      // The pixels: the drift marker is drawn where the drifted resources are, and nowhere else.
      // A 3px outline around a box is several hundred pixels of the marker colour.
      expect(countColour(png, red, padded(drawnIn('Modified')[0]!))).toBeGreaterThan(300);
      expect(countColour(png, orange, padded(drawnIn('Unmanaged')[0]!))).toBeGreaterThan(300);
      for (const inSync of drawnIn('InSync')) expect(countColour(png, red, padded(inSync))).toBe(0);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
