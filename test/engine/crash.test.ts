import { createMeshApi } from '@meshcd/appmesh';
import type { ManifestFile, NamespaceLabels } from '@meshcd/core';
import { type AppMeshSnapshot, appMeshClientFor } from '@meshcd/emulators';
import { MemoryStateStore } from '@meshcd/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { Crash, CrashPoint } from './crash-after.ts';
import {
  emulatorResources,
  inventoryMismatches,
  isWriteOperation,
  labelsFor,
  type Ports,
  reconcileFiles,
} from './engine-checks.ts';
import { seededRandom } from './seeded-random.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

/**
 * Kills an apply after its N-th call to App Mesh or the state store (N random, seeded): every later call
 * throws, as if the process had died there, including between an App Mesh write and its inventory record.
 * A new process (fresh ports on the same App Mesh and the same DynamoDB data) then reconciles again.
 */
describe.runIf(hasShared())('crashing the apply at random points and re-running', () => {
  let w: EngineWorld;
  beforeAll(async () => {
    w = await startEngineWorld();
  });
  afterAll(() => w.close());

  /** A process: its own MeshApi and the store data it shares with every other process. */
  const processOn = (store: MemoryStateStore, crash: CrashPoint): Ports => ({
    target: w.target,
    mesh: crash.wrap(
      createMeshApi({
        client: appMeshClientFor(w.emulator, { maxAttempts: 1 }),
        readRate: 10_000,
        writeRate: 10_000,
        burst: 1000,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      }),
    ),
    state: crash.wrap(store),
  });

  const copyStore = async (from: MemoryStateStore): Promise<MemoryStateStore> => {
    const store = new MemoryStateStore();
    for (const e of await from.listInventory(w.target.id)) await store.putInventory(e);
    return store;
  };

  /** Name → version of every resource, as a clean run leaves them: a duplicate write would bump a version. */
  const versions = () =>
    Object.fromEntries(
      emulatorResources(w.emulator).map((r) => [`${r.kind}/${r.parentName ?? ''}/${r.name}`, r.version]),
    );

  async function crashAndRecover(options: {
    start: AppMeshSnapshot;
    startStore: MemoryStateStore;
    files: ManifestFile[];
    namespaceLabels?: NamespaceLabels;
    points: number;
    seed: number;
  }) {
    const { files, namespaceLabels } = options;
    const opts = namespaceLabels ? { namespaceLabels } : {};
    // A clean run: how many calls it makes, and the versions it leaves.
    w.emulator.restore(options.start);
    const counter = new CrashPoint();
    const clean = await reconcileFiles(processOn(await copyStore(options.startStore), counter), files, opts);
    expect(clean.status).toBe('succeeded');
    const total = counter.calls;
    const expected = versions();
    const desiredKeys = clean.desired!.meshResources.map((d) => d.key).sort();

    const random = seededRandom(options.seed);
    const crashedAt = new Set<number>();
    for (let i = 0; i < options.points; i++) {
      const limit = 1 + Math.floor(random() * total);
      w.emulator.restore(options.start);
      const store = await copyStore(options.startStore);
      const crash = new CrashPoint(limit);
      const first = reconcileFiles(processOn(store, crash), files, opts);
      if (limit < total) await expect(first, `crash after call ${limit}`).rejects.toBeInstanceOf(Crash);
      else expect((await first).status).toBe('succeeded');
      if (crash.crashed) crashedAt.add(limit);

      // What the crashed process left: the next run must create exactly what is missing, and nothing else.
      const left = new Set(
        emulatorResources(w.emulator).map((r) => `${r.kind}/${r.parentName ?? ''}/${r.name}`),
      );
      const missing = Object.keys(expected).filter((k) => !left.has(k));
      w.emulator.resetCalls();
      const second = await reconcileFiles(processOn(store, new CrashPoint()), files, opts);
      expect(second.status, `re-run after a crash after call ${limit}`).toBe('succeeded');
      const writes = w.emulator.calls.filter((c) => isWriteOperation(c.operation));
      expect(writes.filter((c) => c.operation.startsWith('Create'))).toHaveLength(missing.length);
      // No duplicate and no second write of what the crashed run already did: every version is a clean run's.
      expect(versions(), `versions after a crash after call ${limit}`).toEqual(expected);
      expect(await inventoryMismatches(w.emulator, store, w.target)).toEqual([]);
      expect((await store.listInventory(w.target.id)).map((e) => e.key).sort()).toEqual(desiredKeys);
      const replan = await reconcileFiles(processOn(store, new CrashPoint()), files, {
        ...opts,
        mode: 'plan',
      });
      expect(replan.status).toBe('succeeded');
    }
    // The points spread over the run: early (observe), middle (writes) and late (records).
    expect(crashedAt.size).toBeGreaterThan(options.points / 3);
    expect(Math.min(...crashedAt)).toBeLessThan(total / 4);
    expect(Math.max(...crashedAt)).toBeGreaterThan((3 * total) / 4);
  }

  it('eks-appmesh-connectivity: a bootstrap killed at 50 points converges on the next run with no duplicate', async () => {
    const scenario = corpusScenarios().find((s) => s.folder === 'eks-appmesh-connectivity')!;
    w.emulator.restore({ state: { resources: {}, shares: {}, tokens: {} } } as AppMeshSnapshot);
    const empty = w.emulator.snapshot();
    await crashAndRecover({
      start: empty,
      startStore: new MemoryStateStore(),
      files: materialiseRevision(scenario.revisions[0]!),
      namespaceLabels: labelsFor('eks-appmesh-connectivity')!,
      points: 50,
      seed: 5,
    });
  }, 180_000);

  it('apps/djapp-canary: an update killed at 25 points converges on the next run with no write done twice', async () => {
    const scenario = corpusScenarios().find((s) => s.folder === 'apps')!;
    w.emulator.restore({ state: { resources: {}, shares: {}, tokens: {} } } as AppMeshSnapshot);
    const store = new MemoryStateStore();
    const first = await reconcileFiles(
      processOn(store, new CrashPoint()),
      materialiseRevision(scenario.revisions[0]!),
    );
    expect(first.status).toBe('succeeded');
    await crashAndRecover({
      start: w.emulator.snapshot(),
      startStore: store,
      files: materialiseRevision(scenario.revisions[1]!),
      points: 25,
      seed: 6,
    });
  }, 180_000);
});
