import type { LatticeResourceKind } from './lattice-resource.ts';

/**
 * What names one Lattice resource without its service-assigned id: network, service and target group names
 * are unique per account and region, listener names per service, rule names per listener, and an
 * association is its pair.
 */
export type LatticeResourceIdentity =
  | { kind: 'ServiceNetwork'; name: string }
  | { kind: 'ServiceNetworkVpcAssociation'; serviceNetworkName: string; vpcId: string }
  | { kind: 'Service'; name: string }
  | { kind: 'ServiceNetworkServiceAssociation'; serviceNetworkName: string; serviceName: string }
  | { kind: 'Listener'; serviceName: string; name: string }
  | { kind: 'Rule'; serviceName: string; listenerName: string; name: string }
  | { kind: 'TargetGroup'; name: string }
  | { kind: 'AuthPolicy'; parent: { kind: 'Service' | 'ServiceNetwork'; name: string } };

/**
 * The inventory key of a Lattice resource, `lattice:<path>`, children under their parents
 * (`lattice:Service/<svc>/Listener/<listener>/Rule/<rule>`), so the desired state, the observer and the
 * inventory meet under one key.
 */
export function latticeResourceKey(id: LatticeResourceIdentity): string {
  switch (id.kind) {
    case 'ServiceNetwork':
    case 'Service':
    case 'TargetGroup':
      return `lattice:${id.kind}/${id.name}`;
    case 'ServiceNetworkVpcAssociation':
      return `lattice:ServiceNetwork/${id.serviceNetworkName}/VpcAssociation/${id.vpcId}`;
    case 'ServiceNetworkServiceAssociation':
      return `lattice:ServiceNetwork/${id.serviceNetworkName}/ServiceAssociation/${id.serviceName}`;
    case 'Listener':
      return `lattice:Service/${id.serviceName}/Listener/${id.name}`;
    case 'Rule':
      return `lattice:Service/${id.serviceName}/Listener/${id.listenerName}/Rule/${id.name}`;
    case 'AuthPolicy':
      return `lattice:${id.parent.kind}/${id.parent.name}/AuthPolicy`;
  }
}

/** The kind a Lattice inventory key names, or undefined when it is not one. */
export function latticeKindOfKey(key: string): LatticeResourceKind | undefined {
  if (!key.startsWith('lattice:')) return undefined;
  const parts = key.slice('lattice:'.length).split('/');
  const last = parts.length % 2 === 0 ? parts[parts.length - 2] : parts[parts.length - 1];
  switch (last) {
    case 'VpcAssociation':
      return 'ServiceNetworkVpcAssociation';
    case 'ServiceAssociation':
      return 'ServiceNetworkServiceAssociation';
    case 'ServiceNetwork':
    case 'Service':
    case 'Listener':
    case 'Rule':
    case 'TargetGroup':
    case 'AuthPolicy':
      return last;
    default:
      return undefined;
  }
}
