import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type V1Deployment,
  Watch,
} from '@kubernetes/client-node';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The client the ClusterApi adapter uses, against the emulator, through an in-memory KubeConfig. */
describe('@kubernetes/client-node against the Kubernetes API emulator', () => {
  let emulator: KubeEmulatorHandle;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let objects: KubernetesObjectApi;
  let config: KubeConfig;

  beforeAll(async () => {
    emulator = await startKubeEmulator();
    config = new KubeConfig();
    config.loadFromString(emulator.kubeconfig());
    core = config.makeApiClient(CoreV1Api);
    apps = config.makeApiClient(AppsV1Api);
    objects = KubernetesObjectApi.makeApiClient(config);
  });
  afterAll(() => emulator?.close());

  const deployment = (replicas: number, image: string): V1Deployment => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'orders', labels: { 'app.kubernetes.io/managed-by': 'meshcd' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'api', image }] },
      },
    },
  });

  const status = async (promise: Promise<unknown>): Promise<number> => {
    try {
      await promise;
      return 200;
    } catch (error) {
      if (error instanceof ApiException) return error.code;
      throw error;
    }
  };

  it('creates and reads a namespace through the typed client', async () => {
    await core.createNamespace({ body: { metadata: { name: 'orders', labels: { mesh: 'm' } } } });
    const read = await core.readNamespace({ name: 'orders' });
    // The server labels every namespace with its own name.
    expect(read.metadata?.labels).toEqual({ mesh: 'm', 'kubernetes.io/metadata.name': 'orders' });
    expect(read.status?.phase).toBe('Active');
  });

  it('server-side applies through the generic object client with field manager meshcd', async () => {
    const applied = await objects.patch(
      deployment(2, 'api:1'),
      undefined,
      undefined,
      'meshcd',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.metadata?.managedFields?.map((m) => [m.manager, m.operation])).toEqual([
      ['meshcd', 'Apply'],
    ]);
    const read = await apps.readNamespacedDeployment({ name: 'api', namespace: 'orders' });
    expect(read.spec?.replicas).toBe(2);
  });

  it('lists managed objects by label selector', async () => {
    const list = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'app.kubernetes.io/managed-by=meshcd',
    });
    expect(list.items.map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual(['orders/api']);
    expect(
      (await apps.listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/managed-by!=meshcd' }))
        .items,
    ).toEqual([]);
  });

  it('reports a stale replace as 409 and a missing object as 404', async () => {
    const live = await apps.readNamespacedDeployment({ name: 'api', namespace: 'orders' });
    await objects.patch(
      deployment(3, 'api:1'),
      undefined,
      undefined,
      'meshcd',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(
      await status(apps.replaceNamespacedDeployment({ name: 'api', namespace: 'orders', body: live })),
    ).toBe(409);
    expect(await status(apps.readNamespacedDeployment({ name: 'absent', namespace: 'orders' }))).toBe(404);
  });

  it('does not write on a dry-run apply', async () => {
    await objects.patch(
      deployment(9, 'api:9'),
      undefined,
      'All',
      'meshcd',
      true,
      PatchStrategy.ServerSideApply,
    );
    const read = await apps.readNamespacedDeployment({ name: 'api', namespace: 'orders' });
    expect(read.spec?.replicas).toBe(3);
  });

  it('streams changes to a client-node Watch', async () => {
    const seen: string[] = [];
    let sawDelete: () => void = () => {};
    const deleted = new Promise<void>((resolve) => {
      sawDelete = resolve;
    });
    const watch = await new Watch(config).watch(
      '/api/v1/namespaces/orders/configmaps',
      {},
      (type: string, object: { metadata: { name: string } }) => {
        seen.push(`${type} ${object.metadata.name}`);
        if (type === 'DELETED') sawDelete();
      },
      () => {},
    );
    await core.createNamespacedConfigMap({
      namespace: 'orders',
      body: { metadata: { name: 'cfg' }, data: { a: '1' } },
    });
    await core.deleteNamespacedConfigMap({ namespace: 'orders', name: 'cfg' });
    await deleted;
    watch.abort();
    expect(seen).toEqual(['ADDED cfg', 'DELETED cfg']);
  });

  it('deletes through the generic client', async () => {
    await objects.delete({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'orders' },
    });
    expect(await status(apps.readNamespacedDeployment({ name: 'api', namespace: 'orders' }))).toBe(404);
  });
});
