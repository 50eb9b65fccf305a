import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ResolveOptions } from './resolve-desired-state.ts';
import { validateManifests } from './validate-manifests.ts';

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { mesh: shop, gateway: edge }
`;
const MESH = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: shop
spec:
  namespaceSelector:
    matchLabels: { mesh: shop }
`;
const NODE = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: { app: api }
  listeners:
    - portMapping: { port: 8080, protocol: http }
  serviceDiscovery:
    dns: { hostname: api.shop.svc.cluster.local }
`;
const ROUTER = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: api
  namespace: shop
spec:
  listeners:
    - portMapping: { port: 8080, protocol: http }
  routes:
    - name: all
      httpRoute:
        match: { prefix: / }
        action:
          weightedTargets:
            - virtualNodeRef: { name: api }
              weight: 1
`;
const SERVICE = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualService
metadata:
  name: api
  namespace: shop
spec:
  provider:
    virtualRouter:
      virtualRouterRef: { name: api }
`;
const GATEWAY = `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualGateway
metadata:
  name: edge
  namespace: shop
spec:
  namespaceSelector:
    matchLabels: { gateway: edge }
  podSelector:
    matchLabels: { app: edge }
  listeners:
    - portMapping: { port: 8088, protocol: http }
`;
const GATEWAY_ROUTE = `apiVersion: appmesh.k8s.aws/v1beta2
kind: GatewayRoute
metadata:
  name: api
  namespace: shop
spec:
  httpRoute:
    match: { prefix: / }
    action:
      target:
        virtualService:
          virtualServiceRef: { name: api }
