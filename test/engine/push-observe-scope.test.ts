import { DescribeRouteCommand, UpdateRouteCommand } from '@aws-sdk/client-app-mesh';
import type { ManifestFile } from '@meshcd/core';
import { appMeshClientFor } from '@meshcd/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { generateMeshManifests } from '../bench/generate-mesh-manifests.ts';
import { checkDrift, reconcileFiles } from './engine-checks.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

const worlds: EngineWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

// Two meshes, each with three routers (router-0..2) with one route each (route-0..2).
const shape = { meshes: 2, nodesPerMesh: 4, routersPerMesh: 3, nodeServicesPerMesh: 1 };
const tree = generateMeshManifests(shape);
const singleTarget = 'name: node-0\n              weight: 100';
/** The tree with mesh-0's router-0's route splitting its traffic: one route weight change. */
const weightChange = (share: number): ManifestFile[] => {
  const [file, ...rest] = tree;
  if (!file?.content.includes(singleTarget)) throw new Error('the generated route is not the expected one');
  const canary = `name: node-0\n              weight: ${100 - share}\n            - virtualNodeRef:\n                name: node-1\n              weight: ${share}`;
  return [{ ...file, content: file.content.replace(singleTarget, canary) }, ...rest];
};

/** App Mesh names a router after its Kubernetes name and namespace. */
const r = (i: number) => `router-${i}_team-0`;

/** The routers whose routes were listed since the last reset of the emulator's call log, in mesh-0. */
const routesListed = (w: EngineWorld) =>
  w.emulator.calls
    .filter((c) => c.operation === 'ListRoutes' && c.input.meshName === 'mesh-0')
    .map((c) => c.input.virtualRouterName)
    .sort();
/** The meshes whose members were listed (any List call naming a mesh). */
const meshesListed = (w: EngineWorld) =>
  [
    ...new Set(
      w.emulator.calls
        .filter((c) => c.operation.startsWith('List') && c.input.meshName)
        .map((c) => c.input.meshName),
    ),
  ].sort();

const bootstrap = async () => {
  const w = await startEngineWorld();
  worlds.push(w);
  expect((await reconcileFiles(w, tree)).status).toBe('succeeded');
  w.emulator.resetCalls();
  return w;
};

const route1 = { meshName: 'mesh-0', virtualRouterName: r(1), routeName: 'route-1' };
/** Someone moves route-1's match by hand, outside Git. */
async function editRoute1OutOfBand(w: EngineWorld) {
  const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
  const before = (await sdk.send(new DescribeRouteCommand(route1))).route!;
  const spec = structuredClone(before.spec!);
  spec.httpRoute!.match!.prefix = '/by-hand';
  await sdk.send(new UpdateRouteCommand({ ...route1, spec }));
  sdk.destroy();
}
const route1Prefix = async (w: EngineWorld) => {
  const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
  const prefix = (await sdk.send(new DescribeRouteCommand(route1))).route!.spec!.httpRoute!.match!.prefix;
  sdk.destroy();
  return prefix;
};

