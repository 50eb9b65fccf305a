import type { PlanBlocker } from '../plan/plan-types.ts';
import { LATTICE_QUOTA_DEFAULTS, type LatticeQuotaLimits, type LatticeQuotaName } from './lattice-quotas.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';

/** Region-wide counts as Lattice listed them, and what the plan adds and removes there. */
export interface LatticeRegionUsage {
  serviceNetworks: number;
  services: number;
  targetGroups: number;
}

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
  const over = (name: LatticeQuotaName, scope: string, used: number, keys: string[]) => {
    const q = LATTICE_QUOTA_DEFAULTS[name];
    if (used > limits[name])
      blockers.push({
        reason: 'quota-exceeded',
        message: `${scope} would use ${used} of the VPC Lattice quota "${q.title}" (${q.code}), limit ${limits[name]}`,
        keys,
      });
  };
  over(
    'serviceNetworksPerRegion',
    'the region',
    regionAfter.serviceNetworks,
    kindKeys(desired, 'ServiceNetwork'),
  );
  over('servicesPerRegion', 'the region', regionAfter.services, kindKeys(desired, 'Service'));
  over('targetGroupsPerRegion', 'the region', regionAfter.targetGroups, kindKeys(desired, 'TargetGroup'));
  const per = (kind: DesiredLatticeResource['kind'], parentOf: (d: DesiredLatticeResource) => string) => {
    const groups = new Map<string, string[]>();
    for (const d of desired.filter((x) => x.kind === kind))
      groups.set(parentOf(d), [...(groups.get(parentOf(d)) ?? []), d.key]);
    return groups;
  };
  const spec = (d: DesiredLatticeResource) => d.spec as unknown as Record<string, string>;
  for (const [parent, keys] of per('Listener', (d) => spec(d).serviceKey!))
    over('listenersPerService', parent, keys.length, keys);
  for (const [parent, keys] of per('Rule', (d) => spec(d).listenerKey!))
    over('rulesPerListener', parent, keys.length, keys);
  for (const [parent, keys] of per('TargetGroup', (d) => (d as { serviceKey: string }).serviceKey))
    over('targetGroupsPerService', parent, keys.length, keys);
  for (const [parent, keys] of per('ServiceNetworkServiceAssociation', (d) => spec(d).serviceNetworkKey!))
    over('serviceAssociationsPerServiceNetwork', parent, keys.length, keys);
  for (const [parent, keys] of per('ServiceNetworkVpcAssociation', (d) => spec(d).serviceNetworkKey!))
    over('vpcAssociationsPerServiceNetwork', parent, keys.length, keys);
  return blockers;
}

const kindKeys = (desired: readonly DesiredLatticeResource[], kind: DesiredLatticeResource['kind']) =>
  desired.filter((d) => d.kind === kind).map((d) => d.key);
