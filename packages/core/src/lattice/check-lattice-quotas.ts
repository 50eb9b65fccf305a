import type { PlanBlocker } from '../plan/plan-types.ts';
import { type CountedLatticeQuota, latticeQuotaUsage, regionScope } from './lattice-quota-usage.ts';
import { LATTICE_QUOTA_DEFAULTS, type LatticeQuotaLimits } from './lattice-quotas.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';

/** Region-wide counts as Lattice listed them, and what the plan adds and removes there. */
export interface LatticeRegionUsage {
  serviceNetworks: number;
  services: number;
  targetGroups: number;
}

const regionCount: Partial<Record<CountedLatticeQuota, keyof LatticeRegionUsage>> = {
  serviceNetworksPerRegion: 'serviceNetworks',
  servicesPerRegion: 'services',
  targetGroupsPerRegion: 'targetGroups',
};

/**
 * The plan's quota pre-check: the region's counts after the plan, and per service, listener and network the
 * desired children, against the limits; each excess names the quota, its code, its limit and what is over.
 */
export function checkLatticeQuotas(
  desired: readonly DesiredLatticeResource[],
  regionAfter: LatticeRegionUsage,
  limits: LatticeQuotaLimits,
): PlanBlocker[] {
  const blockers: PlanBlocker[] = [];
  for (const [name, byParent] of latticeQuotaUsage(desired)) {
    const q = LATTICE_QUOTA_DEFAULTS[name];
    const region = regionCount[name];
    // Region-wide: what the account holds after the plan, not only this set.
    const counts: [string, number, string[]][] = region
      ? [[regionScope, regionAfter[region], byParent.get(regionScope) ?? []]]
      : [...byParent].map(([parent, keys]) => [parent, keys.length, keys]);
    for (const [parent, used, keys] of counts)
      if (used > limits[name])
        blockers.push({
          reason: 'quota-exceeded',
          message: `${parent === regionScope ? 'the region' : parent} would use ${used} of the VPC Lattice quota "${q.title}" (${q.code}), limit ${limits[name]}`,
          keys,
        });
  }
  return blockers;
}
