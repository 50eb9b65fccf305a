import type { ManifestFile } from '@meshcd/core';

export interface MeshShape {
  meshes: number;
  nodesPerMesh: number;
  /** Each router has one route to a node and fronts one virtual service. */
  routersPerMesh: number;
  /** Services provided directly by a node (on top of one per router). */
  nodeServicesPerMesh: number;
}

/** 5 × (1 mesh + 80 nodes + 30 routers + 30 routes + 60 services) = 1,005 resources, inside every default quota. */
export const benchShape: MeshShape = {
  meshes: 5,
  nodesPerMesh: 80,
  routersPerMesh: 30,
  nodeServicesPerMesh: 30,
};

export const resourceCount = (s: MeshShape) =>
  s.meshes * (1 + s.nodesPerMesh + 2 * s.routersPerMesh + s.routersPerMesh + s.nodeServicesPerMesh);

const node = (ns: string, i: number, port: number, backend: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: node-${i}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: node-${i}
  listeners:
    - portMapping:
        port: ${port}
        protocol: http
  backends:
    - virtualService:
        virtualServiceRef:
          name: ${backend}
  serviceDiscovery:
    dns:
      hostname: node-${i}.${ns}.svc.cluster.local
`;

const router = (ns: string, i: number, target: number) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: router-${i}
  namespace: ${ns}
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
    - name: route-${i}
      httpRoute:
        match:
          prefix: /
        action:
          weightedTargets:
            - virtualNodeRef:
                name: node-${target}
              weight: 100
`;

const service = (ns: string, name: string, provider: string) => `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  awsName: ${name}.${ns}.svc.cluster.local
  provider:
${provider}`;

/**
 * A manifest tree of the given shape, one file per namespace, as a platform team would keep it: Namespaces
 * labelled into their mesh, Meshes selecting them, nodes with a backend, routers with a route, services.
 * `changed` lists node indexes (in mesh 0, then 1, …) whose listener port differs, for a small change set.
 */
export function generateMeshManifests(
  shape: MeshShape,
  changed: ReadonlySet<number> = new Set(),
): ManifestFile[] {
  const files: ManifestFile[] = [];
  for (let m = 0; m < shape.meshes; m++) {
    const ns = `team-${m}`;
    const docs = [
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    mesh: mesh-${m}\n`,
      `apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata:\n  name: mesh-${m}\nspec:\n  namespaceSelector:\n    matchLabels:\n      mesh: mesh-${m}\n`,
    ];
    for (let i = 0; i < shape.nodesPerMesh; i++) {
      const port = changed.has(m * shape.nodesPerMesh + i) ? 9090 : 8080;
      docs.push(node(ns, i, port, `svc-${(i + 1) % shape.routersPerMesh}`));
    }
    for (let r = 0; r < shape.routersPerMesh; r++) {
      docs.push(router(ns, r, r % shape.nodesPerMesh));
      docs.push(
        service(ns, `svc-${r}`, `    virtualRouter:\n      virtualRouterRef:\n        name: router-${r}\n`),
      );
    }
    for (let s = 0; s < shape.nodeServicesPerMesh; s++) {
      const target = shape.nodesPerMesh - 1 - s;
      docs.push(
        service(ns, `direct-${s}`, `    virtualNode:\n      virtualNodeRef:\n        name: node-${target}\n`),
      );
    }
    files.push({ path: `${ns}.yaml`, content: docs.join('---\n') });
  }
  return files;
}
