import { classifyPlanDrift, type DriftIdentity } from '../drift/classify-plan-drift.ts';
import type { DriftItem } from '../drift/drift-item.ts';
import { latticeParentOf, parseLatticeKey } from '../provider/lattice-resource-key.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import type { KeyedLatticeResource } from './observe-lattice.ts';

/** A Lattice resource's drift identity: its key, kind, name and where it lives. */
const identity = (r: Pick<LatticePlannedChange, 'key' | 'kind' | 'name'>): DriftIdentity => {
  const key = parseLatticeKey(r.key);
  const parentName = key && latticeParentOf(key.id);
  return {
    key: r.key,
    provider: 'lattice',
    kind: r.kind,
    name: r.name,
    ...(parentName ? { parentName } : {}),
  };
};

/**
 * Lattice drift as the classification of a plan against what meshcd last applied (see classifyPlanDrift):
 * in sync; Modified with the field differences (or replaced by a stranger); Missing (deleted out of band);
 * Unmanaged when meshcd recorded it but no longer wants it, when it carries the target's tag without a
 * record, or when it is someone else's resource inside meshcd's services and networks (an extra rule,
 * another service's association). Pure.
 */
export const classifyLatticeDrift = (input: {
  plan: LatticePlan;
  observed: readonly KeyedLatticeResource[];
  inventory: readonly InventoryEntry[];
}): DriftItem[] =>
  classifyPlanDrift({
    changes: input.plan.changes,
    observed: input.observed,
    inventory: input.inventory,
    identity,
  });
