import type { ManifestFile } from '@meshcd/core';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorResources, isWriteOperation, reconcileFiles } from './engine-checks.ts';
import { type EngineWorld, startEngineWorld } from './world.ts';

const manifests = (): ManifestFile[] => [
  {
    path: 'mesh.yaml',
    content: `apiVersion: v1
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
---
apiVersion: appmesh.k8s.aws/v1beta2
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
      healthCheck:
        protocol: http
        path: /ping
        healthyThreshold: 2
        unhealthyThreshold: 2
        timeoutMillis: 2000
        intervalMillis: 5000
  serviceDiscovery:
    dns:
      hostname: web.shop.svc.cluster.local
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualGateway
metadata:
  name: ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: ingress
  listeners:
    - portMapping:
        port: 8088
        protocol: http
      healthCheck:
        protocol: http
        path: /ready
        healthyThreshold: 2
        unhealthyThreshold: 2
        timeoutMillis: 2000
        intervalMillis: 5000
`,
  },
];

describe('fields the service fills in', () => {
  let world: EngineWorld;
  afterEach(() => world.close());

  it('gives a health check sent without a port the listener port, and a second apply writes nothing', async () => {
    world = await startEngineWorld();
    expect((await reconcileFiles(world, manifests())).status).toBe('succeeded');
    const stored = emulatorResources(world.emulator);
    const healthPort = (name: string) => {
      const spec = stored.find((r) => r.name === name)?.spec as {
        listeners: { healthCheck: { port?: number } }[];
      };
      return spec.listeners[0]?.healthCheck.port;
    };
    expect(healthPort('web_shop')).toBe(8080);
    expect(healthPort('ingress_shop')).toBe(8088);
    const before = world.emulator.calls.filter((c) => isWriteOperation(c.operation)).length;
    const again = await reconcileFiles(world, manifests(), { revision: 'rev-2' });
    expect(again.status).toBe('succeeded');
    expect(again.plan?.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
    expect(world.emulator.calls.filter((c) => isWriteOperation(c.operation))).toHaveLength(before);
  });
});