`;
const BASE = [NS, MESH, NODE, ROUTER, SERVICE, GATEWAY, GATEWAY_ROUTE];

const run = (docs: string[], options?: ResolveOptions) =>
  validateManifests([{ path: 'mesh.yaml', content: docs.join('---\n') }], options);

function errorsOf(docs: string[], options?: ResolveOptions): Diagnostic[] {
  const result = run(docs, options);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.diagnostics.filter((d) => d.severity === 'error');
}

/** Line of the first occurrence of `text` in the joined documents (1-based). */
function lineOf(docs: string[], text: string, occurrence = 1): number {
  const lines = docs.join('---\n').split('\n');
  let seen = 0;
  const index = lines.findIndex((l) => l.includes(text) && ++seen === occurrence);
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('resolveDesiredState', () => {
  it('converts a whole mesh with default awsNames, inventory keys and dependencies', () => {
    const result = run(BASE);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    const byKey = new Map(result.desired.meshResources.map((r) => [r.key, r]));
    expect([...byKey.keys()]).toEqual([
      'appmesh:shop/Mesh/shop',
      'appmesh:shop/VirtualNode/api_shop',
      'appmesh:shop/VirtualGateway/edge_shop',
      'appmesh:shop/VirtualRouter/api_shop',
      'appmesh:shop/VirtualRouter/api_shop/Route/all',
      'appmesh:shop/VirtualService/api.shop',
      'appmesh:shop/VirtualGateway/edge_shop/GatewayRoute/api_shop',
    ]);
    expect(byKey.get('appmesh:shop/VirtualRouter/api_shop')?.spec).toEqual({
      listeners: [{ portMapping: { port: 8080, protocol: 'http' } }],
    });
    const route = byKey.get('appmesh:shop/VirtualRouter/api_shop/Route/all');
    expect(route).toMatchObject({ kind: 'Route', name: 'all', virtualRouterName: 'api_shop' });
    expect(route?.spec).toEqual({
      httpRoute: {
        match: { prefix: '/' },
        action: { weightedTargets: [{ virtualNode: 'api_shop', weight: 1 }] },
      },
    });
    expect(route?.dependsOn.sort()).toEqual([
      'appmesh:shop/Mesh/shop',
      'appmesh:shop/VirtualNode/api_shop',
      'appmesh:shop/VirtualRouter/api_shop',
    ]);
    expect(byKey.get('appmesh:shop/VirtualService/api.shop')?.spec).toEqual({
      provider: { virtualRouter: { virtualRouterName: 'api_shop' } },
    });
    expect(byKey.get('appmesh:shop/VirtualGateway/edge_shop/GatewayRoute/api_shop')).toMatchObject({
      virtualGatewayName: 'edge_shop',
      spec: { httpRoute: { action: { target: { virtualService: { virtualServiceName: 'api.shop' } } } } },
    });
    expect(result.desired.meshMembers.map((m) => [m.kind, m.name, m.podSelector])).toEqual([
      ['VirtualNode', 'api_shop', { matchLabels: { app: 'api' } }],
      ['VirtualGateway', 'edge_shop', { matchLabels: { app: 'edge' } }],
    ]);
    expect(result.desired.kubeObjects.map((k) => k.key)).toEqual(['kube://Namespace/shop']);
  });

  it('needs ports where App Mesh needs them: targets and matches of resources with several listeners', () => {
    const two = (port: number) => `    - portMapping: { port: ${port}, protocol: http }\n`;
    const docs = [
      NS,
      MESH,
      NODE.replace(two(8080), `${two(8080)}${two(9090)}`),
      ROUTER,
      SERVICE.replace('virtualRouter:\n      virtualRouterRef', 'virtualNode:\n      virtualNodeRef'),
      GATEWAY.replace(two(8088), `${two(8088)}${two(8089)}`),
      GATEWAY_ROUTE,
    ];
    expect(errorsOf(docs).map((d) => [d.line, d.column, d.object, d.path, d.code, d.message])).toEqual([
      [
        lineOf(docs, '- virtualNodeRef: { name: api }'),
        15,
        'VirtualRouter/shop/api',
        'spec.routes[0].httpRoute.action.weightedTargets[0]',
        'rule-violation',
        'virtual node api_shop has several listeners, so the target needs a port',
      ],
      [
        lineOf(docs, 'match: { prefix: / }', 2),
        5,
        'GatewayRoute/shop/api',
        'spec.httpRoute.match',
        'rule-violation',
        'virtual gateway edge_shop has several listeners, so match.port is required',
      ],
      [
        lineOf(docs, 'target:'),
        7,
        'GatewayRoute/shop/api',
        'spec.httpRoute.action.target',
        'rule-violation',
        'the provider of virtual service api.shop has several listeners, so target.port is required',
      ],
    ]);
  });

  it('keeps an explicit awsName and lets references use it', () => {
    const node = NODE.replace('spec:\n', 'spec:\n  awsName: api-v1\n');
    const result = run([NS, MESH, node, ROUTER, SERVICE]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    const route = result.desired.meshResources.find((r) => r.kind === 'Route');
    expect(route?.spec.httpRoute?.action?.weightedTargets?.[0]?.virtualNode).toBe('api-v1');
  });

  it('reports broken YAML with its line', () => {
    const errors = errorsOf([NS, 'kind: [unclosed\n']);
    expect(errors).toMatchObject([{ code: 'yaml-syntax', file: 'mesh.yaml' }]);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(lineOf([NS, 'kind: [unclosed\n'], 'unclosed'));
  });

  it('reports a field of the wrong type at the field, naming object and path', () => {
    const docs = [NS, MESH, NODE.replace('port: 8080, protocol: http', 'port: eighty, protocol: http')];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'wrong-type',
        line: lineOf(docs, 'port: eighty'),
        object: 'VirtualNode/shop/api',
        path: 'spec.listeners[0].portMapping.port',
        message: 'must be a number, not the string "eighty"',
      }),
    ]);
  });

  it('reports an unknown field with its path, as strict field validation does', () => {
    const docs = [NS, MESH, NODE.replace('  podSelector:', '  podSelektor: {}\n  podSelector:')];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'unknown-field',
        line: lineOf(docs, 'podSelektor'),
        column: 3,
        path: 'spec.podSelektor',
        message:
          'unknown field "podSelektor" (did you mean "podSelector"?); allowed here: awsName, backendDefaults, backendGroups, backends, listeners, logging, meshRef, podSelector, serviceDiscovery',
      }),
    ]);
  });

  it('reports a missing required field and an out-of-range value together', () => {
    const docs = [NS, MESH, NODE.replace('port: 8080, protocol: http', 'port: 70000')];
    const errors = errorsOf(docs);
    expect(errors.map((e) => [e.code, e.path, e.message])).toEqual([
      ['missing-field', 'spec.listeners[0].portMapping.protocol', 'required field is missing'],
      ['invalid-value', 'spec.listeners[0].portMapping.port', 'must be at most 65535, not 70000'],
    ]);
  });

  it('rejects an enum value outside the CRD list', () => {
    const docs = [NS, MESH, NODE.replace('protocol: http', 'protocol: udp')];
    expect(errorsOf(docs)[0]).toMatchObject({
      code: 'invalid-value',
      path: 'spec.listeners[0].portMapping.protocol',
      message: 'must be one of "grpc", "http", "http2", "tcp", not "udp"',
    });
  });

  it('reports a reference to an object that is not in the set', () => {
    const docs = [NS, MESH, ROUTER.replace('{ name: api }', '{ name: api-v2 }')];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'dangling-reference',
        object: 'VirtualRouter/shop/api',
        path: 'spec.routes[0].httpRoute.action.weightedTargets[0].virtualNodeRef',
        message: 'VirtualNode shop/api-v2 is not in the manifest set',
        line: lineOf(docs, 'virtualNodeRef'),
      }),
    ]);
  });

  it('refuses a namespace that two Meshes select', () => {
    const other = MESH.replace('name: shop', 'name: shop-2');
    const errors = errorsOf([NS, MESH, other, NODE]);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'multiple-matching-meshes',
        object: 'VirtualNode/shop/api',
        path: 'metadata.namespace',
        message: '2 Meshes select namespace "shop" (shop, shop-2); exactly one must',
      }),
    ]);
  });

  it('refuses, once per namespace, the App Mesh objects of a namespace that no Mesh selects', () => {
    const docs = [NS.replace('mesh: shop, ', ''), MESH, NODE, ROUTER, SERVICE];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'no-matching-mesh',
        object: 'VirtualNode/shop/api',
        path: 'metadata.namespace',
        line: lineOf(docs, 'namespace: shop'),
        message:
          'no Mesh selects namespace "shop" (labels gateway=edge), so its 3 App Mesh object(s) have no mesh: ' +
          'Mesh "shop" selects mesh=shop; add label mesh=shop to namespace "shop"',
      }),
    ]);
  });

  it('names every Mesh selector when several Meshes select other namespaces', () => {
    const other = `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: edge
