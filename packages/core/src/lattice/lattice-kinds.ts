import type { PlanAction } from '../plan/plan-types.ts';
import type { LatticeResourceKind } from './lattice-resource.ts';

interface LatticeKindFacts {
  /** Wave of a create or update: what a resource references exists in an earlier wave. */
  forward: number;
  /** Wave of a delete: after everything that used it is gone or repointed, so Lattice never answers Conflict. */
  reverse: number;
  /** Lattice tags it (auth policies are not taggable: they belong to whoever owns their parent). */
  taggable: boolean;
  /** Members of the desired spec that only a create sets: a change to one replaces the resource. */
  createOnly: readonly string[];
  /** Members the service fills when meshcd leaves them unset: not a difference when absent from Git. */
  serviceFilled: readonly string[];
}

/**
 * The Lattice provider's kind table. Creates go network → services, target groups and the VPC association
 * → service associations and listeners → rules and auth policies. Rule deletes run before rule updates and
 * creates (a freed priority can be taken); every other delete runs after all creates and updates, children
 * before parents: listeners before target groups (a group used in an action cannot be deleted), service
 * associations before services, every association before its network.
 */
export const latticeKinds: Readonly<Record<LatticeResourceKind, LatticeKindFacts>> = {
  ServiceNetwork: { forward: 0, reverse: 14, taggable: true, createOnly: [], serviceFilled: [] },
  ServiceNetworkVpcAssociation: {
    forward: 1,
    reverse: 13,
    taggable: true,
    createOnly: ['serviceNetworkKey', 'vpcIdentifier'],
    serviceFilled: [],
  },
  Service: {
    forward: 1,
    reverse: 13,
    taggable: true,
    createOnly: ['customDomainName'],
    serviceFilled: ['idleTimeoutSeconds'],
  },
  TargetGroup: {
    forward: 1,
    reverse: 13,
    taggable: true,
    createOnly: [
      'type',
      'config.port',
      'config.protocol',
      'config.protocolVersion',
      'config.ipAddressType',
      'config.vpcIdentifier',
    ],
    serviceFilled: ['config.protocolVersion', 'config.ipAddressType'],
  },
  ServiceNetworkServiceAssociation: {
    forward: 2,
    reverse: 12,
    taggable: true,
    createOnly: ['serviceNetworkKey', 'serviceKey'],
    serviceFilled: [],
  },
  Listener: {
    forward: 2,
    reverse: 11,
    taggable: true,
    createOnly: ['serviceKey', 'protocol', 'port'],
    serviceFilled: [],
  },
  // Rule deletes go first (wave 3), then rule updates (4, priorities moved in one batch per listener), then
  // rule creates (5), so no two rules of a listener ever hold one priority.
  Rule: {
    forward: 5,
    reverse: 3,
    taggable: true,
    createOnly: ['serviceKey', 'listenerKey'],
    serviceFilled: [],
  },
  AuthPolicy: { forward: 6, reverse: 10, taggable: false, createOnly: ['resourceKey'], serviceFilled: [] },
};

export const ruleUpdateWave = 4;

export function latticeWaveOf(kind: LatticeResourceKind, action: PlanAction): number {
  if (action === 'delete') return latticeKinds[kind].reverse;
  if (kind === 'Rule' && action === 'update') return ruleUpdateWave;
  return latticeKinds[kind].forward;
}

/** Kinds whose status goes through CREATE_IN_PROGRESS / DELETE_IN_PROGRESS. */
export const asynchronousLatticeKinds: ReadonlySet<LatticeResourceKind> = new Set([
  'Service',
  'TargetGroup',
  'ServiceNetworkServiceAssociation',
  'ServiceNetworkVpcAssociation',
]);
