import type { ManifestFile } from '@meshcd/core';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileFiles } from './engine-checks.ts';
import { type EngineWorld, startEngineWorld, writeCalls } from './world.ts';

const worlds: EngineWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

const manifests = (weights: [number, number]): ManifestFile[] => [
  {
    path: 'mesh.yaml',
    content: `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: shop } }
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: shop }
spec: { namespaceSelector: { matchLabels: { mesh: shop } } }
${['a', 'b']
  .map(
    (n) => `---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: ${n}, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 80, protocol: http } }]
  serviceDiscovery: { dns: { hostname: ${n}.shop } }
`,
  )
  .join('')}---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata: { name: r, namespace: shop }
spec:
  listeners: [{ portMapping: { port: 80, protocol: http } }]
  routes:
    - name: split
      httpRoute:
        match: { prefix: / }
        action:
          weightedTargets:
            - { virtualNodeRef: { name: a }, weight: ${weights[0]} }
            - { virtualNodeRef: { name: b }, weight: ${weights[1]} }
`,
  },
];

describe('rules App Mesh enforces are checked before the first write', () => {
  it('refuses route weights over 100 at file:line:column with no write, where App Mesh failed halfway', async () => {
    const w = await startEngineWorld();
    worlds.push(w);
    const refused = await reconcileFiles(w, manifests([60, 50]));
    expect(refused.status).toBe('refused');
    expect(refused.diagnostics).toEqual([
      expect.objectContaining({
        file: 'mesh.yaml',
        line: 34,
        column: 11,
        object: 'VirtualRouter/shop/r',
        path: 'spec.routes[0].httpRoute.action.weightedTargets',
      }),
    ]);
    expect(writeCalls(w.emulator)).toEqual([]);
    expect((await reconcileFiles(w, manifests([60, 40]))).status).toBe('succeeded');
  });
});
