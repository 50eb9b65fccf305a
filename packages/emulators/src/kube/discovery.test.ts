import { describe, expect, it } from 'vitest';
import { emulatorFixture, type Loose, ns } from './emulator-fixture.ts';

const { start } = emulatorFixture();

describe('discovery', () => {
  it('serves legacy and aggregated discovery', async () => {
    const { emulator } = await start();
    const legacy = (await (await fetch(`${emulator.endpoint}/apis/apps/v1`)).json()) as Loose;
    expect(legacy.resources.map((r: Loose) => r.name)).toEqual([
      'deployments',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
      'daemonsets',
    ]);
    const aggregated = await fetch(`${emulator.endpoint}/api`, {
      headers: {
        accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(aggregated.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const body = (await aggregated.json()) as Loose;
    expect(body.items[0].versions[0].resources.find((r: Loose) => r.resource === 'namespaces').scope).toBe(
      'Cluster',
    );
  });

  it('serves extra resource types, such as a CRD an in-cluster controller would bring', async () => {
    const { call } = await start({
      extraResources: [
        { group: 'appmesh.k8s.aws', version: 'v1beta2', kind: 'Mesh', plural: 'meshes', namespaced: false },
      ],
    });
    await call('POST', '/api/v1/namespaces', ns('appmesh-system'));
    await call('POST', '/apis/apps/v1/namespaces/appmesh-system/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'appmesh-controller', labels: { 'app.kubernetes.io/name': 'appmesh-controller' } },
      spec: {
        selector: { matchLabels: { app: 'c' } },
        template: { metadata: { labels: { app: 'c' } }, spec: { containers: [{ name: 'c', image: 'c' }] } },
      },
    });
    const mesh = await call('POST', '/apis/appmesh.k8s.aws/v1beta2/meshes', {
      apiVersion: 'appmesh.k8s.aws/v1beta2',
      kind: 'Mesh',
      metadata: { name: 'm' },
      spec: {},
    });
    expect(mesh.status).toBe(201);
    const found = await call(
      'GET',
      '/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3Dappmesh-controller',
    );
    expect(found.body.items.map((d: Loose) => d.metadata.namespace)).toEqual(['appmesh-system']);
  });
});
