import { describe, expect, it } from 'vitest';
import { loadManifests } from '../load-manifests.ts';
import { validateObjects } from '../validate-objects.ts';

/** Validates one App Mesh object given as YAML under `spec:` and returns its rule violations as `path: message`. */
function violations(kind: string, spec: string): string[] {
  const content = `apiVersion: appmesh.k8s.aws/v1beta2\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ns\nspec:\n${spec}`;
  const { objects, diagnostics } = loadManifests([{ path: 'x.yaml', content }]);
  expect(diagnostics).toEqual([]);
  return validateObjects(objects, 'default').diagnostics.map((d) => `${d.path}: ${d.message}`);
}

const targets = `        action:\n          weightedTargets: [{ virtualNodeRef: { name: node }, weight: 1 }]\n`;

describe('admission rules', () => {
  it('requires service discovery on a VirtualNode with listeners, even an empty list', () => {
    expect(violations('VirtualNode', '  listeners: []\n')).toEqual([
      'spec.serviceDiscovery: serviceDiscovery is required when listeners are set',
    ]);
  });

  it('refuses Cloud Map discovery without a listener, where the controller crashes registering instances', () => {
    expect(
      violations(
        'VirtualNode',
        '  serviceDiscovery:\n    awsCloudMap: { namespaceName: a, serviceName: b }\n',
      ),
    ).toEqual(['spec.serviceDiscovery.awsCloudMap: Cloud Map service discovery needs at least one listener']);
  });

  it('refuses duplicate backends, keyed by resolved namespace and name', () => {
    const spec = `  backends:\n    - virtualService: { virtualServiceRef: { name: a } }\n    - virtualService: { virtualServiceRef: { name: a, namespace: ns } }\n`;
    expect(violations('VirtualNode', spec)).toEqual([
      'spec.backends[1].virtualService: duplicate backend ns/a, already listed as backends[0]',
    ]);
  });

  it('refuses a backend naming both a reference and an ARN, which the controller resolves silently to the ARN', () => {
    const spec = `  backends:\n    - virtualService:\n        virtualServiceRef: { name: a }\n        virtualServiceARN: arn:aws:appmesh:r:1:mesh/m/virtualService/a\n`;
    expect(violations('VirtualNode', spec)).toEqual([
      'spec.backends[0].virtualService.virtualServiceARN: set either virtualServiceRef or virtualServiceARN, not both',
    ]);
  });

  it('allows one connection pool per listener, of the listener protocol', () => {
    const spec = `  serviceDiscovery: { dns: { hostname: h } }\n  listeners:\n    - portMapping: { port: 80, protocol: http }\n      connectionPool: { tcp: { maxConnections: 1 }, http: { maxConnections: 1 } }\n    - portMapping: { port: 81, protocol: http }\n      connectionPool: { tcp: { maxConnections: 1 } }\n`;
    expect(violations('VirtualNode', spec)).toEqual([
      'spec.listeners[0].connectionPool.http: a listener may set only one connection pool protocol; found tcp and http',
      'spec.listeners[1].connectionPool.tcp: connection pool tcp does not match the listener protocol http',
    ]);
  });

  it('refuses route weights that add up to more than 100, which App Mesh rejects after earlier writes', () => {
    const weighted = (a: number, b: number) =>
      `  listeners: [{ portMapping: { port: 80, protocol: tcp } }]\n  routes:\n    - name: r\n      tcpRoute:\n        action:\n          weightedTargets:\n            - { virtualNodeRef: { name: a }, weight: ${a} }\n            - { virtualNodeRef: { name: b }, weight: ${b} }\n`;
    expect(violations('VirtualRouter', weighted(60, 50))).toEqual([
      'spec.routes[0].tcpRoute.action.weightedTargets: the weights add up to 110; App Mesh allows at most 100',
    ]);
    expect(violations('VirtualRouter', weighted(60, 40))).toEqual([]);
  });

  it('refuses two router listeners on one port', () => {
    const spec = `  listeners:\n    - portMapping: { port: 80, protocol: http }\n    - portMapping: { port: 80, protocol: http2 }\n`;
    expect(violations('VirtualRouter', spec)).toEqual([
      'spec.listeners[1].portMapping.port: port 80 is already used by listeners[0]',
    ]);
  });

  it('refuses a gateway route rewrite that does not fit its match: prefix with prefix, path with path', () => {
    const gateway = (match: string, rewrite: string) =>
      `  httpRoute:\n    match: ${match}\n    action:\n      target: { virtualService: { virtualServiceRef: { name: s } } }\n      rewrite: ${rewrite}\n`;
    expect(
      violations('GatewayRoute', gateway('{ path: { exact: /a } }', '{ prefix: { value: /b/ } }')),
    ).toEqual(['spec.httpRoute.action.rewrite.prefix: a prefix rewrite needs a prefix match']);
    expect(violations('GatewayRoute', gateway('{ prefix: /a/ }', '{ path: { exact: /b } }'))).toEqual([
      'spec.httpRoute.action.rewrite.path: a path rewrite needs a path match (exact or regex)',
    ]);
  });

  it('refuses duplicate route names in a VirtualRouter', () => {
    const route = `    - name: r\n      tcpRoute:\n${targets}`;
    expect(
      violations(
        'VirtualRouter',
        `  listeners: [{ portMapping: { port: 80, protocol: tcp } }]\n  routes:\n${route}${route}`,
      ),
    ).toEqual(['spec.routes[1].name: route name "r" is already used by routes[0]']);
  });

  it('checks HTTP2 matches even when the router also has HTTP routes (the controller skips them)', () => {
    const spec = `  listeners:\n    - portMapping: { port: 80, protocol: http }\n    - portMapping: { port: 81, protocol: http2 }\n  routes:\n    - name: a\n      httpRoute:\n        match: { prefix: /, port: 80 }\n${targets}    - name: b\n      http2Route:\n        match: { port: 81 }\n${targets}`;
    expect(violations('VirtualRouter', spec)).toEqual([
      'spec.routes[1].http2Route.match: one of prefix or path is required',
    ]);
  });

  it('refuses a route with two route types, and one whose type matches no listener', () => {
    const spec = `  listeners: [{ portMapping: { port: 80, protocol: http } }]\n  routes:\n    - name: a\n      tcpRoute:\n${targets}      grpcRoute:\n        match: { serviceName: s }\n${targets}`;
    expect(violations('VirtualRouter', spec)).toEqual([
      'spec.routes[0].tcpRoute: set only one of grpcRoute, http2Route, httpRoute, tcpRoute; found grpcRoute and tcpRoute',
      "spec.routes[0].grpcRoute: a grpcRoute cannot serve the router's http listener",
    ]);
  });

  it('checks every header range, not only the first', () => {
    const spec = `  listeners: [{ portMapping: { port: 80, protocol: http } }]\n  routes:\n    - name: a\n      httpRoute:\n        match:\n          prefix: /\n          headers:\n            - { name: a, match: { range: { start: 1, end: 2 } } }\n            - { name: b, match: { range: { start: 5, end: 5 } } }\n${targets}`;
    expect(violations('VirtualRouter', spec)).toEqual([
      'spec.routes[0].httpRoute.match.headers[1].match.range: range start (5) must be less than end (5)',
    ]);
  });

  it('refuses a VirtualService with two providers', () => {
    const spec = `  provider:\n    virtualNode: { virtualNodeRef: { name: a } }\n    virtualRouter: { virtualRouterRef: { name: b } }\n`;
    expect(violations('VirtualService', spec)).toEqual([
      'spec.provider.virtualRouter: set only one of virtualNode, virtualRouter; found virtualNode and virtualRouter',
    ]);
  });

  it('refuses a gRPC gateway rewrite without hostname, where the controller crashes', () => {
    const spec = `  grpcRoute:\n    match: { serviceName: s }\n    action:\n      target: { virtualService: { virtualServiceRef: { name: s } } }\n      rewrite: {}\n`;
    expect(violations('GatewayRoute', spec)).toEqual([
      'spec.grpcRoute.action.rewrite: a gRPC rewrite needs hostname',
    ]);
  });

  it('applies the gateway route rewrite rules', () => {
    const spec = `  httpRoute:\n    match: { prefix: /a }\n    action:\n      target: { virtualService: { virtualServiceRef: { name: s } } }\n      rewrite:\n        prefix: { defaultPrefix: ENABLED, value: b }\n`;
    expect(violations('GatewayRoute', spec)).toEqual([
      'spec.httpRoute.action.rewrite.prefix.value: set either defaultPrefix or value, not both',
      'spec.httpRoute.action.rewrite.prefix.value: a prefix rewrite value must start and end with "/"',
    ]);
  });

  it('refuses a gateway route with no route type and reserved prefixes', () => {
    expect(violations('GatewayRoute', '  priority: 1\n')).toEqual([
      'spec: exactly one of grpcRoute, http2Route, httpRoute is required',
    ]);
    const spec = `  httpRoute:\n    match: { prefix: /aws-appmesh/x }\n    action:\n      target: { virtualService: { virtualServiceRef: { name: s } } }\n`;
    expect(violations('GatewayRoute', spec)).toEqual([
      'spec.httpRoute.match.prefix: prefixes starting with /aws-appmesh or /aws-app-mesh are reserved by App Mesh',
    ]);
  });

  it('requires ipPreference when a Mesh sets meshServiceDiscovery', () => {
    expect(violations('Mesh', '  meshServiceDiscovery: {}\n')).toEqual([
      'spec.meshServiceDiscovery.ipPreference: ipPreference is required: IPv4_ONLY or IPv6_ONLY',
    ]);
  });
});

