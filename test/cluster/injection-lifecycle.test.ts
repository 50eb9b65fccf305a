import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeLiveObject } from '../../packages/core/src/ports/cluster-api.ts';
import { writeCalls } from '../engine/world.ts';
import { type ClusterWorld, kubeWrites, startClusterWorld } from './cluster-world.ts';
import { mesh, namespace, reconcileIn, tree, virtualNode } from './orders-mesh.ts';

const deployment = (image: string, replicas?: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: prod
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      containers:
        - name: app
          image: ${image}
          ports:
            - containerPort: 8080
`;

const orders = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'orders' };
const ordersRef = { namespace: 'prod', group: 'apps', kind: 'Deployment', name: 'orders' };

const podSpec = (o: KubeLiveObject | undefined) =>
  (o?.spec as { template: { spec: Record<string, unknown> } } | undefined)?.template.spec ?? {};
const names = (list: unknown) => ((list ?? []) as Array<{ name: string }>).map((c) => c.name);
const envoyArn = (o: KubeLiveObject | undefined) =>
  ((podSpec(o).containers ?? []) as Array<{ name: string; env?: Array<{ name: string; value?: string }> }>)
    .find((c) => c.name === 'envoy')
    ?.env?.find((e) => e.name === 'APPMESH_RESOURCE_ARN')?.value;

describe('sidecar injection through reconcile and cluster events, on the emulators', () => {
  let world: ClusterWorld;
  beforeEach(async () => {
    world = await startClusterWorld();
  });
  afterEach(() => world.close());

  const run = reconcileIn(() => world);

  /** A change by someone else: a JSON merge patch, which replaces the containers list as a whole. */
  const mergePatch = async (path: string, patch: unknown) => {
    const response = await fetch(`${world.kube.endpoint}${path}?fieldManager=kubectl-edit`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(patch),
    });
    expect(response.status).toBe(200);
  };
  const deploymentPath = '/apis/apps/v1/namespaces/prod/deployments/orders';

  it('injects proxyinit and an Envoy pointing at the virtual node ARN, then a second apply writes nothing', async () => {
    const applied = await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    expect(applied.status).toBe('succeeded');
    const live = await world.cluster.get(orders);
    expect(names(podSpec(live).containers)).toEqual(['app', 'envoy']);
    expect(names(podSpec(live).initContainers)).toEqual(['proxyinit']);
    expect(envoyArn(live)).toBe(
      `arn:aws:appmesh:us-west-2:${world.target.accountId}:mesh/shop/virtualNode/orders_prod`,
    );
    const managers = (live!.metadata.managedFields as Array<{ manager: string }>).map((m) => m.manager);
    expect(managers.sort()).toEqual(['meshcd', 'meshcd-injector']);

    world.kube.calls.length = 0;
    const again = await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    expect(again.status).toBe('succeeded');
    expect(kubeWrites(world.kube)).toEqual([]);
  });

  it('restores an injection removed out of band when the workload event arrives, with no App Mesh call', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    await mergePatch(deploymentPath, {
      spec: {
        template: { spec: { containers: [{ name: 'app', image: 'orders:1' }], initContainers: null } },
      },
    });
    expect(names(podSpec(await world.cluster.get(orders)).containers)).toEqual(['app']);

    world.emulator.resetCalls();
    await world.cluster.checkWorkload(ordersRef);
    const live = await world.cluster.get(orders);
    expect(names(podSpec(live).containers)).toEqual(['app', 'envoy']);
    expect(names(podSpec(live).initContainers)).toEqual(['proxyinit']);
    expect(envoyArn(live)).toContain(':mesh/shop/virtualNode/orders_prod');
    expect(world.emulator.calls).toEqual([]);

    // and a check of an intact workload writes nothing
    world.kube.calls.length = 0;
    await world.cluster.checkWorkload(ordersRef);
    expect(kubeWrites(world.kube)).toEqual([]);
  });

  it('plans the restoration of a removed injection as an update with the missing fields', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    // Git's own container intact, only the sidecar gone
    const app = { name: 'app', image: 'orders:1', ports: [{ containerPort: 8080 }] };
    await mergePatch(deploymentPath, { spec: { template: { spec: { containers: [app] } } } });
    const planned = await run(tree(mesh, namespace, virtualNode, deployment('orders:1')), 'plan');
    expect(planned.status).toBe('changes');
    const pending = planned.clusterPlan!.changes.filter((c) => c.action !== 'unchanged');
    expect(pending.map((c) => [c.subject, c.action, c.reason, c.key])).toEqual([
      ['injection', 'update', 'injection-removed-out-of-band', 'kube:prod/apps/Deployment/orders'],
    ]);
  });

  it('injects a workload created outside Git when its event arrives', async () => {
    await run(tree(mesh, namespace, virtualNode));
    await world.cluster.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'orders', namespace: 'prod' },
        spec: {
          selector: { matchLabels: { app: 'orders' } },
          template: {
            metadata: { labels: { app: 'orders' } },
            spec: { containers: [{ name: 'app', image: 'x' }] },
          },
        },
      },
      { fieldManager: 'ci-pipeline' },
    );
    await world.cluster.checkWorkload(ordersRef);
    expect(names(podSpec(await world.cluster.get(orders)).containers)).toEqual(['app', 'envoy']);
  });

  it('keeps the injection when the workload owner changes the workload in Git', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    const applied = await run(tree(mesh, namespace, virtualNode, deployment('orders:2')));
    const changed = applied.clusterPlan!.changes.filter((c) => c.action !== 'unchanged');
    expect(changed.map((c) => [c.subject, c.reason])).toEqual([['object', 'spec-changed']]);
    const live = await world.cluster.get(orders);
    expect(podSpec(live).containers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'app', image: 'orders:2' })]),
    );
    expect(names(podSpec(live).containers)).toEqual(['app', 'envoy']);
  });

  it('removes exactly the injected fields when the VirtualNode leaves Git', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    const applied = await run(tree(mesh, namespace, deployment('orders:1')), 'apply', true);
    expect(applied.status).toBe('succeeded');
    const live = await world.cluster.get(orders);
    expect(names(podSpec(live).containers)).toEqual(['app']);
    expect(podSpec(live).initContainers).toBeUndefined();
    expect(podSpec(live).securityContext ?? {}).toEqual({});
    expect(live!.metadata.annotations).not.toHaveProperty(['meshcd.io/injection']);
    expect(live!.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'meshcd' });
  });

  it('removes the injection when the namespace turns injection off', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    const off = namespace.replace('sidecarInjectorWebhook: enabled', 'sidecarInjectorWebhook: disabled');
    await run(tree(mesh, off, virtualNode, deployment('orders:1')));
    expect(names(podSpec(await world.cluster.get(orders)).containers)).toEqual(['app']);
  });

  it('leaves replicas to whoever scales the workload when Git does not set them', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1')));
    await mergePatch(deploymentPath, { spec: { replicas: 5 } });
    const planned = await run(tree(mesh, namespace, virtualNode, deployment('orders:1')), 'plan');
    expect(planned.status).toBe('succeeded');
  });

  it('takes replicas back when Git sets them and someone scaled the workload', async () => {
    await run(tree(mesh, namespace, virtualNode, deployment('orders:1', 2)));
    await mergePatch(deploymentPath, { spec: { replicas: 5 } });
    const applied = await run(tree(mesh, namespace, virtualNode, deployment('orders:1', 2)));
    const object = applied.clusterPlan!.changes.find(
      (c) => c.subject === 'object' && c.kind === 'Deployment',
    );
    expect([object?.action, object?.reason, object?.diff]).toEqual([
      'update',
      'drifted',
      [{ path: 'spec.replicas', expected: 2, actual: 5 }],
    ]);
    expect((await world.cluster.get(orders))?.spec).toMatchObject({ replicas: 2 });
  });

  it('refuses, naming both nodes, a workload two VirtualNodes select, and writes nothing', async () => {
    const second = virtualNode.replace('name: orders\n', 'name: orders-v2\n');
    const refused = await run(tree(mesh, namespace, virtualNode, second, deployment('orders:1')));
    expect(refused.status).toBe('refused');
    expect(refused.clusterPlan!.blockers.map((b) => b.message)).toEqual([
      expect.stringContaining('VirtualNode prod/orders and VirtualNode prod/orders-v2'),
    ]);
    expect(kubeWrites(world.kube)).toEqual([]);
    expect(writeCalls(world.emulator)).toEqual([]);
  });
});
