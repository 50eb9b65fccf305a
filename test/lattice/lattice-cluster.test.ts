import * as sdk from '@aws-sdk/client-vpc-lattice';
import { type ManifestFile, reconcile } from '@meshcd/core';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { buildKubeConfig, createClusterApi } from '@meshcd/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rbacResources } from '../cluster/cluster-world.ts';
import { type LatticeWorld, latticeTarget, startLatticeWorld } from './lattice-world.ts';
import { shopManifest } from './shop-manifest.ts';

let world: LatticeWorld;
let kube: KubeEmulatorHandle;
let cluster: ReturnType<typeof createClusterApi>;
beforeEach(async () => {
  [world, kube] = await Promise.all([
    startLatticeWorld(),
    startKubeEmulator({ extraResources: rbacResources }),
  ]);
  cluster = createClusterApi({ kubeConfig: buildKubeConfig({ endpoint: kube.endpoint, token: 'test' }) });
});
afterEach(async () => {
  await Promise.all([world.close(), kube.close()]);
});

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: blue, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: blue } }
  template:
    metadata: { labels: { app: blue } }
    spec:
      containers: [{ name: app, image: nginx }]
`;
const configMap = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { mode: fast }
`;
const tree = (...docs: string[]): ManifestFile[] => [
  { path: 'shop.yaml', content: shopManifest(50) },
  ...docs.map((content, i) => ({ path: `app-${i}.yaml`, content })),
];

let runs = 0;
const reconcileTree = (files: ManifestFile[], allowPrune = false) =>
  reconcile({
    target: latticeTarget,
    revision: `r${runs}`,
    files,
    lattice: world.api,
    state: world.store,
    cluster,
    allowPrune,
    runId: `run-${runs++}`,
    now: () => new Date(),
  });

const ref = (kind: string, name: string, apiVersion = 'v1') => ({
  apiVersion,
  kind,
  namespace: 'shop',
  name,
});

describe('a lattice target with plain cluster objects', () => {
  it('applies them beside its Lattice resources, without a sidecar, and prunes only what meshcd applied', async () => {
    const first = await reconcileTree(tree(deployment, configMap));
    expect(first.status).toBe('succeeded');
    const applied = await cluster.get(ref('Deployment', 'blue', 'apps/v1'));
    const containers = (
      applied as unknown as { spec: { template: { spec: { containers: { name: string }[] } } } }
    ).spec.template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(['app']);
    expect(await cluster.get(ref('ConfigMap', 'settings'))).toBeDefined();
    expect(first.clusterApply?.outcomes.every((o) => o.status === 'done')).toBe(true);
    expect((await world.client.send(new sdk.ListServicesCommand({}))).items?.length).toBe(1);

    // Someone else's object in the same namespace, never applied by meshcd.
    await cluster.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'theirs', namespace: 'shop' }, data: {} },
      { fieldManager: 'kubectl' },
    );
    const again = await reconcileTree(tree(deployment, configMap));
    expect(again.status).toBe('succeeded');
    expect(again.clusterPlan?.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);

    // The ConfigMap leaves Git, then everything but the namespace: only meshcd's objects and resources go.
    const pruned = await reconcileTree(tree(deployment));
    expect(pruned.status).toBe('succeeded');
    expect(await cluster.get(ref('ConfigMap', 'settings'))).toBeUndefined();
    expect(await cluster.get(ref('Deployment', 'blue', 'apps/v1'))).toBeDefined();

    // The namespace stays in Git: deleting it would take everything in it along, whoever made it.
    const namespaceOnly =
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { mesh: shop } }\n';
    const gone = await reconcileTree([{ path: 'shop.yaml', content: namespaceOnly }], true);
    expect(gone.status).toBe('succeeded');
    expect(await cluster.get(ref('Deployment', 'blue', 'apps/v1'))).toBeUndefined();
    expect(await cluster.get(ref('ConfigMap', 'theirs'))).toBeDefined();
    expect((await world.client.send(new sdk.ListServicesCommand({}))).items ?? []).toEqual([]);
    expect(world.conflicts()).toEqual([]);
  });
});
