import type { TargetPolicy } from '../target.ts';
import type { PlanBlocker, PlannedChange } from './plan-types.ts';

/**
 * Refuses mass deletion: more than the policy's share of the target's managed resources, or any Mesh,
 * unless the command allows it. A wrong path or an emptied branch must not wipe a production mesh.
 */
export function guardPrune(
  changes: PlannedChange[],
  managedCount: number,
  policy: TargetPolicy,
  allowPrune: boolean,
): PlanBlocker[] {
  if (allowPrune) return [];
  const deletes = changes.filter((c) => c.action === 'delete' && c.reason === 'removed-from-git');
  const blockers: PlanBlocker[] = [];
  const meshes = deletes.filter((c) => c.kind === 'Mesh');
  if (meshes.length > 0) {
    blockers.push({
      reason: 'mesh-deletion',
      message: `the plan deletes ${meshes.length === 1 ? 'mesh' : 'meshes'} ${meshes.map((m) => m.name).join(', ')}; pass --allow-prune to allow it`,
      keys: meshes.map((m) => m.key),
    });
  }
  if (managedCount > 0 && deletes.length / managedCount > policy.pruneGuardRatio) {
    blockers.push({
      reason: 'prune-guard',
      message: `the plan deletes ${deletes.length} of ${managedCount} managed resources, more than the guard's ${Math.round(policy.pruneGuardRatio * 100)}%; pass --allow-prune to allow it`,
      keys: deletes.map((d) => d.key),
    });
  }
  return blockers;
}
