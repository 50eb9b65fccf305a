import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cm, emulatorFixture, type Loose, ns } from './emulator-fixture.ts';

const { start, tempDir } = emulatorFixture();

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
    expect(created.body.metadata).toMatchObject({ name: 'a', namespace: 'default' });
    // A kind without a spec has no generation.
    expect(created.body.metadata.generation).toBeUndefined();
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
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'a' }] } },
      },
    };
    const path = '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=meshcd';
    const yaml = 'application/apply-patch+yaml';
    const created = await call('PATCH', path, manifest, yaml);
    expect(created.status).toBe(201);
    // The deployment controller has written its status since.
    const settled = await call('GET', path);
    expect(settled.body.status.observedGeneration).toBe(1);
    const same = await call('PATCH', path, manifest, yaml);
    expect(same.body.metadata.resourceVersion).toBe(settled.body.metadata.resourceVersion);
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
    // The answer is the namespace as it starts terminating; the namespace controller then purges it.
    expect(gone.body).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' } });
    expect((await call('GET', '/api/v1/namespaces/shop')).status).toBe(404);
    expect((await call('GET', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(200);
    expect((await call('DELETE', '/api/v1/namespaces/shop/configmaps/a')).status).toBe(404);
  });

  it('refuses a label value that is not a string as the decoder does, naming the field', async () => {
    const { call } = await start();
    const response = await call('POST', '/api/v1/namespaces', {
      ...ns('x'),
      metadata: { name: 'x', labels: { n: 1 } },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field Namespace.metadata.labels.n of type string',
    );
  });

  it('persists to kube.json and loads it on the next start', async () => {
    const stateDir = tempDir();
    const first = await start({ stateDir });
    await first.call('POST', '/api/v1/namespaces/default/configmaps', cm('kept', { k: 'v' }));
    await first.stop();
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
