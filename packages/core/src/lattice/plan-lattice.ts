import type { FieldDiff } from '../plan/diff-spec.ts';
import type { PlanAction, PlanBlocker, PlannedChange } from '../plan/plan-types.ts';
import { guardPrune } from '../plan/prune-guard.ts';
import { guardUnloadedSources } from '../plan/unloaded-source-guard.ts';
import { type InventoryEntry, recordedArn } from '../state/inventory-entry.ts';
import type { TargetPolicy } from '../target.ts';
import { checkLatticeQuotas, type LatticeRegionUsage } from './check-lattice-quotas.ts';
import { diffLatticeSpec, touchesCreateOnly } from './diff-lattice-spec.ts';
import { latticeWaveOf } from './lattice-kinds.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import { defaultLatticeQuotaLimits, type LatticeQuotaLimits } from './lattice-quotas.ts';
import type { DesiredLatticeResource } from './lattice-resource.ts';
import { isOwnedLattice, type KeyedLatticeResource, type LatticeObservation } from './observe-lattice.ts';
import { replacementName } from './replacement-name.ts';

export interface LatticePlanInput {
  targetId: string;
  desired: readonly DesiredLatticeResource[];
  observed: LatticeObservation;
  /** The target's Lattice inventory entries. */
  inventory: readonly InventoryEntry[];
  policy: TargetPolicy;
  allowPrune?: boolean;
  quotaLimits?: LatticeQuotaLimits;
  unloadedFiles?: readonly string[];
}

const change = (
  action: PlanAction,
  reason: LatticePlannedChange['reason'],
  base: { desired?: DesiredLatticeResource; observed?: KeyedLatticeResource },
  diff: FieldDiff[] = [],
  wave?: number,
): LatticePlannedChange => {
  const r = (base.desired ?? base.observed)!;
  return {
    action,
    reason,
    kind: r.kind,
    key: base.observed?.key ?? r.key,
    name: r.name,
    wave: wave ?? latticeWaveOf(r.kind, action),
    ...(base.desired ? { desired: base.desired } : {}),
    ...(base.observed ? { observed: base.observed } : {}),
    diff,
  };
};

/** Target group keys an action forwards to. */
const forwardsTo = (d: DesiredLatticeResource): string[] => {
  const action = d.kind === 'Listener' ? d.spec.defaultAction : d.kind === 'Rule' ? d.spec.action : undefined;
  return action && 'forward' in action ? action.forward.targetGroups.map((t) => t.targetGroupKey) : [];
};

/**
 * desired × observed × inventory → the ordered Lattice change set. Pure. Only what meshcd owns (the instance
 * its inventory recorded, or one carrying the target's tag) is updated or deleted. A target group whose
 * create-only configuration changed is replaced: the new one is created under another name, every listener
 * and rule forwarding to it is repointed, and only then is the old one deleted. A listener whose port or
 * protocol changed is deleted (its rules with it) and created again before its rules are.
 */
