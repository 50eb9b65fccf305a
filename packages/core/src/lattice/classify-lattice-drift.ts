import type { DriftItem } from '../drift/drift-item.ts';
import { sortDriftItems } from '../drift/drift-item.ts';
import { type InventoryEntry, recordedArn } from '../state/inventory-entry.ts';
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

const identity = (c: Pick<LatticePlannedChange, 'key' | 'kind' | 'name'> & { arn?: string }) => {
  const parentName = latticeParentOfKey(c.key);
  return {
    key: c.key,
    provider: 'lattice' as const,
    kind: c.kind,
    name: c.name,
    ...(parentName ? { parentName } : {}),
    ...(c.arn ? { arn: c.arn } : {}),
  };
};

function classifyChange(c: LatticePlannedChange, entry: InventoryEntry | undefined): DriftItem | undefined {
  const arn = recordedArn(entry);
  const recorded = entry !== undefined && arn === c.observed?.arn;
  const base = {
    ...identity({ ...c, arn: c.observed?.arn ?? arn }),
    ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
  };
  switch (c.action) {
    case 'unchanged':
      return { ...base, state: 'InSync' };
    case 'create':
      // A create-only member changed: Lattice can only replace it; the replaced one's delete is the same item.
      if (c.reason === 'replaced')
        return { ...base, state: 'Modified', reason: 'spec-changed', differences: c.diff };
      return { ...base, state: 'Missing' };
    case 'update':
      return { ...base, state: 'Modified', reason: 'spec-changed', differences: c.diff };
    case 'delete':
      if (c.reason === 'replaced')
        return c.key.includes('#') ? { ...base, state: 'Unmanaged', reason: 'removed-from-git' } : undefined;
      return { ...base, state: 'Unmanaged', reason: recorded ? 'removed-from-git' : 'tagged-not-recorded' };
    case 'skip':
      // A same-named resource meshcd did not create stands where its own was.
      if (arn && c.observed)
        return {
          ...base,
          state: 'Modified',
          reason: 'replaced',
          differences: [{ path: 'arn', expected: arn, actual: c.observed.arn }],
        };
      return { ...base, state: 'Unmanaged', reason: 'not-in-git' };
  }
}

/**
 * Lattice drift as the classification of a plan against what meshcd last applied: in sync; Modified with
 * the field differences (or replaced by a stranger); Missing (deleted out of band); Unmanaged when meshcd
 * recorded it but no longer wants it, when it carries the target's tag without a record, or when it is
 * someone else's resource inside meshcd's services and networks (an extra rule, another service's
 * association). Pure.
 */
export function classifyLatticeDrift(input: {
  plan: LatticePlan;
  observed: readonly KeyedLatticeResource[];
  inventory: readonly InventoryEntry[];
}): DriftItem[] {
  const entries = new Map(input.inventory.map((e) => [e.key, e]));
  const items: DriftItem[] = [];
  const seen = new Set<string>();
  for (const c of input.plan.changes) {
    seen.add(c.key);
    const item = classifyChange(c, entries.get(c.key));
    if (item) items.push(item);
  }
  for (const o of input.observed)
    if (!seen.has(o.key)) items.push({ ...identity(o), state: 'Unmanaged', reason: 'not-in-git' });
  return sortDriftItems(items);
}
