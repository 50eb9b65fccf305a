import { latticeQuotaUsage, regionScope } from './lattice-quota-usage.ts';
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

/**
 * The translated set against Lattice's quotas (spec §3.9): one line per quota with the fullest parent. The
 * region-wide counts cover this set only; what the account already holds adds to them.
 */
export function latticeQuotaFit(
  resources: readonly DesiredLatticeResource[],
  limits: Partial<LatticeQuotaLimits> = {},
): LatticeQuotaFit[] {
  const usage = latticeQuotaUsage(resources);
  return Object.values(LATTICE_QUOTA_DEFAULTS).map((q) => {
    const limit = limits[q.name] ?? q.limit;
    const base = { name: q.name, title: q.title, code: q.code, limit };
    const byParent = q.name === 'targetsPerTargetGroup' ? undefined : usage.get(q.name);
    if (!byParent) return { ...base, fits: true };
    let used = 0;
    let subject: string | undefined;
    for (const [parent, keys] of byParent) if (keys.length > used) [used, subject] = [keys.length, parent];
    return {
      ...base,
      used,
      subject: subject === regionScope ? undefined : subject,
      fits: used <= limit,
    };
  });
}
