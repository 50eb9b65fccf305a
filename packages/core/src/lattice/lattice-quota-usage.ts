import type { LatticeQuotaName } from './lattice-quotas.ts';
import type { DesiredLatticeResource, LatticeResourceKind } from './lattice-resource.ts';

/** The quotas a desired set's resources count against (targets follow the pods and are counted live). */
export type CountedLatticeQuota = Exclude<LatticeQuotaName, 'targetsPerTargetGroup'>;

/** The parent a region-wide quota counts under. */
export const regionScope = 'region';

const spec = (r: DesiredLatticeResource) => r.spec as unknown as Record<string, string>;

/** What each quota counts: resources of one kind, per parent. */
const counted: Record<
  CountedLatticeQuota,
  { kind: LatticeResourceKind; parentOf: (r: DesiredLatticeResource) => string }
> = {
  serviceNetworksPerRegion: { kind: 'ServiceNetwork', parentOf: () => regionScope },
  servicesPerRegion: { kind: 'Service', parentOf: () => regionScope },
  targetGroupsPerRegion: { kind: 'TargetGroup', parentOf: () => regionScope },
  listenersPerService: { kind: 'Listener', parentOf: (r) => spec(r).serviceKey! },
  rulesPerListener: { kind: 'Rule', parentOf: (r) => spec(r).listenerKey! },
  targetGroupsPerService: {
    kind: 'TargetGroup',
    parentOf: (r) => (r as Extract<DesiredLatticeResource, { kind: 'TargetGroup' }>).serviceKey,
  },
  serviceAssociationsPerServiceNetwork: {
    kind: 'ServiceNetworkServiceAssociation',
    parentOf: (r) => spec(r).serviceNetworkKey!,
  },
  vpcAssociationsPerServiceNetwork: {
    kind: 'ServiceNetworkVpcAssociation',
    parentOf: (r) => spec(r).serviceNetworkKey!,
  },
};

/**
 * A desired set's use of each Lattice quota: per quota, the keys of the resources it counts under each
 * parent (a service, a listener, a network, or `region`). The migration report's quota fit and the plan's
 * quota pre-check both read it.
 */
export function latticeQuotaUsage(
  resources: readonly DesiredLatticeResource[],
): Map<CountedLatticeQuota, Map<string, string[]>> {
  const usage = new Map<CountedLatticeQuota, Map<string, string[]>>();
  for (const [name, { kind, parentOf }] of Object.entries(counted) as [
    CountedLatticeQuota,
    (typeof counted)[CountedLatticeQuota],
  ][]) {
    const byParent = new Map<string, string[]>();
    for (const r of resources)
      if (r.kind === kind) byParent.set(parentOf(r), [...(byParent.get(parentOf(r)) ?? []), r.key]);
    usage.set(name, byParent);
  }
  return usage;
}
