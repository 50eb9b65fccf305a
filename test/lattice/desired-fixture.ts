import type {
  DesiredLatticeResource,
  LatticeHealthCheck,
  LatticeRuleAction,
} from '../../packages/core/src/lattice/lattice-resource.ts';
import { latticeResourceKey } from '../../packages/core/src/provider/lattice-resource-key.ts';

export const vpc = 'vpc-0123456789abcdef0';
const source = (kind: string, name: string) => ({
  ref: { apiVersion: 'appmesh.k8s.aws/v1beta2', kind, namespace: 'demo', name },
  location: { file: `${kind.toLowerCase()}.yaml`, line: 1, column: 1 },
});
const tags = (kind: string, name: string) => ({
  'meshcd:target': 'lattice-test',
  'meshcd:source': `${kind}/demo/${name}`,
});

export const key = latticeResourceKey;

export function network(name = 'demo-mesh'): DesiredLatticeResource[] {
  const sn = key({ kind: 'ServiceNetwork', name });
  return [
    {
      kind: 'ServiceNetwork',
      key: sn,
      name,
      spec: { authType: 'NONE' },
      tags: tags('Mesh', name),
      source: source('Mesh', name),
      dependsOn: [],
    },
    {
      kind: 'ServiceNetworkVpcAssociation',
      key: key({ kind: 'ServiceNetworkVpcAssociation', serviceNetworkName: name, vpcId: vpc }),
      name: `${name}/${vpc}`,
      spec: { serviceNetworkKey: sn, vpcIdentifier: vpc },
      tags: tags('Mesh', name),
      source: source('Mesh', name),
      dependsOn: [sn],
    },
  ];
}

export interface ServiceShape {
  service: string;
  network?: string;
  /** Node name → port, and health path. */
  groups: Record<
    string,
    { port: number; healthCheck?: LatticeHealthCheck; protocolVersion?: 'HTTP1' | 'HTTP2' }
  >;
  listenerPort?: number;
  /** Rule name → priority, path prefix and weights per group. */
  rules: Record<string, { priority: number; prefix: string; weights: Record<string, number> }>;
}

export const groupName = (service: string, node: string) => `${service}-${node}`;

export function service(shape: ServiceShape): DesiredLatticeResource[] {
  const net = shape.network ?? 'demo-mesh';
  const svc = key({ kind: 'Service', name: shape.service });
  const listenerName = `http-${shape.listenerPort ?? 80}`;
  const listener = key({ kind: 'Listener', serviceName: shape.service, name: listenerName });
  const groupKey = (node: string) => key({ kind: 'TargetGroup', name: groupName(shape.service, node) });
  const forward = (weights: Record<string, number>): LatticeRuleAction => ({
    forward: {
      targetGroups: Object.entries(weights).map(([node, weight]) => ({
        targetGroupKey: groupKey(node),
        weight,
      })),
    },
  });
  const out: DesiredLatticeResource[] = [
    {
      kind: 'Service',
      key: svc,
      name: shape.service,
      spec: { authType: 'NONE' },
      tags: tags('VirtualService', shape.service),
      source: source('VirtualService', shape.service),
      dependsOn: [],
    },
    {
      kind: 'ServiceNetworkServiceAssociation',
      key: key({
        kind: 'ServiceNetworkServiceAssociation',
        serviceNetworkName: net,
        serviceName: shape.service,
      }),
      name: `${net}/${shape.service}`,
      spec: { serviceNetworkKey: key({ kind: 'ServiceNetwork', name: net }), serviceKey: svc },
      tags: tags('VirtualService', shape.service),
      source: source('VirtualService', shape.service),
      dependsOn: [key({ kind: 'ServiceNetwork', name: net }), svc],
    },
  ];
  for (const [node, g] of Object.entries(shape.groups))
    out.push({
      kind: 'TargetGroup',
      key: groupKey(node),
      name: groupName(shape.service, node),
      spec: {
        type: 'IP',
        config: {
          port: g.port,
          protocol: 'HTTP',
          protocolVersion: g.protocolVersion ?? 'HTTP1',
          ipAddressType: 'IPV4',
          vpcIdentifier: vpc,
          ...(g.healthCheck ? { healthCheck: g.healthCheck } : {}),
        },
      },
      serviceKey: svc,
      targets: { from: 'pods', namespace: 'demo', podSelector: { matchLabels: { app: node } }, port: g.port },
      tags: tags('VirtualNode', node),
      source: source('VirtualNode', node),
      dependsOn: [],
    });
  out.push({
    kind: 'Listener',
    key: listener,
    name: listenerName,
    spec: {
      serviceKey: svc,
      protocol: 'HTTP',
      port: shape.listenerPort ?? 80,
      defaultAction: { fixedResponse: { statusCode: 404 } },
    },
    tags: tags('VirtualRouter', shape.service),
    source: source('VirtualRouter', shape.service),
    dependsOn: [svc],
  });
  for (const [name, r] of Object.entries(shape.rules))
    out.push({
      kind: 'Rule',
      key: key({ kind: 'Rule', serviceName: shape.service, listenerName, name }),
      name,
      spec: {
        serviceKey: svc,
        listenerKey: listener,
        priority: r.priority,
        match: { httpMatch: { pathMatch: { match: { prefix: r.prefix }, caseSensitive: true } } },
        action: forward(r.weights),
      },
      tags: tags('VirtualRouter', shape.service),
      source: source('VirtualRouter', shape.service),
      dependsOn: [listener, ...Object.keys(r.weights).map(groupKey)],
    });
  return out;
}

export const colorShape: ServiceShape = {
  service: 'color',
  groups: { blue: { port: 8080 }, red: { port: 8080 } },
  rules: { 'color-route': { priority: 1, prefix: '/', weights: { blue: 50, red: 50 } } },
};
