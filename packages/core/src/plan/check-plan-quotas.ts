import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { QuotaLimits } from '../quota/quota-defaults.ts';
import { type CountedResource, inQuotaOrder, unorderedQuotaUsage } from '../quota/quota-usage.ts';
import type { PlanBlocker, PlannedChange } from './plan-types.ts';

/**
 * The world as it would be after the plan (observed, minus deletes, plus creates, with desired specs
 * where Git sets them), checked against the quotas: a plan that would exceed one fails before any write,
 * naming the quota, its limit and the resources over it.
 */
export function checkPlanQuotas(
  changes: readonly PlannedChange[],
  observed: readonly ObservedMeshResource[],
  accountId: string,
  limits: QuotaLimits,
): PlanBlocker[] {
  const after = new Map<string, CountedResource>(observed.map((o) => [o.key, o]));
  for (const c of changes) {
    if (c.action === 'delete') after.delete(c.key);
    else if (c.desired && c.action !== 'skip') after.set(c.key, c.desired);
  }
  const adds = new Set(
    changes.filter((c) => c.action === 'create' || c.action === 'update').map((c) => c.key),
  );
  return inQuotaOrder(
    unorderedQuotaUsage([...after.values()], accountId, limits).filter(
      (u) => u.used > u.limit && u.keys.some((k) => adds.has(k)),
    ),
  ).map((u) => ({
    reason: 'quota-exceeded' as const,
    message: `${u.scope} would use ${u.used} of the App Mesh quota "${u.title}"${u.code ? ` (${u.code})` : ''}, limit ${u.limit}`,
    keys: u.keys.filter((k) => adds.has(k)),
  }));
}
