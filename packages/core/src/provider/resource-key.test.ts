import { describe, expect, it } from 'vitest';
import { appMeshKinds } from '../appmesh/appmesh-kinds.ts';
import { formatKey, isInside, parseKey, parseProviderKey, type ResourceKey } from './resource-key.ts';

describe('resource keys', () => {
  const keys: [string, ResourceKey][] = [
    ['appmesh:m/Mesh/m', { provider: 'appmesh', root: 'm', kind: 'Mesh', name: 'm' }],
    ['appmesh:m/VirtualNode/a_shop', { provider: 'appmesh', root: 'm', kind: 'VirtualNode', name: 'a_shop' }],
    [
      'appmesh:m/VirtualRouter/r/Route/x',
      {
        provider: 'appmesh',
        root: 'm',
        kind: 'Route',
        name: 'x',
        parent: { kind: 'VirtualRouter', name: 'r' },
      },
    ],
    [
      'kube:shop/apps/Deployment/api',
      { provider: 'kube', namespace: 'shop', group: 'apps', kind: 'Deployment', name: 'api' },
    ],
    [
      'kube://Namespace/shop',
      { provider: 'kube', namespace: '', group: '', kind: 'Namespace', name: 'shop' },
    ],
    [
      'injector:shop/VirtualNode/api',
      { provider: 'injector', namespace: 'shop', kind: 'VirtualNode', name: 'api' },
    ],
    [
      'lattice:Service/cart/Listener/http/Rule/blue',
      {
        provider: 'lattice',
        id: { kind: 'Rule', serviceName: 'cart', listenerName: 'http', name: 'blue' },
      },
    ],
    [
      'lattice:TargetGroup/cart-blue#tg-1',
      { provider: 'lattice', id: { kind: 'TargetGroup', name: 'cart-blue' }, instance: 'tg-1' },
    ],
    [
      'lattice-targets:lattice:TargetGroup/cart-blue',
      {
        provider: 'lattice-targets',
        group: { provider: 'lattice', id: { kind: 'TargetGroup', name: 'cart-blue' } },
      },
    ],
  ];

  it('formats and parses each other', () => {
    for (const [text, key] of keys) {
      expect(parseKey(text)).toEqual(key);
      expect(formatKey(key)).toBe(text);
    }
  });

  it('refuses what is not a key', () => {
    for (const text of [
      '',
      'appmesh:',
      'appmesh:m/VirtualNode',
      'cloudmap:ns/svc',
      'appmesh:m/A/b/C',
      'kube:a/b',
      'lattice:m/VirtualNode/x',
      'lattice-targets:kube:a/b/C/d',
    ])
      expect(parseKey(text)).toBeUndefined();
  });

  it("takes a provider key only with a kind of the provider's table under its parent", () => {
    expect(parseProviderKey('appmesh:m/VirtualRouter/r/Route/x', 'appmesh', appMeshKinds)?.kind).toBe(
      'Route',
    );
    expect(parseProviderKey('appmesh:m/Route/x', 'appmesh', appMeshKinds)).toBeUndefined();
    expect(parseProviderKey('appmesh:m/VirtualNode/a/Route/x', 'appmesh', appMeshKinds)).toBeUndefined();
    expect(parseProviderKey('appmesh:m/Thing/x', 'appmesh', appMeshKinds)).toBeUndefined();
    expect(parseProviderKey('lattice:m/VirtualNode/x', 'appmesh', appMeshKinds)).toBeUndefined();
  });

  it('tells the resources inside a mesh, a router, a gateway, a network and a service', () => {
    const inside: [string, string][] = [
      ['appmesh:m/VirtualNode/a', 'appmesh:m/Mesh/m'],
      ['appmesh:m/VirtualRouter/r/Route/x', 'appmesh:m/Mesh/m'],
      ['appmesh:m/VirtualRouter/r/Route/x', 'appmesh:m/VirtualRouter/r'],
      ['appmesh:m/VirtualGateway/g/GatewayRoute/x', 'appmesh:m/VirtualGateway/g'],
      ['lattice:ServiceNetwork/n/VpcAssociation/vpc-1', 'lattice:ServiceNetwork/n'],
      ['lattice:Service/s/Listener/l', 'lattice:Service/s'],
      ['lattice:Service/s/Listener/l/Rule/r', 'lattice:Service/s'],
      ['lattice:Service/s/Listener/l/Rule/r', 'lattice:Service/s/Listener/l'],
      ['lattice:Service/s/AuthPolicy', 'lattice:Service/s'],
      ['lattice:Service/s/Listener/l#id', 'lattice:Service/s'],
    ];
    for (const [child, parent] of inside) expect(isInside(child, parent), `${child} in ${parent}`).toBe(true);
    const outside: [string, string][] = [
      ['appmesh:m/Mesh/m', 'appmesh:m/Mesh/m'],
      ['appmesh:other/VirtualNode/a', 'appmesh:m/Mesh/m'],
      ['appmesh:m/VirtualRouter/r2/Route/x', 'appmesh:m/VirtualRouter/r'],
      ['appmesh:m/VirtualRouter/r/Route/x', 'appmesh:m/VirtualGateway/r'],
      ['appmesh:m/VirtualNode/a', 'appmesh:m/VirtualNode/a'],
      ['lattice:Service/s2/Listener/l', 'lattice:Service/s'],
      ['lattice:Service/s', 'lattice:Service/s'],
      ['lattice:Service/s/Listener/l', 'lattice:Service/s#id'],
      ['lattice:Service/s/Listener/l', 'appmesh:m/Mesh/m'],
    ];
    for (const [child, parent] of outside)
      expect(isInside(child, parent), `${child} in ${parent}`).toBe(false);
  });
});