describe('YAML 1.1 scalars, as the Kubernetes API server decodes them', () => {
  it('reads an unquoted n as the boolean false and says so', () => {
    const spec = `  provider:\n    virtualNode: { virtualNodeRef: { name: n } }\n`;
    expect(violations('VirtualService', spec)).toEqual([
      'spec.provider.virtualNode.virtualNodeRef.name: must be a string, not the boolean false',
    ]);
  });
});

describe('selectors and gateway listeners', () => {
  it('refuses a selector with an unknown operator or misplaced values', () => {
    const spec = `  namespaceSelector:\n    matchExpressions:\n      - { key: a, operator: Equals, values: [b] }\n      - { key: a, operator: Exists, values: [b] }\n`;
    expect(violations('Mesh', spec)).toEqual([
      'spec.namespaceSelector.matchExpressions[0].operator: operator must be one of In, NotIn, Exists, DoesNotExist',
      'spec.namespaceSelector.matchExpressions[1].values: values must be empty for Exists',
    ]);
  });

  it('requires healthyThreshold on a gateway health check, which the controller would send as 0', () => {
    const spec = `  listeners:\n    - portMapping: { port: 80, protocol: http }\n      healthCheck: { intervalMillis: 5000, protocol: http, timeoutMillis: 2000, unhealthyThreshold: 2 }\n`;
    expect(violations('VirtualGateway', spec)).toEqual([
      'spec.listeners[0].healthCheck.healthyThreshold: healthyThreshold is required (2 to 10)',
    ]);
  });
});
