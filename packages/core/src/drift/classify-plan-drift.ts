import type { FieldDiff } from '../plan/diff-spec.ts';
import { isRecordedInstance, ownerTagKey } from '../plan/ownership.ts';
import type { Change } from '../provider/change.ts';
import type { AppMeshEntry, InventoryEntry, LatticeEntry } from '../state/inventory-entry.ts';
import { type DriftItem, sortDriftItems } from './drift-item.ts';

/** A resource as observed, as far as drift needs it: which instance it is and whose. */
export interface ObservedInstance {
  key: string;
  arn: string;
  uid?: string;
  createdAt?: string;
  tags?: Record<string, string>;
}

/** What drift needs of a planned change, whatever the provider. */
export interface BaselineChange<O extends ObservedInstance = ObservedInstance> extends Change {
  kind: string;
  name: string;
  desired?: unknown;
  observed?: O;
  diff: FieldDiff[];
}

/** The part of a drift item that says which resource it is about. */
export type DriftIdentity = Pick<DriftItem, 'key' | 'provider' | 'kind' | 'name' | 'meshName' | 'parentName'>;

export interface PlanDriftInput<O extends ObservedInstance, C extends BaselineChange<O>> {
  /** The plan from the baseline (what Git wants, or what meshcd last applied) to what was observed. */
  changes: readonly C[];
  /** Everything observed: what the plan leaves alone (another's resource nobody wants) is reported too. */
  observed: readonly O[];
  inventory: readonly InventoryEntry[];
  /** Tells the instance meshcd created from a same-named one someone else put in its place. */
  targetId?: string;
  identity: (resource: C | O) => DriftIdentity;
  /** Field differences of a resource that stands; default the plan's diff. None left means in sync. */
  differences?: (change: C, observed: O | undefined) => FieldDiff[];
  /** Kinds that hold the others (App Mesh's Mesh): one the baseline does not have is given, not drift. */
  container?: (kind: string) => boolean;
}

/** What the inventory records of a cloud provider's resource. */
type CloudEntry = AppMeshEntry | LatticeEntry;

const isCloudEntry = (e: InventoryEntry): e is CloudEntry =>
  e.provider === 'appmesh' || e.provider === 'lattice';

/** What tells the stranger from the resource meshcd recorded: the ARN, else the uid, else the creation time. */
function instanceDifference(entry: CloudEntry, o: ObservedInstance): FieldDiff {
  if (entry.arn !== o.arn) return { path: 'arn', expected: entry.arn, actual: o.arn };
  if (entry.uid !== undefined && o.uid !== undefined)
    return { path: 'metadata.uid', expected: entry.uid, actual: o.uid };
  return { path: 'metadata.createdAt', expected: entry.createdAt, actual: o.createdAt };
}

/** Reasons a plan gives a resource it wants but does not own. */
const notOwned = new Set(['adopt', 'unowned-conflict']);

/**
 * Drift as the classification of a plan computed against a baseline, the same for every provider:
 * - in sync: nothing to do;
 * - Missing: the plan creates it (deleted out of band);
 * - Modified with the field differences: the plan updates it, or replaces what can only be replaced; or
 *   `replaced`, when a same-named resource meshcd did not create stands where the one it recorded was;
 * - Unmanaged: the plan deletes it (recorded but no longer wanted, or carrying the target's tag without a
 *   record), or it is someone else's resource that nobody wants, next to meshcd's.
 * Another account's resource the baseline wants is compared all the same. Pure.
 */
export function classifyPlanDrift<O extends ObservedInstance, C extends BaselineChange<O>>(
  input: PlanDriftInput<O, C>,
): DriftItem[] {
  const entries = new Map(input.inventory.filter(isCloudEntry).map((e) => [e.key, e]));
  const observed = new Map(input.observed.map((o) => [o.key, o]));
  const planned = new Map<string, number>();
  for (const c of input.changes) planned.set(c.key, (planned.get(c.key) ?? 0) + 1);
  const differences = input.differences ?? ((c: C) => c.diff);

  const classify = (c: C): DriftItem | undefined => {
    const entry = entries.get(c.key);
    const o = c.observed ?? observed.get(c.key);
    const arn = o?.arn ?? entry?.arn;
    const base = {
      ...input.identity(c),
      ...(arn ? { arn } : {}),
      ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
    };
    const compared = (): DriftItem => {
      const found = differences(c, o);
      return found.length > 0
        ? { ...base, state: 'Modified', reason: 'spec-changed', differences: found }
        : { ...base, state: 'InSync' };
    };
    const replaced = (): DriftItem | undefined =>
      entry?.arn && o
        ? { ...base, state: 'Modified', reason: 'replaced', differences: [instanceDifference(entry, o)] }
        : undefined;
    const wanted = c.desired !== undefined;
    if (!wanted && input.container?.(c.kind)) return undefined;
    switch (c.action) {
      case 'unchanged':
        return { ...base, state: 'InSync' };
      case 'create': {
        if (c.reason !== 'replaced') return { ...base, state: 'Missing' };
        // Only replacing it can change it (the replaced one's delete is the same item); replaced with its
        // parent, it may differ in nothing itself. In sync only when every difference is ignored.
        const found = differences(c, o);
        return found.length === 0 && c.diff.length > 0
          ? { ...base, state: 'InSync' }
          : { ...base, state: 'Modified', reason: 'spec-changed', differences: found };
      }
      case 'update':
        return (notOwned.has(c.reason) && replaced()) || compared();
      case 'delete':
        // Deleted to be created again under the same key: the create says what changed.
        if ((planned.get(c.key) ?? 0) > 1) return undefined;
        if (c.reason === 'replaced') return { ...base, state: 'Unmanaged', reason: 'removed-from-git' };
        return {
          ...base,
          state: 'Unmanaged',
          reason: entry !== undefined && entry.arn === o?.arn ? 'removed-from-git' : 'tagged-not-recorded',
        };
      case 'skip':
        if (!o) return { ...base, state: 'Missing' };
        if (c.reason === 'foreign-owner') {
          const stranger = !isRecordedInstance(o, entry) && o.tags?.[ownerTagKey] !== input.targetId;
          return (stranger && replaced()) || compared();
        }
        return (wanted && replaced()) || { ...base, state: 'Unmanaged', reason: 'not-in-git' };
    }
  };

  const items = input.changes.map(classify).filter((i): i is DriftItem => i !== undefined);
  for (const o of input.observed) {
    if (planned.has(o.key)) continue;
    const id = input.identity(o);
    if (input.container?.(id.kind)) continue;
    const entry = entries.get(o.key);
    items.push({
      ...id,
      arn: o.arn,
      state: 'Unmanaged',
      reason: entry ? 'removed-from-git' : 'not-in-git',
      ...(entry ? { sourceRevision: entry.sourceRevision } : {}),
    });
  }
  return sortDriftItems(items);
}
