import type { ManifestFile } from '@meshcd/core';

/** How many of each thing a generated mesh holds (one mesh, one router, one gateway). */
export interface MeshSize {
  nodes: number;
  services: number;
  routes: number;
  gatewayRoutes: number;
  /** Backends of node-0. */
  backends: number;
  /** Weighted targets of route-0 (at most `nodes`). */
  weightedTargets: number;
}

const doc = (lines: string[]) => lines.join('\n');

/**
 * A manifest tree for one generated mesh `gen` of the given size: the way to reach a quota exactly without
 * hand-writing hundreds of objects.
 */
export function generateMesh(size: MeshSize): ManifestFile[] {
  const docs: string[] = [
    doc([
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: gen',
      '  labels: { mesh: gen, gateway: gw }',
    ]),
    doc([
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: Mesh',
      'metadata: { name: gen }',
      'spec:',
      '  namespaceSelector: { matchLabels: { mesh: gen } }',
    ]),
  ];
  for (let i = 0; i < size.nodes; i++) {
    const backends =
      i === 0
        ? Array.from(
            { length: size.backends },
            (_, b) => `    - virtualService: { virtualServiceRef: { name: svc-${b} } }`,
          )
        : [];
    docs.push(
      doc([
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualNode',
        `metadata: { name: node-${i}, namespace: gen }`,
        'spec:',
        '  listeners:',
        '    - portMapping: { port: 8080, protocol: http }',
        `  serviceDiscovery: { dns: { hostname: node-${i}.gen.svc.cluster.local } }`,
        ...(backends.length > 0 ? ['  backends:', ...backends] : []),
      ]),
    );
  }
  for (let s = 0; s < size.services; s++) {
    docs.push(
      doc([
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: VirtualService',
        `metadata: { name: svc-${s}, namespace: gen }`,
        'spec:',
        `  awsName: svc-${s}.gen.svc.cluster.local`,
        '  provider:',
        s === 0
          ? '    virtualRouter: { virtualRouterRef: { name: router } }'
          : `    virtualNode: { virtualNodeRef: { name: node-${s % size.nodes} } }`,
      ]),
    );
  }
  const routes = Array.from({ length: size.routes }, (_, r) => {
    const targets = r === 0 ? size.weightedTargets : 1;
    return [
      `    - name: route-${r}`,
      '      httpRoute:',
      `        match: { prefix: /r${r} }`,
      '        action:',
      '          weightedTargets:',
      ...Array.from(
        { length: targets },
        (_, t) => `            - { virtualNodeRef: { name: node-${t} }, weight: ${t + 1} }`,
      ),
    ].join('\n');
  });
  docs.push(
    doc([
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualRouter',
      'metadata: { name: router, namespace: gen }',
      'spec:',
      '  listeners:',
      '    - portMapping: { port: 8080, protocol: http }',
      ...(routes.length > 0 ? ['  routes:', ...routes] : []),
    ]),
    doc([
      'apiVersion: appmesh.k8s.aws/v1beta2',
      'kind: VirtualGateway',
      'metadata: { name: gw, namespace: gen }',
      'spec:',
      '  namespaceSelector: { matchLabels: { gateway: gw } }',
      '  listeners:',
      '    - portMapping: { port: 8088, protocol: http }',
    ]),
  );
  for (let g = 0; g < size.gatewayRoutes; g++) {
    docs.push(
      doc([
        'apiVersion: appmesh.k8s.aws/v1beta2',
        'kind: GatewayRoute',
        `metadata: { name: gr-${g}, namespace: gen }`,
        'spec:',
        '  httpRoute:',
        `    match: { prefix: /g${g} }`,
        '    action: { target: { virtualService: { virtualServiceRef: { name: svc-0 } } } }',
      ]),
    );
  }
  return [{ path: 'gen/mesh.yaml', content: `${docs.join('\n---\n')}\n` }];
}
