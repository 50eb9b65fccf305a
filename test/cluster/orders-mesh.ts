import { type ManifestFile, type ReconcileMode, reconcile } from '@meshcd/core';
import type { ClusterWorld } from './cluster-world.ts';

/** The mesh `shop`, selecting namespaces labelled `mesh: shop`. */
export const mesh = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: shop
spec:
  namespaceSelector:
    matchLabels:
      mesh: shop
`;

/** Namespace `prod`, in the mesh and labelled for sidecar injection. */
export const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    mesh: shop
    appmesh.k8s.aws/sidecarInjectorWebhook: enabled
`;

/** VirtualNode `orders` in `prod`, selecting the pods labelled `app: orders`. */
export const virtualNode = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: orders
  namespace: prod
spec:
  podSelector:
    matchLabels:
      app: orders
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  serviceDiscovery:
    dns:
      hostname: orders.prod.svc.cluster.local
`;

/** One file, `shop.yaml`, holding the documents in order. */
export const tree = (...docs: string[]): ManifestFile[] => [
  { path: 'shop.yaml', content: docs.join('---\n') },
];

/** Reconciles a tree into the world's App Mesh and cluster, each run with its own revision and run id. */
export function reconcileIn(world: () => ClusterWorld) {
  let n = 0;
  return (files: ManifestFile[], mode: ReconcileMode = 'apply', allowPrune = false) => {
    const w = world();
    return reconcile({
      target: w.target,
      revision: `rev-${n}`,
      files,
      mode,
      mesh: w.mesh,
      state: w.state,
      cluster: w.cluster,
      ...(allowPrune ? { allowPrune } : {}),
      runId: `run-${n++}`,
      now: () => new Date(),
    });
  };
}
