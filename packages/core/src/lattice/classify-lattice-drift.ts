import { classifyPlanDrift, type DriftIdentity } from '../drift/classify-plan-drift.ts';
import type { DriftItem } from '../drift/drift-item.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import type { KeyedLatticeResource } from './observe-lattice.ts';

/** Where a Lattice resource lives, from its key: `service color, listener http-80`; absent at the top. */
export function latticeParentOfKey(key: string): string | undefined {
  const parts = key.slice('lattice:'.length).replace(/#.*$/, '').split('/');
  const words: Record<string, string> = {
    ServiceNetwork: 'service network',
    Service: 'service',
    Listener: 'listener',
  };
  const parents: string[] = [];
  for (let i = 0; i + 2 < parts.length; i += 2)
    parents.push(`${words[parts[i]!] ?? parts[i]} ${parts[i + 1]}`);
  // An auth policy's key ends with its kind alone: its parent is the pair before it.
  if (parts.length % 2 === 1 && parts.length > 1)
    parents.push(`${words[parts[parts.length - 3]!] ?? ''} ${parts[parts.length - 2]}`.trim());
  return parents.length > 0 ? parents.join(', ') : undefined;
}

/** A Lattice resource's drift identity: its key, kind, name and where it lives. */
const identity = (r: Pick<LatticePlannedChange, 'key' | 'kind' | 'name'>): DriftIdentity => {
  const parentName = latticeParentOfKey(r.key);
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
