import type { ChangeAction } from '../provider/change.ts';
import type { KindFacts, KindTable } from '../provider/kind-table.ts';
import type { LatticeQuotaName } from './lattice-quotas.ts';
import type { LatticeResourceKind } from './lattice-resource.ts';

/** The shared kind facts, and what only Lattice needs to know of a kind. */
export interface LatticeKindFacts extends KindFacts<LatticeResourceKind, LatticeQuotaName> {
  /** Lattice tags it (auth policies are not taggable: they belong to whoever owns their parent). */
  taggable: boolean;
  /** Members of the desired spec that only a create sets: a change to one replaces the resource. */
  createOnly: readonly string[];
}

/**
 * The Lattice provider's kind table. Creates go network → services, target groups and the VPC association
 * → service associations and listeners → rules and auth policies. Rule deletes run before rule updates and
 * creates (a freed priority can be taken); every other delete runs after all creates and updates, children
 * before parents: listeners before target groups (a group used in an action cannot be deleted), service
 * associations before services, every association before its network. The quota is the per-parent count a
 * resource uses up (target groups also count per region, see latticeQuotaUsage).
 */
export const latticeKinds = {
  ServiceNetwork: {
    nameMember: 'serviceNetworkIdentifier',
    wave: 0,
    deleteWave: 14,
    quota: 'serviceNetworksPerRegion',
    taggable: true,
    createOnly: [],
    serviceFilled: [],
  },
  ServiceNetworkVpcAssociation: {
    nameMember: 'serviceNetworkVpcAssociationIdentifier',
    parent: 'ServiceNetwork',
    wave: 1,
    deleteWave: 13,
    quota: 'vpcAssociationsPerServiceNetwork',
    taggable: true,
    createOnly: ['serviceNetworkKey', 'vpcIdentifier'],
    serviceFilled: [],
  },
  Service: {
    nameMember: 'serviceIdentifier',
    wave: 1,
    deleteWave: 13,
    quota: 'servicesPerRegion',
    taggable: true,
    createOnly: ['customDomainName'],
    serviceFilled: ['idleTimeoutSeconds'],
  },
  TargetGroup: {
    nameMember: 'targetGroupIdentifier',
    wave: 1,
    deleteWave: 13,
    quota: 'targetGroupsPerService',
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
    nameMember: 'serviceNetworkServiceAssociationIdentifier',
    parent: 'ServiceNetwork',
    wave: 2,
    deleteWave: 12,
    quota: 'serviceAssociationsPerServiceNetwork',
    taggable: true,
    createOnly: ['serviceNetworkKey', 'serviceKey'],
    serviceFilled: [],
  },
  Listener: {
    nameMember: 'listenerIdentifier',
    parent: 'Service',
    wave: 2,
    deleteWave: 11,
    quota: 'listenersPerService',
    taggable: true,
    createOnly: ['serviceKey', 'protocol', 'port'],
    serviceFilled: [],
  },
  // Rule deletes go first (wave 3), then rule updates (4, priorities moved in one batch per listener), then
  // rule creates (5), so no two rules of a listener ever hold one priority.
  Rule: {
    nameMember: 'ruleIdentifier',
    parent: 'Listener',
    wave: 5,
    deleteWave: 3,
    quota: 'rulesPerListener',
    taggable: true,
    createOnly: ['serviceKey', 'listenerKey'],
    serviceFilled: [],
  },
  // On a service or a service network: no parent of its own kind in the table.
  AuthPolicy: {
    nameMember: 'resourceIdentifier',
    wave: 6,
    deleteWave: 10,
    taggable: false,
    createOnly: ['resourceKey'],
    serviceFilled: [],
  },
} as const satisfies KindTable<LatticeResourceKind, LatticeQuotaName> &
  Record<LatticeResourceKind, LatticeKindFacts>;

export const ruleUpdateWave = 4;

export function latticeWaveOf(kind: LatticeResourceKind, action: ChangeAction): number {
  if (action === 'delete') return latticeKinds[kind].deleteWave;
  if (kind === 'Rule' && action === 'update') return ruleUpdateWave;
  return latticeKinds[kind].wave;
}
