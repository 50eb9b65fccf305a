import { randomUUID } from 'node:crypto';
import { createMeshApi } from '@meshcd/appmesh';
import {
  defaultTargetPolicy,
  loadManifests,
  type MeshApi,
  reconcile,
  resolveDesiredState,
  type Target,
} from '@meshcd/core';
import { type AppMeshEmulatorHandle, appMeshClientFor, startAppMeshEmulator } from '@meshcd/emulators';
import { MemoryStateStore } from '@meshcd/state';
import type { DesiredMeshResource } from '../../packages/core/src/desired/desired-state.ts';
import type { ObservedMeshResource } from '../../packages/core/src/observe/observed-mesh-resource.ts';
import { type Benchmark, timed } from './benchmark.ts';
import { benchShape, generateMeshManifests, resourceCount } from './generate-mesh-manifests.ts';
import { type CallBudget, measureAgainstLowerBound, waveCount } from './lower-bound.ts';

/** The run's budget: App Mesh answers every call after 20 ms and accepts 50 writes/s per account. */
const latencyMs = 20;
const writesPerSecond = 50;

const budget: CallBudget = {
  latencyMs,
  writesPerSecond,
  isWrite: (operation) => /^(Create|Update|Delete|Tag|Untag)/.test(operation),
  throttledError: 'TooManyRequestsException',
  isDescribe: (operation) => operation.startsWith('Describe'),
};
const measure = (emulator: AppMeshEmulatorHandle, ms: number, waves: number) =>
  measureAgainstLowerBound(emulator.calls, ms, waves, budget);

const meshApiFor = (emulator: AppMeshEmulatorHandle): MeshApi =>
  createMeshApi({
    client: appMeshClientFor(emulator, { maxAttempts: 1 }),
    readRate: 1000,
    writeRate: writesPerSecond,
    burst: writesPerSecond,
  });

/**
 * The App Mesh controller's way, for comparison: one object at a time in dependency order, Describe it,
 * then Create it (or Update it when it exists). Same SDK client, same client-side rate limits and retries.
 */
async function controllerStyle(emulator: AppMeshEmulatorHandle, desired: DesiredMeshResource[]) {
  const client = appMeshClientFor(emulator, { maxAttempts: 1 });
  const api = createMeshApi({ client, readRate: 1000, writeRate: writesPerSecond, burst: writesPerSecond });
  for (const d of desired) {
    const address = { ...d, arn: '', version: 0, meshOwner: '', resourceOwner: '' } as ObservedMeshResource;
    const found = await api.describe(address);
    if (found) await api.update(d, { clientToken: randomUUID() });
    else await api.create(d, { clientToken: randomUUID(), tags: {} });
  }
  client.destroy();
}

const bench: Benchmark = {
  name: 'reconcile',
  async run() {
    const emulator = await startAppMeshEmulator({
      knobs: {
        latencyMs,
        writeRate: { perSecond: writesPerSecond, burst: writesPerSecond },
        readRate: { perSecond: 1000, burst: 1000 },
      },
    });
    const target: Target = {
      id: 'bench',
      source: { repository: 'file://bench', branch: 'main', path: '.' },
      accountId: emulator.accountId,
      region: emulator.region,
      policy: { ...defaultTargetPolicy },
    };
    const state = new MemoryStateStore();
    let runs = 0;
    const run = (files: ReturnType<typeof generateMeshManifests>, revision: string) =>
      reconcile({
        target,
        revision,
        files,
        mode: 'apply',
        mesh: meshApiFor(emulator),
        state,
        runId: `bench-${runs++}`,
        now: () => new Date(),
      });

    try {
      const files = generateMeshManifests(benchShape);
      const resolved = resolveDesiredState(loadManifests(files).objects);
      if (!resolved.ok) throw new Error('the generated manifests do not resolve');
      const desired = resolved.desired.meshResources;

      emulator.resetCalls();
      const boot = await timed(() => run(files, 'r1'));
      if (boot.value.status !== 'succeeded') throw new Error(`bootstrap ended ${boot.value.status}`);
      const bootstrap = measure(emulator, boot.ms, waveCount(boot.value.plan!.changes));

      emulator.resetCalls();
      const noop = await timed(() => run(files, 'r1'));
      const noopCalls = emulator.calls;
      const noopResult = {
        ...measure(emulator, noop.ms, 0),
        status: noop.value.status,
        onlyLists: noopCalls.every((c) => c.operation.startsWith('List')),
        // One List per page: every mesh, its four kinds, and the routes of each router fit on one page here.
        expectedListCalls: 1 + benchShape.meshes * (4 + benchShape.routersPerMesh),
      };

      const changed = new Set(Array.from({ length: 10 }, (_, i) => i * 37));
      emulator.resetCalls();
      const change = await timed(() => run(generateMeshManifests(benchShape, changed), 'r2'));
      const onePercent = {
        ...measure(emulator, change.ms, waveCount(change.value.plan!.changes)),
        status: change.value.status,
      };

      // The baseline on an empty App Mesh with the same knobs.
      emulator.restore({ state: { resources: {}, shares: {}, tokens: {} } } as Parameters<
        typeof emulator.restore
      >[0]);
      emulator.resetCalls();
      const base = await timed(() => controllerStyle(emulator, desired));
      const baseline = measure(emulator, base.ms, desired.length);

      return {
        shape: { ...benchShape, resources: resourceCount(benchShape), desired: desired.length },
        knobs: { latencyMs, writesPerSecond, meshApiWriteRate: writesPerSecond },
        bootstrap,
        noop: noopResult,
        onePercentChange: { changedNodes: changed.size, ...onePercent },
        controllerStyleBaseline: baseline,
        speedupOverBaseline: Number((base.ms / boot.ms).toFixed(2)),
      };
    } finally {
      await emulator.close();
    }
  },
};

export default bench;
