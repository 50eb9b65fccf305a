import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeLiveObject } from '../../packages/core/src/ports/cluster-api.ts';
import { type ClusterWorld, kubeWrites, startClusterWorld } from './cluster-world.ts';
import { mesh, namespace, reconcileIn, tree, virtualNode } from './orders-mesh.ts';

const deployment = (...containers: string[]) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: prod
spec:
  replicas: 2
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      containers:
${containers.map((name) => `        - name: ${name}\n          image: ${name}:1\n`).join('')}`;

const base = [mesh, namespace, virtualNode].join('---\n');
const orders = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'orders' };
const containerNames = (spec: unknown) =>
  ((spec as { containers?: Array<{ name: string; image?: string }> }).containers ?? []).map((c) => c.name);
const templateContainers = (o: KubeLiveObject | undefined) =>
  containerNames((o!.spec as { template: { spec: unknown } }).template.spec);
const injectorOwns = (o: KubeLiveObject | undefined) =>
  JSON.stringify(
    ((o?.metadata.managedFields ?? []) as Array<{ manager: string; fieldsV1: unknown }>).find(
      (m) => m.manager === 'meshcd-injector',
    )?.fieldsV1,
  );

describe('Envoy first with the wait-until-proxy-ready setting, on the emulators', () => {
  let world: ClusterWorld;
  beforeEach(async () => {
    world = await startClusterWorld();
    world.target.injector = { waitUntilProxyReady: true };
  });
  afterEach(() => world.close());

  const run = reconcileIn(() => world);

  it('puts Envoy before the app containers in the template and in every pod, then a second apply writes nothing', async () => {
    expect((await run(tree(base, deployment('app', 'worker')))).status).toBe('succeeded');
    const live = await world.cluster.get(orders);
    expect(templateContainers(live)).toEqual(['envoy', 'app', 'worker']);
    // The injector owns Envoy only: the app's containers stay the workload owner's alone.
    expect(injectorOwns(live)).toContain('"k:{\\"name\\":\\"envoy\\"}"');
    expect(injectorOwns(live)).not.toContain('"k:{\\"name\\":\\"app\\"}"');
    const pods = (await (await fetch(`${world.kube.endpoint}/api/v1/namespaces/prod/pods`)).json()) as {
      items: Array<{ spec: unknown }>;
    };
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) expect(containerNames(pod.spec)).toEqual(['envoy', 'app', 'worker']);

    world.kube.calls.length = 0;
    expect((await run(tree(base, deployment('app', 'worker')))).status).toBe('succeeded');
    expect(kubeWrites(world.kube)).toEqual([]);
  });

  it('applies a container renamed in Git: the injector never held the old name', async () => {
    await run(tree(base, deployment('app', 'worker')));
    const renamed = await run(tree(base, deployment('app', 'jobs')));
    expect(renamed.status).toBe('succeeded');
    expect(templateContainers(await world.cluster.get(orders))).toEqual(['envoy', 'app', 'jobs']);
  });

  it('moves an Envoy injected last to the front when the setting is turned on', async () => {
    world.target.injector = {};
    await run(tree(base, deployment('app')));
    expect(templateContainers(await world.cluster.get(orders))).toEqual(['app', 'envoy']);
    world.target.injector = { waitUntilProxyReady: true };
    expect((await run(tree(base, deployment('app')))).status).toBe('succeeded');
    expect(templateContainers(await world.cluster.get(orders))).toEqual(['envoy', 'app']);
  });

  it('puts Envoy back in front when someone moves it, and plans that as the injection drifting', async () => {
    await run(tree(base, deployment('app')));
    const live = await world.cluster.get(orders);
    const containers = (live!.spec as { template: { spec: { containers: unknown[] } } }).template.spec
      .containers;
    const response = await fetch(
      `${world.kube.endpoint}/apis/apps/v1/namespaces/prod/deployments/orders?fieldManager=kubectl-edit`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { template: { spec: { containers: [...containers].reverse() } } } }),
      },
    );
    expect(response.status).toBe(200);
    expect(templateContainers(await world.cluster.get(orders))).toEqual(['app', 'envoy']);
    const planned = await run(tree(base, deployment('app')), 'plan');
    expect(planned.clusterPlan!.changes.filter((c) => c.subject === 'injection')).toEqual([
      expect.objectContaining({ action: 'update', reason: 'injection-removed-out-of-band' }),
    ]);
    expect((await run(tree(base, deployment('app')))).status).toBe('succeeded');
    expect(templateContainers(await world.cluster.get(orders))).toEqual(['envoy', 'app']);
  });
});
