import { describe, expect, it } from 'vitest';
import {
  formatLatticeKey,
  type LatticeResourceIdentity,
  latticeKindOfKey,
  latticeNameOf,
  latticeParentOf,
  latticeResourceKey,
  parseLatticeKey,
  policyHolderKey,
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

describe('parseLatticeKey', () => {
  it('reads back the identity of every kind, and the instance of a second resource under a taken key', () => {
    for (const id of identities) {
      expect(parseLatticeKey(latticeResourceKey(id))).toEqual({ provider: 'lattice', id });
      const second = { provider: 'lattice' as const, id, instance: 'tg-0123' };
      expect(parseLatticeKey(formatLatticeKey(second))).toEqual(second);
    }
    expect(formatLatticeKey({ provider: 'lattice', id: identities[6]!, instance: 'tg-1' })).toBe(
      'lattice:TargetGroup/color-demo-blue-8080#tg-1',
    );
  });

  it('refuses what is not a Lattice key', () => {
    for (const text of [
      'appmesh:demo/Mesh/demo',
      'lattice:',
      'lattice:Service',
      'lattice:Listener/l',
      'lattice:Service/s/Rule/r',
      'lattice:TargetGroup/a/b',
      'lattice:Service//Listener/l',
      'lattice:TargetGroup/t#a#b',
      'lattice-targets:lattice:TargetGroup/t',
    ])
      expect(parseLatticeKey(text), text).toBeUndefined();
  });
});

describe('what a Lattice key says in words', () => {
  it('names a resource by its Lattice name, an association by its pair, a policy by its holder', () => {
    expect(identities.map(latticeNameOf)).toEqual([
      'demo',
      'demo/vpc-0abc',
      'color-demo',
      'demo/color-demo',
      'http-8080',
      'blue',
      'color-demo-blue-8080',
      'color-demo',
    ]);
  });

  it('places a child under its parents, and an auth policy under its holder once', () => {
    expect(identities.map(latticeParentOf)).toEqual([
      undefined,
      'service network demo',
      undefined,
      'service network demo',
      'service color-demo',
      'service color-demo, listener http-8080',
      undefined,
      'service color-demo',
    ]);
    expect(latticeParentOf({ kind: 'AuthPolicy', parent: { kind: 'ServiceNetwork', name: 'demo' } })).toBe(
      'service network demo',
    );
  });

  it("gives an auth policy's holder key, and any other key as it is", () => {
    expect(policyHolderKey('lattice:Service/color-demo/AuthPolicy')).toBe('lattice:Service/color-demo');
    expect(policyHolderKey('lattice:ServiceNetwork/demo/AuthPolicy')).toBe('lattice:ServiceNetwork/demo');
    expect(policyHolderKey('lattice:Service/color-demo')).toBe('lattice:Service/color-demo');
  });
});
