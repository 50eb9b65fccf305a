import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type KubeEmulatorHandle, startKubeEmulator } from './kube-emulator.ts';

// biome-ignore lint/suspicious/noExplicitAny: API responses are arbitrary JSON, inspected field by field.
type Loose = any;

const running: KubeEmulatorHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startKubeEmulator>[0] = {}) {
  const emulator = await startKubeEmulator(options);
  running.push(emulator);
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(emulator.endpoint + path, {
      method,
      headers: { 'content-type': contentType, 'user-agent': 'test-client/1.0' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, Loose> };
  };
  return { emulator, call };
}

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshcd-kube-'));
  dirs.push(dir);
  return dir;
};

const ns = (name: string, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(labels ? { labels } : {}) },
});
const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

describe('Kubernetes API emulator', () => {
  it('starts with the system namespaces', async () => {
    const { call } = await start();
    const list = await call('GET', '/api/v1/namespaces');
    expect(list.body.items.map((n: Loose) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(list.body.items[0].status).toEqual({ phase: 'Active' });
  });

  it('creates an object with server metadata and refuses a second create with AlreadyExists', async () => {
    const { call } = await start();
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { k: 'v' }));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ name: 'a', namespace: 'default', generation: 1 });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.metadata.managedFields[0]).toMatchObject({
      manager: 'test-client',
      operation: 'Update',
    });
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { k: 'v' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      kind: 'Status',
      reason: 'AlreadyExists',
      message: 'configmaps "a" already exists',
    });
  });

  it('answers a missing object with a NotFound Status naming resource and group', async () => {
    const { call } = await start();
    const missing = await call('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      reason: 'NotFound',
      message: 'deployments.apps "web" not found',
      code: 404,
    });
  });

  it('refuses objects in a namespace that does not exist', async () => {
    const { call } = await start();
    const response = await call('POST', '/api/v1/namespaces/nowhere/configmaps', cm('a', {}));
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('namespaces "nowhere" not found');
  });

  it('refuses an update carrying a stale resourceVersion', async () => {
    const { call } = await start();
    const created = (await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { k: '1' }))).body;
    const first = await call('PUT', '/api/v1/namespaces/default/configmaps/a', {
      ...created,
      data: { k: '2' },
    });
    expect(first.status).toBe(200);
    expect(Number(first.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/a', {
      ...created,
      data: { k: '3' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect(stale.body.message).toContain('the object has been modified');
  });

  it('lists with label and field selectors', async () => {
    const { call } = await start();
    await call('POST', '/api/v1/namespaces', ns('shop'));
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', {}, { team: 'x', tier: 'web' }));
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('b', {}, { team: 'y' }));
    await call('POST', '/api/v1/namespaces/shop/configmaps', cm('c', {}, { team: 'x' }));
    const names = async (path: string) =>
      (await call('GET', path)).body.items.map((o: Loose) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(await names('/api/v1/configmaps?labelSelector=team%3Dx')).toEqual(['default/a', 'shop/c']);
    expect(
      await names('/api/v1/namespaces/default/configmaps?labelSelector=team%20in%20(x,y),!tier'),
    ).toEqual(['default/b']);
    expect(await names('/api/v1/configmaps?fieldSelector=metadata.name%3Dc')).toEqual(['shop/c']);
    expect(await names('/api/v1/configmaps?fieldSelector=metadata.namespace!%3Ddefault')).toEqual(['shop/c']);
  });

  it('bumps generation on spec changes only, and keeps resourceVersion for a no-op apply', async () => {
    const { call } = await start();
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const path = '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=meshcd';
    const yaml = 'application/apply-patch+yaml';
    const created = await call('PATCH', path, manifest, yaml);
    expect(created.status).toBe(201);
    const same = await call('PATCH', path, manifest, yaml);
    expect(same.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    const labelled = await call(
      'PATCH',
      path,
      { ...manifest, metadata: { name: 'web', labels: { a: 'b' } } },
      yaml,
    );
    expect(labelled.body.metadata.generation).toBe(1);
    const scaled = await call('PATCH', path, { ...manifest, spec: { ...manifest.spec, replicas: 2 } }, yaml);
    expect(scaled.body.metadata.generation).toBe(2);
  });

  it('requires a field manager for server-side apply', async () => {
    const { call } = await start();
    const response = await call(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/a',
      cm('a', {}),
      'application/apply-patch+yaml',
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('requires fieldManager');
  });

  it('applies merge, JSON and strategic merge patches', async () => {
    const { call } = await start();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { x: '1', y: '2' }));
    const path = '/api/v1/namespaces/default/configmaps/a';
    await call('PATCH', path, { data: { y: null, z: '3' } }, 'application/merge-patch+json');
    await call('PATCH', path, [{ op: 'add', path: '/data/w', value: '4' }], 'application/json-patch+json');
    const last = await call(
      'PATCH',
      path,
      { metadata: { labels: { l: 'v' } } },
      'application/strategic-merge-patch+json',
    );
    expect(last.body.data).toEqual({ x: '1', z: '3', w: '4' });
    expect(last.body.metadata.labels).toEqual({ l: 'v' });
  });

  it('allocates a distinct cluster IP to each Service', async () => {
    const { call } = await start();
    const svc = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { ports: [{ port: 80 }] },
    });
    const a = await call('POST', '/api/v1/namespaces/default/services', svc('a'));
    const b = await call('POST', '/api/v1/namespaces/default/services', svc('b'));
    expect(a.body.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(b.body.spec.clusterIP).not.toBe(a.body.spec.clusterIP);
  });

  it('serves the scale subresource of a Deployment, with resourceVersion preconditions', async () => {
    const { call } = await start();
    const created = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', tier: 'front' } } },
    });
    const path = '/apis/apps/v1/namespaces/default/deployments/web/scale';
    const scale = await call('GET', path);
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 2 },
      status: { selector: 'app=web,tier=front' },
    });
    const scaled = await call('PUT', path, { ...scale.body, spec: { replicas: 4 } });
    expect(scaled.body.spec.replicas).toBe(4);
    const stale = await call('PUT', path, { ...scale.body, spec: { replicas: 6 } });
    expect(stale.status).toBe(409);
    const patched = await call('PATCH', path, { spec: { replicas: 1 } }, 'application/merge-patch+json');
    expect(patched.body.spec.replicas).toBe(1);
    const live = await call('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(live.body.spec.replicas).toBe(1);
    expect(live.body.metadata.generation).toBe(created.body.metadata.generation + 2);
  });

  it('answers kubectl-style Table requests with per-kind columns', async () => {
    const { emulator, call } = await start();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', { x: '1', y: '2' }));
    const response = await fetch(`${emulator.endpoint}/api/v1/namespaces/default/configmaps`, {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = (await response.json()) as Loose;
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: Loose) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.rows[0].cells.slice(0, 2)).toEqual(['a', 2]);
    expect(table.rows[0].object.metadata.name).toBe('a');
  });

  it('writes nothing on dryRun=All', async () => {
    const { call } = await start();
    const dry = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('a', {}));
    expect(dry.status).toBe(201);
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(404);
  });

  it('deletes a namespace with its objects, and still accepts their late deletes', async () => {
    const { call } = await start();
    await call('POST', '/api/v1/namespaces', ns('shop'));
    await call('POST', '/api/v1/namespaces/shop/configmaps', cm('a', {}));
    const gone = await call('DELETE', '/api/v1/namespaces/shop');
    expect(gone.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'shop', kind: 'namespaces' },
    });
    expect((await call('GET', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(200);
    expect((await call('DELETE', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(404);
  });

  it('rejects a label value that is not a string, naming the field', async () => {
    const { call } = await start();
    const response = await call('POST', '/api/v1/namespaces', {
      ...ns('x'),
      metadata: { name: 'x', labels: { n: 1 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('Namespace "x" is invalid: metadata.labels.n: must be a string');
  });

  it('serves legacy and aggregated discovery', async () => {
    const { emulator } = await start();
    const legacy = (await (await fetch(`${emulator.endpoint}/apis/apps/v1`)).json()) as Loose;
    expect(legacy.resources.map((r: Loose) => r.name)).toEqual([
      'deployments',
      'deployments/scale',
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
      spec: { selector: { matchLabels: { app: 'c' } } },
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

  it('persists to kube.json and loads it on the next start', async () => {
    const stateDir = tempDir();
    const first = await start({ stateDir });
    await first.call('POST', '/api/v1/namespaces/default/configmaps', cm('kept', { k: 'v' }));
    await first.emulator.close();
    running.splice(running.indexOf(first.emulator), 1);
    const saved = JSON.parse(readFileSync(join(stateDir, 'kube.json'), 'utf8'));
    expect(saved.objects.map((o: Loose) => o.metadata.name)).toContain('kept');
    const second = await start({ stateDir });
    const kept = await second.call('GET', '/api/v1/namespaces/default/configmaps/kept');
    expect(kept.body.data).toEqual({ k: 'v' });
    const next = await second.call('POST', '/api/v1/namespaces/default/configmaps', cm('new', {}));
    expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(kept.body.metadata.resourceVersion),
    );
  });

  it('shares one cluster between two emulators on the same state directory', async () => {
    const stateDir = tempDir();
    const left = await start({ stateDir });
    const right = await start({ stateDir });
    await left.call('POST', '/api/v1/namespaces/default/configmaps', cm('from-left', { k: 'v' }));
    expect((await right.call('GET', '/api/v1/namespaces/default/configmaps/from-left')).body.data).toEqual({
      k: 'v',
    });
    await right.call('DELETE', '/api/v1/namespaces/default/configmaps/from-left');
    expect((await left.call('GET', '/api/v1/namespaces/default/configmaps/from-left')).status).toBe(404);
  });

  it('restores a snapshot and logs every call', async () => {
    const { emulator, call } = await start();
    const before = emulator.snapshot();
    await call('POST', '/api/v1/namespaces/default/configmaps', cm('a', {}));
    emulator.restore(before);
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/a')).status).toBe(404);
    expect(emulator.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /api/v1/namespaces/default/configmaps 201',
      'GET /api/v1/namespaces/default/configmaps/a 404',
    ]);
  });
});