describe('a push observes what its change can touch', () => {
  it('lists the routes of the router whose route changed, and writes from what it observed', async () => {
    const w = await bootstrap();
    const result = await reconcileFiles(w, weightChange(10), { revision: 'rev-2' });
    expect(result.status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0)]);
    // mesh-1 holds nothing the change touches: only ListMeshes sees it.
    expect(meshesListed(w)).toEqual(['mesh-0']);
    const writes = result.plan!.changes.filter((c) => c.action !== 'unchanged');
    expect(writes).toMatchObject([
      { action: 'update', key: `appmesh:mesh-0/VirtualRouter/${r(0)}/Route/route-0` },
    ]);
    // The update's version condition comes from the List just made, not from the inventory.
    expect(writes[0]!.observed).toMatchObject({ version: 1 });
    expect(writes[0]!.observed?.fromInventory).toBeUndefined();
    expect(w.emulator.calls.filter((c) => c.operation === 'UpdateRoute')).toHaveLength(1);
    // The untouched routes are planned unchanged from the inventory's record, and nothing else is written.
    expect(result.plan!.summary).toMatchObject({ update: 1, create: 0, delete: 0 });
    const unchangedRoutes = result.plan!.changes.filter(
      (c) => c.kind === 'Route' && c.action === 'unchanged',
    );
    expect(unchangedRoutes.map((c) => `${c.meshName}/${c.name}`)).toEqual([
      'mesh-0/route-1',
      'mesh-0/route-2',
      'mesh-1/route-0',
      'mesh-1/route-1',
      'mesh-1/route-2',
    ]);
    expect(unchangedRoutes.every((c) => c.observed?.fromInventory)).toBe(true);
  });

  it('an unchanged push lists nothing but the meshes', async () => {
    const w = await bootstrap();
    const result = await reconcileFiles(w, tree, { revision: 'rev-2' });
    expect(result.status).toBe('succeeded');
    expect(w.emulator.calls.map((c) => c.operation)).toEqual(['ListMeshes']);
    expect(result.plan!.summary).toMatchObject({ unchanged: result.desired!.meshResources.length });
  });

  it('leaves an out-of-band edit on an untouched router to the drift run, which finds it; --refresh repairs it', async () => {
    const w = await bootstrap();
    await editRoute1OutOfBand(w);
    expect((await reconcileFiles(w, weightChange(20), { revision: 'rev-2' })).status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0)]);
    expect(await route1Prefix(w)).toBe('/by-hand');

    const drift = await checkDrift(w);
    expect(
      drift.items.find((i) => i.key === `appmesh:mesh-0/VirtualRouter/${r(1)}/Route/route-1`),
    ).toMatchObject({
      state: 'Modified',
      differences: [expect.objectContaining({ expected: '/', actual: '/by-hand' })],
    });

    w.emulator.resetCalls();
    const refreshed = await reconcileFiles(w, weightChange(20), { revision: 'rev-2', refresh: true });
    expect(refreshed.status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0), r(1), r(2)]);
    expect(meshesListed(w)).toEqual(['mesh-0', 'mesh-1']);
    expect(await route1Prefix(w)).toBe('/');
  });

  it('observes everything after a failed or partial apply, and repairs what it finds', async () => {
    const w = await bootstrap();
    await editRoute1OutOfBand(w);
    w.emulator.knobs.faults.UpdateRoute = { errorType: 'BadRequestException', times: 1 };
    const partial = await reconcileFiles(w, weightChange(10), { revision: 'rev-2' });
    expect(partial.status).toBe('partial');
    expect(routesListed(w)).toEqual([r(0)]);

    w.emulator.resetCalls();
    const next = await reconcileFiles(w, weightChange(10), { revision: 'rev-2' });
    expect(next.status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0), r(1), r(2)]);
    expect(await route1Prefix(w)).toBe('/');

    // Settled again: the next push is scoped once more.
    w.emulator.resetCalls();
    expect((await reconcileFiles(w, weightChange(30), { revision: 'rev-3' })).status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0)]);
  });

  it('observes everything when it takes over the lease of a run killed between a write and its record', async () => {
    const w = await bootstrap();
    const revA = { revision: 'rev-a', order: 1 };
    const acquiredA = await w.state.acquireLease(w.target.id, 'run-a', revA, 0, 1_000);
    expect(acquiredA).toMatchObject({ acquired: true });
    expect((await reconcileFiles(w, weightChange(50), { revision: 'rev-a' })).status).toBe('succeeded');
    await w.state.completeLease(w.target.id, 'run-a', revA);
    const route0 = { meshName: 'mesh-0', virtualRouterName: r(0), routeName: 'route-0' };
    const weights = async () => {
      const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
      const route = (await sdk.send(new DescribeRouteCommand(route0))).route!;
      sdk.destroy();
      return route.spec!.httpRoute!.action!.weightedTargets!.map((t) => t.weight);
    };
    expect(await weights()).toEqual([50, 50]);

    // rev-b (90/10) is killed right after its App Mesh write: no inventory record, no run record, and
    // its lease left to expire still naming it.
    await w.state.acquireLease(w.target.id, 'killed', { revision: 'rev-b', order: 2 }, 2_000, 1_000);
    const sdk = appMeshClientFor(w.emulator, { maxAttempts: 1 });
    const before = (await sdk.send(new DescribeRouteCommand(route0))).route!;
    const spec = structuredClone(before.spec!);
    spec.httpRoute!.action!.weightedTargets = spec.httpRoute!.action!.weightedTargets!.map((t, i) => ({
      ...t,
      weight: i === 0 ? 90 : 10,
    }));
    await sdk.send(new UpdateRouteCommand({ ...route0, spec }));
    sdk.destroy();
    expect(await weights()).toEqual([90, 10]);

    // rev-c reverts rev-b: Git and the inventory agree again, App Mesh does not.
    w.emulator.resetCalls();
    const takeover = await w.state.acquireLease(
      w.target.id,
      'run-c',
      { revision: 'rev-c', order: 3 },
      5_000,
      1_000,
    );
    expect(takeover).toMatchObject({ acquired: true, tookOverFrom: 'killed' });
    const unsettledHolder = takeover.acquired ? takeover.tookOverFrom : undefined;
    const result = await reconcileFiles(w, weightChange(50), { revision: 'rev-c', unsettledHolder });
    expect(result.status).toBe('succeeded');
    expect(routesListed(w)).toEqual([r(0), r(1), r(2)]);
    expect(await weights()).toEqual([50, 50]);
  });
});
