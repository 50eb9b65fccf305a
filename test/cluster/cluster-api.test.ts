import { MeshcdError } from '@meshcd/core';
import { type KubeEmulatorHandle, startKubeEmulator } from '@meshcd/emulators';
import { buildKubeConfig, createClusterApi } from '@meshcd/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The ClusterApi adapter (client-node) against the Kubernetes API emulator. */
describe('createClusterApi against the Kubernetes API emulator', () => {
  let kube: KubeEmulatorHandle;
  let api: ReturnType<typeof createClusterApi>;
  beforeAll(async () => {
    kube = await startKubeEmulator();
    api = createClusterApi({ kubeConfig: buildKubeConfig({ endpoint: kube.endpoint, token: 't' }) });
  });
  afterAll(() => kube.close());

  const configMap = (name: string, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', labels },
    data: { a: '1' },
  });
  const ref = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

  it('lists namespaces with their labels', async () => {
    await api.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { mesh: 'shop' } } },
      { fieldManager: 'meshcd' },
    );
    expect(await api.listNamespaces()).toContainEqual({
      name: 'shop',
      labels: expect.objectContaining({ mesh: 'shop' }),
    });
  });

  it('applies server-side under the given field manager and reads the object back as plain JSON', async () => {
    const applied = await api.apply(configMap('a'), { fieldManager: 'meshcd' });
    expect(
      (applied.metadata.managedFields as Array<{ manager: string; operation: string }>)[0],
    ).toMatchObject({
      manager: 'meshcd',
      operation: 'Apply',
    });
    const read = await api.get(ref('a'));
    expect(read).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    expect(typeof read!.metadata.creationTimestamp).toBe('string');
  });

  it('takes a field from another manager, as meshcd applies with force', async () => {
    await api.apply({ ...configMap('forced'), data: { a: 'theirs' } }, { fieldManager: 'someone' });
    const applied = await api.apply(configMap('forced'), { fieldManager: 'meshcd' });
    expect(applied.data).toEqual({ a: '1' });
  });

  it('answers undefined for a missing object and treats deleting one as done', async () => {
    expect(await api.get(ref('missing'))).toBeUndefined();
    await expect(api.delete(ref('missing'))).resolves.toBeUndefined();
    await api.apply(configMap('gone'), { fieldManager: 'meshcd' });
    await api.delete(ref('gone'));
    expect(await api.get(ref('gone'))).toBeUndefined();
  });

  it('lists by label selector, with apiVersion and kind on every item', async () => {
    await api.apply(configMap('owned', { 'app.kubernetes.io/managed-by': 'meshcd' }), {
      fieldManager: 'meshcd',
    });
    const owned = await api.list({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      labelSelector: 'app.kubernetes.io/managed-by=meshcd',
    });
    expect(owned.map((o) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([['v1', 'ConfigMap', 'owned']]);
  });

  it('says KindNotServed, not retryable, for a kind the cluster does not serve', async () => {
    const error = await api
      .get({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'default', name: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeshcdError);
    expect(error).toMatchObject({ phase: 'cluster', reason: 'KindNotServed', retryable: false });
  });

  it('reports an invalid object with the API server message, not retryable', async () => {
    const error = await api
      .apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Not_Valid', namespace: 'default' } },
        { fieldManager: 'meshcd' },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: 'cluster', retryable: false });
    expect((error as Error).message).toContain('Not_Valid');
  });

  it('finds an appmesh-controller Deployment in any namespace', async () => {
    expect(await api.detectMeshController()).toBeUndefined();
    await api.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'appmesh-controller', namespace: 'kube-system' },
        spec: {
          selector: { matchLabels: { app: 'c' } },
          template: { metadata: { labels: { app: 'c' } }, spec: { containers: [{ name: 'c', image: 'c' }] } },
        },
      },
      { fieldManager: 'helm' },
    );
    expect(await api.detectMeshController()).toBe('Deployment kube-system/appmesh-controller');
  });

  it("is pure I/O: the targeted workload check is the core's use case over it, not the adapter's", () => {
    expect(Object.keys(api).sort()).toEqual([
      'apply',
      'delete',
      'detectMeshController',
      'get',
      'list',
      'listNamespaces',
      'setPodCondition',
    ]);
  });
});
