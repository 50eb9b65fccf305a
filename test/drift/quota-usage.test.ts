import { detectDrift, type QuotaLimitsSource, type QuotaName, reconcile } from '@meshcd/core';
import { outboundEntry } from '@meshcd/events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultResolvedLimits,
  type QuotaLimitSource,
} from '../../packages/core/src/drift/quota-limits-source.ts';
import { defaultQuotaLimits } from '../../packages/core/src/quota/quota-defaults.ts';
import { type EngineWorld, startEngineWorld } from '../engine/world.ts';
import { generateMesh } from './generate-mesh.ts';

/** Small limits so a mesh can fill them cheaply; weighted targets per route stays at its documented default (10). */
const limits = {
  virtualNodesPerMesh: 10,
  virtualServicesPerMesh: 5,
  routesPerVirtualRouter: 5,
  gatewayRoutesPerVirtualGateway: 5,
  backendsPerVirtualNode: 5,
} satisfies Partial<Record<QuotaName, number>>;

/** As if Service Quotas had answered for the lowered quotas. */
const source: QuotaLimitsSource = {
  async resolve() {
    const sources = { ...defaultResolvedLimits().sources } as Record<QuotaName, QuotaLimitSource>;
    for (const q of Object.keys(limits) as QuotaName[]) sources[q] = 'service-quotas';
    return { limits: defaultQuotaLimits(limits), sources };
  },
};

describe('quota usage on generated meshes', () => {
  let world: EngineWorld;
  afterEach(() => world?.close());

  const cases = [
    {
      at: 0.8,
      level: 'warn',
      size: { nodes: 8, services: 4, routes: 4, gatewayRoutes: 4, backends: 4, weightedTargets: 8 },
    },
    {
      at: 1,
      level: 'full',
      size: { nodes: 10, services: 5, routes: 5, gatewayRoutes: 5, backends: 5, weightedTargets: 10 },
    },
  ] as const;

  for (const { at, level, size } of cases) {
    it(`counts usage exactly and reports ${level} at ${at * 100}% of every limit`, async () => {
      world = await startEngineWorld({ emulator: { knobs: { quotas: { ...defaultQuotaLimits(limits) } } } });
      const resolved = await source.resolve();
      const applied = await reconcile({
        target: world.target,
        revision: 'gen-1',
        files: generateMesh(size),
        mode: 'apply',
        mesh: world.mesh,
        state: world.state,
        quotaLimits: resolved.limits,
        runId: 'apply',
        now: () => new Date(),
      });
      expect(applied.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(applied.status).toBe('succeeded');

      const result = await detectDrift({
        target: world.target,
        mesh: world.mesh,
        state: world.state,
        quotaLimits: source,
        runId: 'detect',
        now: () => new Date('2026-03-01T00:00:00.000Z'),
      });
      // Per-router and per-route quotas have a line per parent: the fullest one is the generated one.
      const line = (quota: QuotaName) =>
        result.quotas.filter((q) => q.quota === quota).sort((a, b) => b.used - a.used)[0]!;
      const expectLine = (quota: QuotaName, used: number, limit: number, expected: string, from: string) =>
        expect(line(quota)).toMatchObject({ used, limit, level: expected, limitSource: from });

      expectLine('virtualNodesPerMesh', size.nodes, 10, level, 'service-quotas');
      expectLine('virtualServicesPerMesh', size.services, 5, level, 'service-quotas');
      expectLine('routesPerVirtualRouter', size.routes, 5, level, 'service-quotas');
      expectLine('gatewayRoutesPerVirtualGateway', size.gatewayRoutes, 5, level, 'service-quotas');
      expectLine('backendsPerVirtualNode', size.backends, 5, level, 'service-quotas');
      expectLine('weightedTargetsPerRoute', size.weightedTargets, 10, level, 'default');
      expect(line('virtualGatewaysPerMesh')).toMatchObject({ used: 1, limit: 3, level: 'ok' });
      expect(line('meshesPerAccount')).toMatchObject({ used: 1, limit: 15, level: 'ok' });
      expect(line('virtualRoutersPerMesh')).toMatchObject({ used: 1, level: 'ok' });

      // One Quota Threshold Reached per quota at or over the threshold, with the threshold that fired.
      const events = result.emit.filter((e) => e.detailType === 'Quota Threshold Reached');
      expect(events.map((e) => e.detail.quota.name).sort()).toEqual(
        [
          'Backends per virtual node',
          'Gateway routes per virtual gateway',
          'Routes per virtual router',
          'Virtual nodes per mesh',
          'Virtual services per mesh',
          'Weighted targets per route',
        ].sort(),
      );
      expect(new Set(events.map((e) => e.detail.threshold))).toEqual(new Set([level === 'warn' ? 0.8 : 1]));
      // Each is a detail packages/events publishes as it stands.
      for (const e of events) expect(() => outboundEntry('Quota Threshold Reached', e.detail)).not.toThrow();
      const again = await detectDrift({
        target: world.target,
        mesh: world.mesh,
        state: world.state,
        quotaLimits: source,
        runId: 'again',
        now: () => new Date(),
      });
      expect(again.emit).toEqual([]);
    });
  }

  it('refuses, in the plan, a revision that would pass a limit the report counts with', async () => {
    world = await startEngineWorld();
    const resolved = await source.resolve();
    const planned = await reconcile({
      target: world.target,
      revision: 'gen-2',
      files: generateMesh({
        nodes: 11,
        services: 5,
        routes: 5,
        gatewayRoutes: 5,
        backends: 5,
        weightedTargets: 10,
      }),
      mode: 'plan',
      mesh: world.mesh,
      state: world.state,
      quotaLimits: resolved.limits,
      runId: 'plan',
      now: () => new Date(),
    });
    expect(planned.status).toBe('refused');
    // Refused before any write, naming the quota, its limit and the manifest.
    expect(planned.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'gen/mesh.yaml',
        message:
          'mesh "gen" would have 11, over the App Mesh quota "Virtual nodes per mesh" (L-E043DFB4) of 10',
      }),
    ]);
    expect(world.emulator.calls.filter((c) => !c.operation.startsWith('List'))).toEqual([]);
  });
});
