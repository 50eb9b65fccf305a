import { describe, expect, it } from 'vitest';
import { appMeshKinds } from '../appmesh/appmesh-kinds.ts';
import { formatKey, parseKey, parseProviderKey, type ResourceKey } from './resource-key.ts';

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
});
