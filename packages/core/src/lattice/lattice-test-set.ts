import { validateManifests } from '../desired/validate-manifests.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';
import { type LatticeTranslation, translateToLattice } from './translate-to-lattice.ts';

/** A namespace in mesh `shop`, the mesh itself, and whatever the test adds: the smallest set that resolves. */
export const SHOP = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata: { name: shop }
spec:
  namespaceSelector: { matchLabels: { mesh: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { mesh: shop } }
`;

export const node = (
  name: string,
  listeners = '    - portMapping: { port: 8080, protocol: http }',
  extra = '',
) => `---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: { name: ${name}, namespace: shop }
spec:
  podSelector: { matchLabels: { app: ${name} } }
  listeners:
${listeners}
  serviceDiscovery: { dns: { hostname: ${name}.shop.svc.cluster.local } }
${extra ? `${extra}\n` : ''}`;

export const service = (name: string, provider: string) => `---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata: { name: ${name}, namespace: shop }
spec:
  awsName: ${name}.shop.svc.cluster.local
  provider: ${provider}
`;

export const router = (name: string, listeners: string, routes: string) => `---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata: { name: ${name}, namespace: shop }
spec:
  listeners:
${listeners}
  routes:
${routes}`;

/** Resolves a manifest set and translates it; a set that does not resolve fails the test with its diagnostics. */
export function translateSet(yaml: string, options: Partial<LatticeOptions> = {}): LatticeTranslation {
  const resolved = validateManifests([{ path: 'set.yaml', content: yaml }]);
  if (!resolved.ok)
    throw new Error(
      resolved.diagnostics.map((d) => `${d.line}:${d.column} ${d.path} ${d.message}`).join('\n'),
    );
  return translateToLattice(resolved.desired, {
    targetId: 'prod',
    options: { vpcId: 'vpc-1', authType: 'NONE', ...options },
  });
}

export const ofKind = <K extends DesiredLatticeResource['kind']>(t: LatticeTranslation, kind: K) =>
  t.desired.resources.filter((r): r is Extract<DesiredLatticeResource, { kind: K }> => r.kind === kind);

export const rowsOf = (t: LatticeTranslation) => t.findings.map((f) => f.row);
