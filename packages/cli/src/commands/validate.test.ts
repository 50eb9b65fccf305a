import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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

  it('exits 1 when the directory does not exist', async () => {
    expect(await main(['node', 'meshcd', 'validate', join(dir, 'missing')])).toBe(1);
  });
});
