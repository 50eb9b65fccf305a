import { describe, expect, it } from 'vitest';
import { convertMesh } from './convert-mesh.ts';
import { convertVirtualService } from './convert-virtual-service.ts';
import { fakeRefNames } from './fake-ref-names.ts';

describe('convertMesh', () => {
  it.each([
    ['no fields as an empty spec (API defaults apply)', {}, {}],
    [
      'the egress filter',
      { egressFilter: { type: 'ALLOW_ALL' as const } },
      { egressFilter: { type: 'ALLOW_ALL' } },
    ],
    [
      'the IP preference as written, never rewritten from a cluster this step does not see',
      { meshServiceDiscovery: { ipPreference: 'IPv6_ONLY' as const } },
      { serviceDiscovery: { ipPreference: 'IPv6_ONLY' } },
    ],
    ['dropping Kubernetes-only fields', { namespaceSelector: {}, awsName: 'm', meshOwner: '1' }, {}],
  ])('converts %s', (_, spec, expected) => {
    expect(convertMesh(spec)).toEqual(expected);
  });
});

describe('convertVirtualService', () => {
  it.each([
    ['no provider', {}, {}],
    [
      'a virtual node provider by reference',
      { provider: { virtualNode: { virtualNodeRef: { name: 'n' } } } },
      { provider: { virtualNode: { virtualNodeName: 'n_ref' } } },
    ],
    [
      'a virtual router provider by ARN (name only)',
      { provider: { virtualRouter: { virtualRouterARN: 'arn:aws:appmesh:r:1:mesh/m/virtualRouter/r_ns' } } },
      { provider: { virtualRouter: { virtualRouterName: 'r_ns' } } },
    ],
  ])('converts %s', (_, spec, expected) => {
    expect(convertVirtualService(spec, fakeRefNames)).toEqual(expected);
  });
});
