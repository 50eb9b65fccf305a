import { LATTICE_QUOTA_DEFAULTS, type LatticeQuotaLimits, type LatticeQuotaName } from './lattice-quotas.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';

/** How a translated set fits one Lattice quota: the fullest parent and its count. */
export interface LatticeQuotaFit {
  name: LatticeQuotaName;
  title: string;
  code: string;
  limit: number;
  /** Undefined where the count is only known live (targets follow the pods). */
  used?: number;
  /** The parent with the highest count (a service, a listener…), for per-parent quotas. */
  subject?: string;
  fits: boolean;
}

type Counter = (resources: readonly DesiredLatticeResource[]) => Map<string, number>;

const countBy =
  (kind: DesiredLatticeResource['kind'], parentOf: (r: DesiredLatticeResource) => string): Counter =>
  (resources) => {
    const counts = new Map<string, number>();
    for (const r of resources)
      if (r.kind === kind) counts.set(parentOf(r), (counts.get(parentOf(r)) ?? 0) + 1);
    return counts;
  };

const spec = (r: DesiredLatticeResource) => r.spec as unknown as Record<string, string>;
const region = () => 'Region';

const COUNTERS: Record<Exclude<LatticeQuotaName, 'targetsPerTargetGroup'>, Counter> = {
  serviceNetworksPerRegion: countBy('ServiceNetwork', region),
  servicesPerRegion: countBy('Service', region),
  targetGroupsPerRegion: countBy('TargetGroup', region),
  listenersPerService: countBy('Listener', (r) => spec(r).serviceKey!),
  rulesPerListener: countBy('Rule', (r) => spec(r).listenerKey!),
  targetGroupsPerService: countBy('TargetGroup', (r) => (r as { serviceKey: string }).serviceKey),
  serviceAssociationsPerServiceNetwork: countBy(
    'ServiceNetworkServiceAssociation',
    (r) => spec(r).serviceNetworkKey!,
  ),
  vpcAssociationsPerServiceNetwork: countBy(
    'ServiceNetworkVpcAssociation',
    (r) => spec(r).serviceNetworkKey!,
  ),
};

/**
 * The translated set against Lattice's quotas (spec §3.9): one line per quota with the fullest parent. The
 * region-wide counts cover this set only; what the account already holds adds to them.
 */
export function latticeQuotaFit(
  resources: readonly DesiredLatticeResource[],
  limits: Partial<LatticeQuotaLimits> = {},
): LatticeQuotaFit[] {
  return Object.values(LATTICE_QUOTA_DEFAULTS).map((q) => {
    const limit = limits[q.name] ?? q.limit;
    const base = { name: q.name, title: q.title, code: q.code, limit };
    if (q.name === 'targetsPerTargetGroup') return { ...base, fits: true };
    let used = 0;
    let subject: string | undefined;
    for (const [parent, n] of COUNTERS[q.name](resources)) {
      if (n > used) [used, subject] = [n, parent];
    }
    return { ...base, used, ...(subject && subject !== 'Region' ? { subject } : {}), fits: used <= limit };
  });
}
