import { describe, expect, it } from 'vitest';
import {
  type LatticeResourceIdentity,
  latticeKindOfKey,
  latticeResourceKey,
} from './lattice-resource-key.ts';

const identities: LatticeResourceIdentity[] = [
  { kind: 'ServiceNetwork', name: 'demo' },
  { kind: 'ServiceNetworkVpcAssociation', serviceNetworkName: 'demo', vpcId: 'vpc-0abc' },
  { kind: 'Service', name: 'color-demo' },
  { kind: 'ServiceNetworkServiceAssociation', serviceNetworkName: 'demo', serviceName: 'color-demo' },
  { kind: 'Listener', serviceName: 'color-demo', name: 'http-8080' },
  { kind: 'Rule', serviceName: 'color-demo', listenerName: 'http-8080', name: 'blue' },
  { kind: 'TargetGroup', name: 'color-demo-blue-8080' },
  { kind: 'AuthPolicy', parent: { kind: 'Service', name: 'color-demo' } },
];

describe('latticeResourceKey', () => {
  it('nests children under their parents', () => {
    expect(latticeResourceKey(identities[5]!)).toBe(
      'lattice:Service/color-demo/Listener/http-8080/Rule/blue',
    );
    expect(latticeResourceKey(identities[1]!)).toBe('lattice:ServiceNetwork/demo/VpcAssociation/vpc-0abc');
  });

  it('gives every kind a distinct key whose kind can be read back', () => {
    const keys = identities.map(latticeResourceKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.map(latticeKindOfKey)).toEqual(identities.map((i) => i.kind));
  });

  it('reads no kind from a key of another provider', () => {
    expect(latticeKindOfKey('appmesh:demo/Mesh/demo')).toBeUndefined();
    expect(latticeKindOfKey('lattice:Nothing/x')).toBeUndefined();
  });
});
