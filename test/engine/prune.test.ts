import { loadManifests, type ManifestFile, resolveDesiredState } from '@meshcd/core';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import {
  emulatorResources,
  inventoryMismatches,
  isWriteOperation,
  labelsFor,
  reconcileFiles,
  type StoredResource,
} from './engine-checks.ts';
import { splitDocuments } from './split-documents.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

const worlds: EngineWorld[] = [];
const world = async (...args: Parameters<typeof startEngineWorld>) => {
  const w = await startEngineWorld(...args);
  worlds.push(w);
  return w;
};
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

const versions = (resources: StoredResource[]) => new Map(resources.map((r) => [r.arn, r.version]));
const writes = (w: EngineWorld) => w.emulator.calls.filter((c) => isWriteOperation(c.operation));
const inUse = (w: EngineWorld) => w.emulator.calls.filter((c) => c.status === 409);

/** Delete operations in the order the engine must issue them: dependents first, the mesh last. */
const deleteRank: Record<string, number> = {
  DeleteGatewayRoute: 0,
  DeleteVirtualService: 1,
  DeleteRoute: 2,
  DeleteVirtualRouter: 3,
  DeleteVirtualNode: 4,
  DeleteVirtualGateway: 4,
  DeleteMesh: 5,
};

const scenario = (folder: string, name: string) => {
  const found = corpusScenarios().find((s) => s.folder === folder && s.scenario === name);
  if (!found) throw new Error(`corpus scenario ${folder}/${name} is missing`);
  return found;
};

const desiredKeys = (files: readonly ManifestFile[], folder: string) => {
  const labels = labelsFor(folder);
  const resolved = resolveDesiredState(
    loadManifests(files).objects,
    labels ? { namespaceLabels: labels } : {},
  );
  if (!resolved.ok || resolved.desired.unresolvedNamespaces.length > 0) return undefined;
  return new Set(resolved.desired.meshResources.map((r) => r.key));
};

