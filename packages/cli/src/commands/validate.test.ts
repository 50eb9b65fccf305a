import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

const MESH = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: shop
spec:
  namespaceSelector:
    matchLabels: { mesh: shop }
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { mesh: shop }
`;
const NODE = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: api
  namespace: shop
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
  serviceDiscovery:
    dns: { hostname: api.shop }
`;

let dir: string;
let stdout: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshcd-validate-'));
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('meshcd validate', () => {
  it('exits 0 for a valid tree, reading nested *.yaml and *.yml and ignoring other files', async () => {
    await mkdir(join(dir, 'apps'));
    await writeFile(join(dir, 'mesh.yaml'), MESH);
    await writeFile(join(dir, 'apps', 'api.yml'), NODE);
    await writeFile(join(dir, 'README.md'), '# not a manifest: {');
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(0);
    expect(stdout).toContain('valid: 2 App Mesh resource(s), 1 Kubernetes object(s)');
  });

  it('exits 1 and prints file:line:column, object, field and message for an invalid tree', async () => {
    await writeFile(join(dir, 'mesh.yaml'), MESH);
    await writeFile(join(dir, 'api.yaml'), NODE.replace('protocol: http', 'protocol: udp'));
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
    expect(stdout).toContain('api.yaml:8:34 error [invalid-value]');
    expect(stdout).toContain('VirtualNode/shop/api spec.listeners[0].portMapping.protocol');
    expect(stdout).toContain('must be one of "grpc", "http", "http2", "tcp", not "udp"');
  });

  it('reports a schema error and a dangling reference of the same tree in one pass, each at file:line:column', async () => {
    await writeFile(join(dir, 'mesh.yaml'), MESH);
    await writeFile(join(dir, 'api.yaml'), NODE.replace('protocol: http', 'protocol: udp'));
    await writeFile(
      join(dir, 'router.yaml'),
      `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata: { name: api, namespace: shop }
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
  routes:
    - name: all
      httpRoute:
        match: { prefix: /, colour: red }
        action:
          weightedTargets:
            - virtualNodeRef: { name: gone }
              weight: 1
`,
    );
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
    expect(stdout).toContain('api.yaml:8:34 error [invalid-value]');
    expect(stdout).toMatch(/router\.yaml:10:\d+ error \[unknown-field\]/);
    expect(stdout).toMatch(/router\.yaml:13:\d+ error \[dangling-reference\]/);
    expect(stdout).toContain('VirtualNode shop/gone is not in the manifest set');
  });

  it('names an unselected namespace once, with the Mesh selector and the label to add', async () => {
    await writeFile(join(dir, 'mesh.yaml'), MESH.replace('labels: { mesh: shop }', 'labels: { team: a }'));
    await writeFile(join(dir, 'api.yaml'), NODE);
    await writeFile(
      join(dir, 'web.yaml'),
      NODE.replace('name: api\n', 'name: web\n').replace('api.shop', 'web.shop'),
    );
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
    expect(stdout.split('no Mesh selects namespace "shop"')).toHaveLength(2);
    expect(stdout).toContain('api.yaml:5:3 error [no-matching-mesh]');
    expect(stdout).toContain(
      'no Mesh selects namespace "shop" (labels team=a), so its 2 App Mesh object(s) have no mesh: ' +
        'Mesh "shop" selects mesh=shop; add label mesh=shop to namespace "shop"',
    );
  });

  it('prints a JSON report with every diagnostic when asked', async () => {
    await writeFile(join(dir, 'api.yaml'), NODE.replace('namespace: shop', 'namespace: other'));
    await writeFile(join(dir, 'mesh.yaml'), MESH);
    await writeFile(join(dir, 'broken.yaml'), 'kind: [');
    expect(await main(['node', 'meshcd', 'validate', dir, '--output', 'json'])).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ valid: false, errors: 1, warnings: 1 });
    expect(report.diagnostics.map((d: { code: string; file: string }) => [d.file, d.code])).toEqual([
      ['api.yaml', 'unresolved-namespace'],
      ['broken.yaml', 'yaml-syntax'],
    ]);
  });

  it('exits 1 for a document whose apiVersion key is misspelt instead of skipping it', async () => {
    await writeFile(join(dir, 'mesh.yaml'), MESH);
    await writeFile(join(dir, 'api.yaml'), NODE.replace('apiVersion:', 'apiversion:'));
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
    expect(stdout).toContain('api.yaml:1:1 error [not-a-kubernetes-object]');
    expect(stdout).toContain('document has no apiVersion; is "apiversion" a misspelling of it?');
  });

  it('exits 1 naming a manifest that is a link out of the tree, and names a kustomization as such', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'meshcd-outside-'));
    try {
      await writeFile(join(outside, 'api.yaml'), NODE);
      await writeFile(join(dir, 'mesh.yaml'), MESH);
      await symlink(join(outside, 'api.yaml'), join(dir, 'api.yaml'));
      await writeFile(join(dir, 'kustomization.yaml'), 'resources: [mesh.yaml, api.yaml]\n');
      expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
      expect(stdout).toContain('api.yaml:1:1 error [unreadable-file]');
      expect(stdout).toContain('api.yaml is a symbolic link out of the manifest tree');
      expect(stdout).toContain('kustomization.yaml:1:1 warning [not-a-manifest]');
      expect(stdout).toContain('kustomization.yaml is a kustomize file');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('exits 1 for a name Kubernetes rejects and for bytes that are not UTF-8, at file:line:column', async () => {
    await writeFile(join(dir, 'mesh.yaml'), MESH.replace('name: shop\n  labels', 'name: rød\n  labels'));
    await writeFile(
      join(dir, 'api.yaml'),
      Buffer.concat([Buffer.from(NODE), Buffer.from([0x23, 0xc3, 0x28])]),
    );
    expect(await main(['node', 'meshcd', 'validate', dir])).toBe(1);
    expect(stdout).toContain('mesh.yaml:12:3 error [invalid-metadata]');
    expect(stdout).toContain('Namespace//rød metadata.name');
    expect(stdout).toContain('api.yaml:11:2 error [unreadable-file]');
    expect(stdout).toContain('the file is not valid UTF-8 (byte 0xc3)');
  });

  it('refuses a tree over the byte limit before parsing it', async () => {
    await writeFile(join(dir, 'huge.yaml'), Buffer.alloc(21 * 1024 * 1024, 0x20));
    expect(await main(['node', 'meshcd', 'validate', dir, '--output', 'json'])).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'error',
      error: { phase: 'source', reason: 'too-large', message: expect.stringContaining('huge.yaml') },
    });
  });

  it('exits 1 when the directory does not exist', async () => {
    expect(await main(['node', 'meshcd', 'validate', join(dir, 'missing')])).toBe(1);
  });
});
