import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { node, router, SHOP, service } from '../../../core/src/lattice/lattice-test-set.ts';
import { main } from '../main.ts';

const SET = SHOP + node('api') + service('api', '{ virtualNode: { virtualNodeRef: { name: api } } }');
const RETRIES = router(
  'api',
  '    - portMapping: { port: 8080, protocol: http }',
  `    - name: all
      httpRoute:
        match: { prefix: / }
        action: { weightedTargets: [{ virtualNodeRef: { name: api }, weight: 1 }] }
        retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: s, value: 1 }, httpRetryEvents: [server-error] }
`,
);

let dir: string;
let stdout: string;
let stderr: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshcd-migrate-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const migrate = (...args: string[]) => main(['node', 'meshcd', 'migrate', dir, '--to', 'lattice', ...args]);

describe('meshcd migrate --to lattice', () => {
  it('exits 0 and prints a Markdown report when everything maps', async () => {
    await writeFile(join(dir, 'set.yaml'), SET);
    expect(await migrate()).toBe(0);
    expect(stdout).toMatch(/^# Migration to VPC Lattice/);
    expect(stdout).toContain('| VirtualService/shop/api | set.yaml:');
    expect(stdout).toContain('api-shop-<id>.<partition>.vpc-lattice-svcs.<region>.on.aws');
    expect(stderr).toContain('Everything maps to VPC Lattice');
  });

  it('exits 2 when a field is lost, naming it with file:line:column and what to do instead', async () => {
    const content =
      SET.replace(
        'provider: { virtualNode: { virtualNodeRef: { name: api } } }',
        'provider: { virtualRouter: { virtualRouterRef: { name: api } } }',
      ) + RETRIES;
    await writeFile(join(dir, 'set.yaml'), content);
    const line = content.split('\n').findIndex((l) => l.includes('retryPolicy')) + 1;
    expect(await migrate('--region', 'eu-west-1')).toBe(2);
    expect(stdout).toContain(
      `| set.yaml:${line}:9 | VirtualRouter/shop/api | spec.routes[0].httpRoute.retryPolicy | 2 retries of all |`,
    );
    expect(stdout).toContain('Move retries into the clients');
    expect(stdout).toContain('vpc-lattice-svcs.eu-west-1.on.aws');
  });

  it('writes JSON or HTML to --out', async () => {
    await writeFile(join(dir, 'set.yaml'), SET);
    const out = join(dir, 'report.json');
    expect(await migrate('--format', 'json', '--out', out)).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report).toMatchObject({ to: 'lattice', outcome: 'maps', summary: { lost: 0 } });
    expect(stdout).toBe('');
    const html = join(dir, 'report.html');
    expect(await migrate('--format', 'html', '--out', html, '--auth-type', 'AWS_IAM')).toBe(2);
    expect(await readFile(html, 'utf8')).toContain('<h2>Cut-over order</h2>');
  });

  it('exits 1 with the validation errors (file:line:column) for invalid manifests, and for a missing directory', async () => {
    await writeFile(
      join(dir, 'set.yaml'),
      SET.replace('port: 8080, protocol: http', 'port: 8080, protocol: carrier-pigeon'),
    );
    expect(await migrate()).toBe(1);
    expect(stderr).toMatch(/set\.yaml:\d+:\d+/);
    expect(stdout).toBe('');
    expect(await migrate('--format', 'json')).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ valid: false });
    expect(await main(['node', 'meshcd', 'migrate', join(dir, 'nope'), '--to', 'lattice'])).toBe(1);
  });

  it('says which namespaces it could not place in a mesh, rather than leaving their objects out silently', async () => {
    await writeFile(join(dir, 'set.yaml'), SET.replaceAll('namespace: shop', 'namespace: elsewhere'));
    expect(await migrate()).toBe(0);
    expect(stdout).toContain('Not reported: the App Mesh objects of namespaces elsewhere');
  });

  it('refuses a provider it cannot migrate to', async () => {
    await writeFile(join(dir, 'set.yaml'), SET);
    expect(await main(['node', 'meshcd', 'migrate', dir, '--to', 'istio'])).toBe(1);
  });
});