describe.runIf(hasShared())('pruning what left Git', () => {
  const cases: Array<[string, string]> = [
    ['eks-appmesh-connectivity', 'all'],
    ['howto-k8s-http-headers', 'all'],
    ['apps', 'djapp-canary'],
  ];
  for (const [folder, name] of cases) {
    it(`${folder}/${name}: deleting any one file that nothing references deletes exactly its resources, and nothing else changes`, async () => {
      const w = await world();
      const labels = labelsFor(folder);
      const opts = labels ? { namespaceLabels: labels } : {};
      const full = splitDocuments(materialiseRevision(scenario(folder, name).revisions.at(-1)!));
      const fullKeys = desiredKeys(full, folder)!;
      expect((await reconcileFiles(w, full, opts)).status).toBe('succeeded');

      let removable = 0;
      for (const doc of full.filter((d) => d.appMesh && d.kind !== 'Mesh')) {
        const rest = full.filter((d) => d !== doc);
        const keptKeys = desiredKeys(rest, folder);
        // Objects other objects reference cannot leave alone: validation refuses the tree (tested elsewhere).
        if (!keptKeys) continue;
        removable++;
        const inventory = await w.state.listInventory(w.target.id);
        const doomed = inventory.flatMap((e) =>
          e.provider === 'appmesh' && fullKeys.has(e.key) && !keptKeys.has(e.key) ? [e] : [],
        );
        expect(doomed.length).toBeGreaterThan(0);
        const before = emulatorResources(w.emulator);
        w.emulator.resetCalls();

        const pruned = await reconcileFiles(w, rest, opts);
        expect(pruned.status, doc.path).toBe('succeeded');
        const after = emulatorResources(w.emulator);
        const gone = before.filter((r) => !after.some((a) => a.arn === r.arn)).map((r) => r.arn);
        expect(gone.sort()).toEqual(doomed.map((e) => e.arn).sort());
        // Nothing else was written: every survivor keeps its version, and no resource appeared.
        const old = versions(before);
        for (const r of after) expect(old.get(r.arn), r.arn).toBe(r.version);
        expect(writes(w).every((c) => c.operation.startsWith('Delete'))).toBe(true);
        expect(writes(w)).toHaveLength(doomed.length);
        expect(inUse(w)).toEqual([]);
        expect(await inventoryMismatches(w.emulator, w.state, w.target)).toEqual([]);

        // Putting the file back recreates what it held.
        const restored = await reconcileFiles(w, full, opts);
        expect(restored.apply?.writes).toBe(doomed.length);
        expect(await inventoryMismatches(w.emulator, w.state, w.target)).toEqual([]);
      }
      expect(removable).toBeGreaterThan(0);
    });
  }

  it('apps/djapp-canary: dropping the canary file repoints the routes before deleting the v2 nodes', async () => {
    const w = await world();
    const [v1, canary] = scenario('apps', 'djapp-canary').revisions.map((r) => materialiseRevision(r));
    expect((await reconcileFiles(w, v1!)).status).toBe('succeeded');
    expect((await reconcileFiles(w, canary!)).status).toBe('succeeded');
    const before = emulatorResources(w.emulator);
    w.emulator.resetCalls();

    const back = await reconcileFiles(w, v1!);
    expect(back.status).toBe('succeeded');
    const ops = w.emulator.calls.map((c) => c.operation);
    const deletes = w.emulator.calls.filter((c) => c.operation === 'DeleteVirtualNode');
    expect(deletes.map((c) => c.input.virtualNodeName).sort()).toEqual(['jazz-v2_prod', 'metal-v2_prod']);
    expect(ops.lastIndexOf('UpdateRoute')).toBeGreaterThanOrEqual(0);
    expect(ops.lastIndexOf('UpdateRoute')).toBeLessThan(ops.indexOf('DeleteVirtualNode'));
    expect(inUse(w)).toEqual([]);
    const after = emulatorResources(w.emulator);
    expect(before.length - after.length).toBe(2);
    expect(await inventoryMismatches(w.emulator, w.state, w.target)).toEqual([]);
  });

  describe('an emptied tree', () => {
    const setup = async () => {
      const w = await world();
      const labels = labelsFor('eks-appmesh-connectivity')!;
      const files = materialiseRevision(scenario('eks-appmesh-connectivity', 'all').revisions[0]!);
      expect((await reconcileFiles(w, files, { namespaceLabels: labels })).status).toBe('succeeded');
      w.emulator.resetCalls();
      return w;
    };

    it('is refused without allowPrune, naming the mesh and the guard, and deletes nothing', async () => {
      const w = await setup();
      const before = emulatorResources(w.emulator);
      const result = await reconcileFiles(w, []);
      expect(result.status).toBe('refused');
      expect(result.plan?.blockers.map((b) => b.reason).sort()).toEqual(['mesh-deletion', 'prune-guard']);
      expect(result.plan?.blockers.find((b) => b.reason === 'mesh-deletion')?.message).toContain('yelb-mesh');
      expect(writes(w)).toEqual([]);
      expect(emulatorResources(w.emulator)).toEqual(before);
      expect(await w.state.listInventory(w.target.id)).toHaveLength(before.length);
    });

    it('with allowPrune deletes everything in reverse dependency order without ever hitting ResourceInUse', async () => {
      const w = await setup();
      const count = emulatorResources(w.emulator).length;
      const result = await reconcileFiles(w, [], { allowPrune: true });
      expect(result.status).toBe('succeeded');
      expect(emulatorResources(w.emulator)).toEqual([]);
      expect(await w.state.listInventory(w.target.id)).toEqual([]);
      expect(inUse(w)).toEqual([]);
      const ranks = writes(w).map((c) => deleteRank[c.operation]);
      expect(ranks).toHaveLength(count);
      expect(ranks).toEqual([...ranks].sort((a, b) => a! - b!));
      expect(ranks.at(-1)).toBe(deleteRank.DeleteMesh);
    });
  });

  it('leaves removed resources in place when the target disables prune', async () => {
    const w = await world();
    w.target.policy = { ...w.target.policy, prune: false };
    const [v1, canary] = scenario('apps', 'djapp-canary').revisions.map((r) => materialiseRevision(r));
    expect((await reconcileFiles(w, canary!)).status).toBe('succeeded');
    const before = versions(emulatorResources(w.emulator));
    w.emulator.resetCalls();

    const result = await reconcileFiles(w, v1!, { allowPrune: true });
    expect(result.status).toBe('succeeded');
    const skipped = result.plan!.changes.filter((c) => c.action === 'skip');
    expect(skipped.map((c) => `${c.reason} ${c.name}`).sort()).toEqual([
      'prune-disabled jazz-v2_prod',
      'prune-disabled metal-v2_prod',
    ]);
    expect(writes(w).filter((c) => c.operation.startsWith('Delete'))).toEqual([]);
    for (const c of skipped) expect(before.get(c.observed!.arn)).toBeDefined();
    const after = versions(emulatorResources(w.emulator));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const c of skipped) expect(after.get(c.observed!.arn)).toBe(before.get(c.observed!.arn));
  });
});
