import { describe, expect, it } from 'vitest';
import { meshResourceKey } from '../appmesh/appmesh-key.ts';
import { resourceOfApiCall } from './api-call-resource.ts';

describe('resourceOfApiCall', () => {
  it('names the resource an UpdateVirtualNode or DeleteRoute call touched, by its inventory key', () => {
    const node = resourceOfApiCall({
      meshName: 'shop',
      resourceKind: 'VirtualNode',
      resourceName: 'web_shop',
    });
    expect(node && meshResourceKey(node)).toBe('appmesh:shop/VirtualNode/web_shop');
    const route = resourceOfApiCall({
      meshName: 'shop',
      resourceKind: 'Route',
      resourceName: 'r',
      parentName: 'router',
    });
    expect(route && meshResourceKey(route)).toBe('appmesh:shop/VirtualRouter/router/Route/r');
    const mesh = resourceOfApiCall({ meshName: 'shop', resourceKind: 'Mesh' });
    expect(mesh && meshResourceKey(mesh)).toBe('appmesh:shop/Mesh/shop');
  });

  it('asks for a full check when the call does not name one resource precisely', () => {
    expect(resourceOfApiCall({ meshName: 'shop' })).toBeUndefined();
    expect(resourceOfApiCall({ meshName: 'shop', resourceKind: 'Route', resourceName: 'r' })).toBeUndefined();
    expect(resourceOfApiCall({ meshName: 'shop', resourceKind: 'VirtualNode' })).toBeUndefined();
    expect(
      resourceOfApiCall({ meshName: 'shop', resourceKind: 'Listener', resourceName: 'x' }),
    ).toBeUndefined();
  });
});