spec:
  namespaceSelector:
    matchExpressions:
      - { key: tier, operator: In, values: [edge, dmz] }
      - { key: legacy, operator: DoesNotExist }
`;
    const docs = [NS.replace('mesh: shop, ', ''), MESH, other, NODE, ROUTER];
    expect(errorsOf(docs).map((d) => d.message)).toEqual([
      'no Mesh selects namespace "shop" (labels gateway=edge), so its 2 App Mesh object(s) have no mesh: ' +
        'Mesh "shop" selects mesh=shop, Mesh "edge" selects tier in (edge,dmz),!legacy; ' +
        'add the labels of exactly one of them to namespace "shop"',
    ]);
  });

  it('refuses two objects that would share one awsName in a mesh', () => {
    const twin = NODE.replace('name: api\n', 'name: api-copy\n').replace(
      'spec:\n',
      'spec:\n  awsName: api_shop\n',
    );
    const docs = [NS, MESH, NODE, twin];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'duplicate-aws-name',
        object: 'VirtualNode/shop/api-copy',
        path: 'spec.awsName',
        message: `VirtualNode name "api_shop" is already used in mesh "shop" by VirtualNode/shop/api at mesh.yaml:${lineOf(docs, 'kind: VirtualNode') - 1}`,
      }),
    ]);
  });

  it('refuses the same object defined twice', () => {
    const docs = [NS, MESH, NODE, NODE];
    const errors = errorsOf(docs);
    expect(errors.map((e) => e.code)).toContain('duplicate-object');
    expect(errors.find((e) => e.code === 'duplicate-object')).toMatchObject({
      object: 'VirtualNode/shop/api',
      line: lineOf(docs, 'kind: VirtualNode', 2) - 1,
    });
  });

  it('refuses a route whose target node is in another mesh', () => {
    const otherNs = NS.replace('name: shop', 'name: billing').replace('mesh: shop', 'mesh: billing');
    const otherMesh = MESH.replace('name: shop', 'name: billing').replace('mesh: shop', 'mesh: billing');
    const node = NODE.replace('namespace: shop', 'namespace: billing');
    const router = ROUTER.replace('{ name: api }', '{ name: api, namespace: billing }');
    expect(errorsOf([NS, MESH, otherNs, otherMesh, node, router])).toEqual([
      expect.objectContaining({
        code: 'cross-mesh-reference',
        object: 'VirtualRouter/shop/api',
        message: 'VirtualNode billing/api is in mesh "billing", not in this object\'s mesh "shop"',
      }),
    ]);
  });

  it('refuses a set that alone exceeds the default virtual gateways per mesh quota', () => {
    const gateways = [1, 2, 3, 4].map((i) => GATEWAY.replace('name: edge', `name: edge-${i}`));
    expect(errorsOf([NS, MESH, ...gateways])).toEqual([
      expect.objectContaining({
        code: 'quota-exceeded',
        object: 'VirtualGateway/shop/edge-4',
        message:
          'mesh "shop" would have 4, over the App Mesh quota "Virtual gateways per mesh" (L-87E74146) of 3',
      }),
    ]);
  });

  it('reports every problem of a set at once and yields no desired state', () => {
    const docs = [
      NS,
      MESH,
      NODE.replace('protocol: http', 'protocol: udp'),
      ROUTER.replace('{ name: api }', '{ name: gone }'),
    ];
    const result = run(docs);
    expect(result.ok).toBe(false);
    expect('desired' in result).toBe(false);
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual([
      'invalid-value',
      'dangling-reference',
    ]);
  });

  it('reports a dangling reference of an object that has a schema error of its own', () => {
    const broken = ROUTER.replace('{ name: api }', '{ name: gone }').replace(
      'match: { prefix: / }',
      'match: { prefix: /, colour: red }',
    );
    const docs = [NS, MESH, NODE, broken];
    expect(errorsOf(docs).map((d) => [d.code, d.path, d.line])).toEqual([
      ['unknown-field', 'spec.routes[0].httpRoute.match.colour', lineOf(docs, 'colour')],
      [
        'dangling-reference',
        'spec.routes[0].httpRoute.action.weightedTargets[0].virtualNodeRef',
        lineOf(docs, '{ name: gone }'),
      ],
    ]);
  });

  it('reports a dangling reference of an object whose mesh is decided only at plan time', () => {
    const docs = [MESH, ROUTER.replace('{ name: api }', '{ name: gone }')];
    expect(errorsOf(docs)).toEqual([
      expect.objectContaining({
        code: 'dangling-reference',
        object: 'VirtualRouter/shop/api',
        path: 'spec.routes[0].httpRoute.action.weightedTargets[0].virtualNodeRef',
        message: 'VirtualNode shop/gone is not in the manifest set',
        line: lineOf(docs, '{ name: gone }'),
      }),
    ]);
  });

  it('reports a dangling backend group of a node in a namespace that no Mesh selects', () => {
    const docs = [NS.replace('mesh: shop, ', ''), MESH, `${NODE}  backendGroups:\n    - name: missing\n`];
    expect(errorsOf(docs).map((d) => [d.code, d.path])).toEqual([
      ['no-matching-mesh', 'metadata.namespace'],
      ['dangling-reference', 'spec.backendGroups[0]'],
    ]);
  });

  it('names a namespace outside the set as unresolved when offline, without guessing its mesh', () => {
    const result = run([MESH, NODE]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    expect(result.desired.unresolvedNamespaces).toEqual(['shop']);
    expect(result.desired.meshResources.map((r) => r.kind)).toEqual(['Mesh']);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unresolved-namespace',
        object: 'VirtualNode/shop/api',
      }),
    ]);
  });

  it('decides membership from live namespace labels when given, and fails for a namespace that does not exist', () => {
    const live = run([MESH, NODE], {
      namespaceLabels: (ns) => (ns === 'shop' ? { mesh: 'shop' } : undefined),
    });
    if (!live.ok) expect.fail(JSON.stringify(live.diagnostics));
    expect(live.desired.meshResources.map((r) => r.key)).toContain('appmesh:shop/VirtualNode/api_shop');
    expect(errorsOf([MESH, NODE], { namespaceLabels: () => undefined })).toEqual([
      expect.objectContaining({
        code: 'unresolved-namespace',
        message: 'namespace "shop" is neither in the manifest set nor in the cluster',
      }),
    ]);
  });

  it('puts objects without a namespace in the default namespace, as kubectl apply would', () => {
    const node = NODE.replace('  namespace: shop\n', '');
    const result = run([NS.replace('name: shop', 'name: default'), MESH, node]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    expect(result.desired.meshResources.map((r) => r.key)).toContain('appmesh:shop/VirtualNode/api_default');
  });

  it('refuses a user-set meshRef, which meshcd derives', () => {
    const docs = [NS, MESH, NODE.replace('spec:\n', 'spec:\n  meshRef: { name: shop, uid: abc }\n')];
    expect(errorsOf(docs)[0]).toMatchObject({ code: 'rule-violation', path: 'spec.meshRef' });
  });

  it('refuses a GatewayRoute that two VirtualGateways select', () => {
    const second = GATEWAY.replace('name: edge', 'name: edge-b').replace('port: 8088', 'port: 8089');
    expect(errorsOf([NS, MESH, NODE, ROUTER, SERVICE, GATEWAY, second, GATEWAY_ROUTE])).toEqual([
      expect.objectContaining({ code: 'multiple-matching-gateways', object: 'GatewayRoute/shop/api' }),
    ]);
  });

  it('narrows gateway candidates by gatewayRouteSelector on the route labels', () => {
    const picky = GATEWAY.replace('name: edge', 'name: edge-b').replace(
      'spec:\n',
      'spec:\n  gatewayRouteSelector:\n    matchLabels: { gw: b }\n',
    );
    const result = run([NS, MESH, NODE, ROUTER, SERVICE, GATEWAY, picky, GATEWAY_ROUTE]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    expect(result.desired.meshResources.find((r) => r.kind === 'GatewayRoute')).toMatchObject({
      virtualGatewayName: 'edge_shop',
    });
  });

  it('refuses a GatewayRoute whose only gateway is in another mesh', () => {
    const otherNs = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: edge\n  labels: { mesh: edge }\n`;
    const otherMesh = MESH.replace('name: shop', 'name: edge').replace('mesh: shop', 'mesh: edge');
    const gateway = GATEWAY.replace('namespace: shop', 'namespace: edge');
    expect(errorsOf([NS, MESH, otherNs, otherMesh, NODE, ROUTER, SERVICE, gateway, GATEWAY_ROUTE])).toEqual([
      expect.objectContaining({ code: 'gateway-mesh-mismatch', object: 'GatewayRoute/shop/api' }),
    ]);
  });
});