export function planLattice(input: LatticePlanInput): LatticePlan {
  const { targetId, policy } = input;
  const observed = input.observed.resources;
  const observedByKey = new Map(observed.map((o) => [o.key, o]));
  const inventoryByKey = new Map(input.inventory.map((e) => [e.key, e]));
  const desiredKeys = new Set(input.desired.map((d) => d.key));
  const owned = (o: KeyedLatticeResource): boolean =>
    isOwnedLattice(o, inventoryByKey.get(o.key), targetId, (parentKey) => {
      const p = observedByKey.get(parentKey);
      return p !== undefined && owned(p);
    });
  const changes: LatticePlannedChange[] = [];
  const blockers: PlanBlocker[] = [];
  const replacedGroups = new Set<string>();
  const replacedListeners = new Set<string>();

  // First pass: what is replaced, because it changes what its dependants must do.
  for (const d of input.desired) {
    const o = observedByKey.get(d.key);
    if (!o || !owned(o) || o.spec === undefined) continue;
    if (!touchesCreateOnly(d.kind, diffLatticeSpec(d.kind, d.spec, o.spec))) continue;
    if (d.kind === 'TargetGroup') replacedGroups.add(d.key);
    else if (d.kind === 'Listener') replacedListeners.add(d.key);
  }

  for (const d of input.desired) {
    const o = observedByKey.get(d.key);
    const entry = inventoryByKey.get(d.key);
    const parentReplaced = d.kind === 'Rule' && replacedListeners.has(d.spec.listenerKey);
    if (!o || parentReplaced) {
      changes.push(
        change('create', parentReplaced ? 'replaced' : entry ? 'deleted-out-of-band' : 'not-found', {
          desired: d,
        }),
      );
      continue;
    }
    if (!owned(o) && !policy.adopt) {
      changes.push(change('skip', 'unowned-conflict', { desired: d, observed: o }));
      blockers.push({
        reason: 'conflict',
        message: `${d.kind} ${d.name} exists in VPC Lattice but was not created by meshcd for target ${targetId}; allow adoption in the target's policy to take it over`,
        keys: [d.key],
      });
      continue;
    }
    const diff = diffLatticeSpec(d.kind, d.spec, o.spec);
    if (replacedGroups.has(d.key)) {
      changes.push({
        ...change('create', 'replaced', { desired: d }, diff),
        createAs: replacementName(d.name, o.name, d.spec),
      });
      changes.push(change('delete', 'replaced', { observed: { ...o, key: `${d.key}#${o.id}` } }));
      continue;
    }
    if (replacedListeners.has(d.key)) {
      // Deleted before listeners are created (wave 1): the port stays unique within the service.
      changes.push(change('delete', 'replaced', { observed: { ...o, key: `${d.key}#${o.id}` } }, [], 1));
      changes.push(change('create', 'replaced', { desired: d }, diff));
      continue;
    }
    const repointed = forwardsTo(d)
      .filter((k) => replacedGroups.has(k))
      .map((k) => ({ path: 'targetGroups', expected: `${k} (replacement)`, actual: `${k} (replaced)` }));
    const all = [...diff, ...repointed];
    if (!owned(o)) changes.push(change('update', 'adopt', { desired: d, observed: o }, all));
    else if (all.length === 0) changes.push(change('unchanged', 'in-sync', { desired: d, observed: o }));
    else {
      const drifted =
        entry !== undefined && recordedArn(entry) === o.arn && entry.version !== o.lastUpdatedAt;
      changes.push(change('update', drifted ? 'drifted' : 'spec-changed', { desired: d, observed: o }, all));
    }
  }

  for (const o of observed) {
    if (desiredKeys.has(o.key) || !owned(o)) continue;
    changes.push(
      policy.prune
        ? change('delete', 'removed-from-git', { observed: o })
        : change('skip', 'prune-disabled', { observed: o }),
    );
  }

  changes.sort((a, b) => a.wave - b.wave || a.key.localeCompare(b.key));
  blockers.push(...latticePruneGuards(changes, input));
  blockers.push(
    ...checkLatticeQuotas(
      input.desired,
      regionAfter(input.observed.region, changes),
      input.quotaLimits ?? defaultLatticeQuotaLimits(),
    ),
  );
  const forget = input.inventory
    .filter((e) => !desiredKeys.has(e.key))
    .filter((e) => {
      const o = observedByKey.get(e.key);
      return !o || !owned(o);
    })
    .map((e) => e.key);
  const summary: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, skip: 0 };
  for (const c of changes) summary[c.action]++;
  return { targetId, changes, blockers, forget, summary };
}

/** The shared guards (mass deletion, files that did not load), and no service network deleted unasked. */
function latticePruneGuards(changes: LatticePlannedChange[], input: LatticePlanInput): PlanBlocker[] {
  // The shared guards read only action, reason, key and name.
  const shared = changes as unknown as PlannedChange[];
  const blockers = [
    ...guardPrune(shared, input.inventory.length, input.policy, input.allowPrune ?? false),
    ...guardUnloadedSources(shared, [...input.inventory], input.unloadedFiles ?? []),
  ];
  const networks = changes.filter(
    (c) => c.action === 'delete' && c.reason === 'removed-from-git' && c.kind === 'ServiceNetwork',
  );
  if (networks.length > 0 && !input.allowPrune)
    blockers.push({
      reason: 'mesh-deletion',
      message: `the plan deletes service network${networks.length === 1 ? '' : 's'} ${networks.map((n) => n.name).join(', ')}; pass --allow-prune to allow it`,
      keys: networks.map((n) => n.key),
    });
  return blockers;
}

function regionAfter(region: LatticeRegionUsage, changes: LatticePlannedChange[]): LatticeRegionUsage {
  const delta = (kind: LatticePlannedChange['kind']) =>
    changes.filter((c) => c.kind === kind && c.action === 'create').length -
    changes.filter((c) => c.kind === kind && c.action === 'delete').length;
  return {
    serviceNetworks: region.serviceNetworks + delta('ServiceNetwork'),
    services: region.services + delta('Service'),
    targetGroups: region.targetGroups + delta('TargetGroup'),
  };
}
