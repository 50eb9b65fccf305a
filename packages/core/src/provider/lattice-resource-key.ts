import type { LatticeResourceKind } from '../lattice/lattice-resource.ts';

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

/**
 * A Lattice resource's key as a value: its identity, and for a second resource found under a key already
 * taken (a leftover of a replacement), the id that keeps its key apart (`#<id>` in text).
 */
export interface LatticeKey {
  provider: 'lattice';
  id: LatticeResourceIdentity;
  instance?: string;
}

/** The text form of a Lattice key. */
export const formatLatticeKey = (key: LatticeKey): string =>
  key.instance === undefined ? latticeResourceKey(key.id) : `${latticeResourceKey(key.id)}#${key.instance}`;

const topLevel = new Set(['ServiceNetwork', 'Service', 'TargetGroup']);

/** The Lattice key a text form stands for (the inverse of formatLatticeKey), or undefined when it is not one. */
export function parseLatticeKey(text: string): LatticeKey | undefined {
  if (!text.startsWith('lattice:')) return undefined;
  const [path = '', instance, ...more] = text.slice('lattice:'.length).split('#');
  if (more.length > 0) return undefined;
  const id = identityOfPath(path.split('/'));
  if (!id) return undefined;
  return instance === undefined ? { provider: 'lattice', id } : { provider: 'lattice', id, instance };
}

function identityOfPath(parts: string[]): LatticeResourceIdentity | undefined {
  if (parts.some((p) => p === '')) return undefined;
  const [kind = '', name = '', child, childName, grandchild, grandchildName] = parts;
  if (parts.length === 2 && topLevel.has(kind)) return { kind, name } as LatticeResourceIdentity;
  if (parts.length === 3 && child === 'AuthPolicy' && (kind === 'Service' || kind === 'ServiceNetwork'))
    return { kind: 'AuthPolicy', parent: { kind, name } };
  if (parts.length === 4 && kind === 'ServiceNetwork' && child === 'VpcAssociation')
    return { kind: 'ServiceNetworkVpcAssociation', serviceNetworkName: name, vpcId: childName! };
  if (parts.length === 4 && kind === 'ServiceNetwork' && child === 'ServiceAssociation')
    return { kind: 'ServiceNetworkServiceAssociation', serviceNetworkName: name, serviceName: childName! };
  if (parts.length === 4 && kind === 'Service' && child === 'Listener')
    return { kind: 'Listener', serviceName: name, name: childName! };
  if (parts.length === 6 && kind === 'Service' && child === 'Listener' && grandchild === 'Rule')
    return { kind: 'Rule', serviceName: name, listenerName: childName!, name: grandchildName! };
  return undefined;
}

/** The kind a Lattice inventory key names, or undefined when it is not one. */
export const latticeKindOfKey = (key: string): LatticeResourceKind | undefined =>
  parseLatticeKey(key)?.id.kind;

/** A resource's Lattice name: its own name; an association is its pair, an auth policy its holder's name. */
export function latticeNameOf(id: LatticeResourceIdentity): string {
  switch (id.kind) {
    case 'ServiceNetworkVpcAssociation':
      return `${id.serviceNetworkName}/${id.vpcId}`;
    case 'ServiceNetworkServiceAssociation':
      return `${id.serviceNetworkName}/${id.serviceName}`;
    case 'AuthPolicy':
      return id.parent.name;
    default:
      return id.name;
  }
}

/** Where a Lattice resource lives, in words: `service color, listener http-80`; undefined at the top. */
export function latticeParentOf(id: LatticeResourceIdentity): string | undefined {
  switch (id.kind) {
    case 'ServiceNetworkVpcAssociation':
    case 'ServiceNetworkServiceAssociation':
      return `service network ${id.serviceNetworkName}`;
    case 'Listener':
      return `service ${id.serviceName}`;
    case 'Rule':
      return `service ${id.serviceName}, listener ${id.listenerName}`;
    case 'AuthPolicy':
      return `${id.parent.kind === 'Service' ? 'service' : 'service network'} ${id.parent.name}`;
    default:
      return undefined;
  }
}

/** The key of the service or network an auth policy's key belongs to; any other key as it is. */
export function policyHolderKey(text: string): string {
  const key = parseLatticeKey(text);
  return key?.id.kind === 'AuthPolicy' ? latticeResourceKey(key.id.parent) : text;
}

/** The keys of the resources a Lattice resource lives inside, outermost first (a rule: its service, its listener). */
export function latticeAncestorKeys(id: LatticeResourceIdentity): string[] {
  switch (id.kind) {
    case 'ServiceNetworkVpcAssociation':
    case 'ServiceNetworkServiceAssociation':
      return [latticeResourceKey({ kind: 'ServiceNetwork', name: id.serviceNetworkName })];
    case 'Listener':
      return [latticeResourceKey({ kind: 'Service', name: id.serviceName })];
    case 'Rule':
      return [
        latticeResourceKey({ kind: 'Service', name: id.serviceName }),
        latticeResourceKey({ kind: 'Listener', serviceName: id.serviceName, name: id.listenerName }),
      ];
    case 'AuthPolicy':
      return [latticeResourceKey(id.parent)];
    default:
      return [];
  }
}