describe('BackendGroups', () => {
  const group = `apiVersion: appmesh.k8s.aws/v1beta2
kind: BackendGroup
metadata:
  name: deps
  namespace: shop
spec:
  virtualservices:
    - name: cart
    - name: api
`;
  const service = (name: string) => SERVICE.replace('name: api\n', `name: ${name}\n`);

  it('expands a named group and a wildcard into sorted backends, without repeating explicit ones', () => {
    const node = `${NODE}  backends:\n    - virtualService: { virtualServiceRef: { name: api } }\n  backendGroups:\n    - name: deps\n`;
    const result = run([NS, MESH, node, ROUTER, SERVICE, service('cart'), group]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    const vn = result.desired.meshResources.find((r) => r.kind === 'VirtualNode');
    expect(vn?.spec).toMatchObject({
      backends: [
        { virtualService: { virtualServiceName: 'api.shop' } },
        { virtualService: { virtualServiceName: 'cart.shop' } },
      ],
    });
    const wildcard = run([
      NS,
      MESH,
      `${NODE}  backendGroups:\n    - name: "*"\n`,
      ROUTER,
      service('zeta'),
      SERVICE,
    ]);
    if (!wildcard.ok) expect.fail(JSON.stringify(wildcard.diagnostics));
    const names = wildcard.desired.meshResources
      .find((r) => r.kind === 'VirtualNode')
      ?.spec.backends?.map((b) => b.virtualService?.virtualServiceName);
    expect(names).toEqual(['api.shop', 'zeta.shop']);
  });

  it('refuses a group that is not in the set', () => {
    expect(errorsOf([NS, MESH, `${NODE}  backendGroups:\n    - name: missing\n`])).toEqual([
      expect.objectContaining({
        code: 'dangling-reference',
        path: 'spec.backendGroups[0]',
        message: 'BackendGroup shop/missing is not in the manifest set',
      }),
    ]);
  });
});

describe('namespaces', () => {
  it('warns about a namespace that asks for sidecar injection but that no Mesh selects', () => {
    const lonely = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: lonely\n  labels:\n    appmesh.k8s.aws/sidecarInjectorWebhook: enabled\n`;
    const result = run([NS, MESH, lonely]);
    if (!result.ok) expect.fail(JSON.stringify(result.diagnostics));
    expect(result.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'no-matching-mesh',
        object: 'Namespace//lonely',
        path: 'metadata.labels',
        message: 'sidecar injection is enabled for namespace "lonely" but no Mesh in the set selects it',
      }),
    ]);
  });
});
