import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManifestFile, reconcile } from '@meshcd/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';
import { writeCalls } from '../engine/world.ts';
import { type ClusterWorld, kubeWrites, startClusterWorld } from './cluster-world.ts';

const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    mesh: shop
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: shop
spec:
  namespaceSelector:
    matchLabels:
      mesh: shop
`;
const settings = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
immutable: true
data:
  mode: ${mode}
`;
const node = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: web.shop.svc.cluster.local
`;
const deployment = (pullPolicy: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1
          imagePullPolicy: ${pullPolicy}
`;
const tree = (...docs: string[]): ManifestFile[] => [{ path: 'shop.yaml', content: docs.join('---\n') }];
const realWrites = (world: ClusterWorld) => kubeWrites(world.kube).filter((c) => !c.query.includes('dryRun'));

describe('a manifest set is applied whole or not at all', () => {
  let world: ClusterWorld;
  afterEach(() => world.close());
  let runs = 0;
  const run = (files: ManifestFile[]) =>
    reconcile({
      target: world.target,
      revision: `rev-${runs}`,
      files,
      mode: 'apply',
      mesh: world.mesh,
      state: world.state,
      cluster: world.cluster,
      runId: `run-${runs++}`,
      now: () => new Date(),
    });

  it('refuses a set with one invalid Deployment at its file and line, writing nothing anywhere', async () => {
    world = await startClusterWorld();
    const [file] = tree(namespace, node, deployment('Sometimes'));
    const dir = mkdtempSync(join(tmpdir(), 'meshcd-whole-'));
    writeFileSync(join(dir, file!.path), file!.content);
    const validated = await runCli('validate', dir);
    rmSync(dir, { recursive: true, force: true });
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(
      'shop.yaml:52:11 error [invalid-value]\n  Deployment/shop/web spec.template.spec.containers[0].imagePullPolicy\n',
    );
    const result = await run([file!]);
    expect(result.status).toBe('refused');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        file: 'shop.yaml',
        line: 52,
        object: 'Deployment/shop/web',
        path: 'spec.template.spec.containers[0].imagePullPolicy',
      }),
    ]);
    expect(writeCalls(world.emulator)).toEqual([]);
    expect(kubeWrites(world.kube)).toEqual([]);
  });

  it('refuses the whole set when the cluster refuses one object on the dry run, before any App Mesh write', async () => {
    world = await startClusterWorld();
    expect((await run(tree(namespace, settings('fast')))).status).toBe('succeeded');
    const meshWrites = writeCalls(world.emulator).length;
    const clusterWrites = realWrites(world).length;
    // The data of an immutable ConfigMap cannot change: only the live cluster can say so.
    const result = await run(tree(namespace, settings('slow'), node, deployment('IfNotPresent')));
    expect(result.status).toBe('refused');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        code: 'cluster-refused',
        file: 'shop.yaml',
        line: 17,
        object: 'ConfigMap/shop/settings',
        message: expect.stringContaining('data: Forbidden: field is immutable when `immutable` is set'),
      }),
    ]);
    expect(writeCalls(world.emulator)).toHaveLength(meshWrites);
    expect(realWrites(world)).toHaveLength(clusterWrites);
    expect(result.run.errors?.[0]).toMatchObject({ reason: 'cluster-refused' });
  });
});
