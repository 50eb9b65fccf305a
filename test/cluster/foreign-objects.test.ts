import { detectDrift, type ManifestFile, reconcile } from '@meshcd/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClusterWorld, startClusterWorld } from './cluster-world.ts';

const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  mode: fast\n`;
const tree = (...docs: string[]): ManifestFile[] => [{ path: 'shop.yaml', content: docs.join('---\n') }];
const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };
const uidOf = (o: { metadata: Record<string, unknown> } | undefined) => o?.metadata.uid as string | undefined;

describe('a cluster object deleted and re-created by hand', () => {
  let world: ClusterWorld;
  afterEach(() => world.close());
  let runs = 0;
  const run = (files: ManifestFile[], mode: 'plan' | 'apply', allowPrune = false) =>
    reconcile({
      target: world.target,
      revision: `rev-${runs}`,
      files,
      mode,
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      allowPrune,
      runId: `run-${runs++}`,
      now: () => new Date(),
    });

  it('is foreign: plan leaves it alone, drift reports the other uid, prune does not delete it', async () => {
    world = await startClusterWorld();
    const files = tree(namespace, configMap('settings'), configMap('other'));
    expect((await run(files, 'apply')).status).toBe('succeeded');
    const recorded = await world.state.getInventory(world.target.id, 'kube:shop//ConfigMap/settings');
    const original = await world.cluster.get(ref);
    expect(recorded).toMatchObject({ uid: uidOf(original), sourceFile: 'shop.yaml' });
    if (recorded?.provider !== 'kube') throw new Error('the ConfigMap was not recorded as a cluster object');

    // Someone deletes it and applies the Git manifest by hand: same name, no meshcd label, new uid.
    await world.cluster.delete(ref);
    await world.cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'shop' },
        data: { mode: 'fast' },
      },
      { fieldManager: 'kubectl' },
    );
    const stranger = await world.cluster.get(ref);
    expect(uidOf(stranger)).not.toBe(recorded?.uid);

    const planned = await run(files, 'plan');
    expect(planned.clusterPlan?.changes.find((c) => c.name === 'settings')).toMatchObject({
      action: 'skip',
      reason: 'unowned-conflict',
    });

    const drift = await detectDrift({
      target: world.target,
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      record: false,
      heal: false,
      runId: 'drift',
      now: () => new Date(),
    });
    expect(drift.items.find((i) => i.key === 'kube:shop//ConfigMap/settings')).toMatchObject({
      state: 'Modified',
      reason: 'replaced',
      differences: [{ path: 'metadata.uid', expected: recorded?.uid, actual: uidOf(stranger) }],
    });

    const pruned = await run(tree(namespace, configMap('other')), 'apply', true);
    expect(pruned.status).toBe('succeeded');
    expect(uidOf(await world.cluster.get(ref))).toBe(uidOf(stranger));
    expect(await world.state.getInventory(world.target.id, 'kube:shop//ConfigMap/settings')).toBeUndefined();
  });
});
