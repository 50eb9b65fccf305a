import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../engine/run-cli.ts';

const node = (name: string) => `---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: ${name}
  listeners:
    - portMapping:
        port: 8080
        protocol: http
      healthCheck:
        protocol: http
        path: /ping
        healthyThreshold: 2
        unhealthyThreshold: 2
        timeoutMillis: 2000
        intervalMillis: 5000
  serviceDiscovery:
    dns:
      hostname: ${name}.shop.svc.cluster.local
`;

const targets = (weights: Record<string, number>) =>
  Object.entries(weights)
    .map(
      ([name, weight]) =>
        `            - virtualNodeRef:\n                name: ${name}\n              weight: ${weight}\n`,
    )
    .join('');

const tree = (weights: Record<string, number>) => `apiVersion: v1
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
${node('web')}${node('web-canary')}---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: web
  namespace: shop
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
    - name: web-route
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
${targets(weights)}`;

describe('plan detail: what a create sets, lists item by item, routes under their router', () => {
  const root = mkdtempSync(join(tmpdir(), 'meshcd-plan-detail-'));
  const state = join(root, 'state');
  const dir = join(root, 'tree');
  const local = ['--local', '--state', state];
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('shows the attributes a create sets, cut short for a long spec, and names the router of a route', async () => {
    writeFileSync(join(dir, 'mesh.yaml'), tree({ web: 100 }));
    const text = await runCli('plan', dir, ...local);
    expect(text.code).toBe(2);
    const lines = text.stdout.split('\n');
    const route = lines.findIndex((l) => l.startsWith('+ Route web-route of router web_shop (mesh shop'));
    expect(route).toBeGreaterThan(-1);
    expect(lines.slice(route + 1, route + 8)).toEqual([
      '      httpRoute:',
      '        match:',
      '          prefix: /',
      '        action:',
      '          weightedTargets:',
      '            - virtualNode: web_shop',
      '              weight: 100',
    ]);
    // An empty spec sets nothing worth a line.
    expect(lines[lines.findIndex((l) => l.startsWith('+ Mesh shop ')) + 1]).toMatch(/^\+ VirtualNode /);
    // A virtual node's spec is longer than the plan shows: the rest is counted, not dropped silently.
    const vn = lines.findIndex((l) => l.startsWith('+ VirtualNode web_shop '));
    expect(lines.slice(vn + 1, vn + 14).join('\n')).toMatch(/listeners:[\s\S]*… \(\d+ more lines\)/);

    const json = JSON.parse((await runCli('plan', dir, ...local, '--output', 'json')).stdout);
    const created = json.changes.find((c: { kind: string }) => c.kind === 'Route');
    expect(created).toMatchObject({ name: 'web-route', router: 'web_shop' });
    expect(created.attributes.httpRoute.action.weightedTargets).toEqual([
      { virtualNode: 'web_shop', weight: 100 },
    ]);

    const md = (await runCli('plan', dir, ...local, '--output', 'markdown')).stdout;
    expect(md).toContain('Route **web-route** of router web_shop (mesh shop)');
    expect(md).toContain('<details><summary>Route <b>web-route</b> of router web_shop (mesh shop)</summary>');
  });

  it('shows a canary target added to a route as one added line with its weight', async () => {
    writeFileSync(join(dir, 'mesh.yaml'), tree({ web: 100 }));
    expect((await runCli('apply', dir, ...local)).code).toBe(0);
    writeFileSync(join(dir, 'mesh.yaml'), tree({ web: 90, 'web-canary': 10 }));

    const text = (await runCli('plan', dir, ...local)).stdout;
    const path = 'httpRoute.action.weightedTargets';
    expect(text).toContain(`~ Route web-route of router web_shop (mesh shop, spec-changed)`);
    const diff = text.split('\n').filter((l) => l.includes(path));
    expect(diff).toEqual([
      `    ~ ${path}[virtualNode=web_shop].weight: 100 → 90`,
      `    + ${path}[virtualNode=web-canary_shop]: {"virtualNode":"web-canary_shop","weight":10}`,
    ]);

    const md = (await runCli('plan', dir, ...local, '--output', 'markdown')).stdout;
    expect(md).toContain(`| + \`${path}[virtualNode=web-canary_shop]\` | _(absent)_ |`);
    const json = JSON.parse((await runCli('plan', dir, ...local, '--output', 'json')).stdout);
    expect(json.changes.find((c: { action: string }) => c.action === 'update')).toMatchObject({
      router: 'web_shop',
      diff: [
        { path: `${path}[virtualNode=web_shop].weight`, expected: 90, actual: 100 },
        {
          path: `${path}[virtualNode=web-canary_shop]`,
          expected: { virtualNode: 'web-canary_shop', weight: 10 },
        },
      ],
    });
  });
});
