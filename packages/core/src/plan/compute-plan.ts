import { taintedRouteWave, waveOf } from '../appmesh/appmesh-kinds.ts';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { isWrite, summarise } from '../provider/change.ts';
import { defaultQuotaLimits, type QuotaLimits } from '../quota/quota-defaults.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { TargetPolicy } from '../target.ts';
import { checkPlanQuotas } from './check-plan-quotas.ts';
import { diffSpec } from './diff-spec.ts';
import { actualSpec, isOwned } from './ownership.ts';
import type { Plan, PlanAction, PlanBlocker, PlannedChange } from './plan-types.ts';
import { guardPrune } from './prune-guard.ts';
import { routeType } from './route-type.ts';
import { guardUnloadedSources } from './unloaded-source-guard.ts';

export interface PlanInput {
  targetId: string;
  /** The account meshcd writes as. */
  accountId: string;
  desired: DesiredMeshResource[];
  /** Every resource in the meshes in scope, whoever owns it. */
  observed: ObservedMeshResource[];
  /** The target's App Mesh inventory entries. */
  inventory: InventoryEntry[];
  policy: TargetPolicy;
  /** The command allows deletions beyond the prune guard (`--allow-prune`). */
  allowPrune?: boolean;
  /** The account's quota limits (Service Quotas, else the documented defaults). */
  quotaLimits?: QuotaLimits;
  /** Files of the tree that did not load (see LoadedManifests): what they held is not pruned. */
  unloadedFiles?: readonly string[];
}

const change = (
  action: PlanAction,
  reason: PlannedChange['reason'],
  base: { desired?: DesiredMeshResource; observed?: ObservedMeshResource },
  diff: PlannedChange['diff'] = [],
  wave?: number,
): PlannedChange => {
  const r = (base.desired ?? base.observed)!;
  return {
    action,
    reason,
    kind: r.kind,
    key: r.key,
    meshName: r.meshName,
    name: r.name,
    wave: wave ?? waveOf(r.kind, action),
    ...(base.desired ? { desired: base.desired } : {}),
    ...(base.observed ? { observed: base.observed } : {}),
    diff,
  };
};

/**
 * desired × observed × inventory → the ordered change set. Pure: it decides, it does not call anything.
 * Only what meshcd owns is updated or deleted; another account's resources never are.
 */
export function computePlan(input: PlanInput): Plan {
  const { targetId, accountId, policy } = input;
  const observedByKey = new Map(input.observed.map((o) => [o.key, o]));
  const inventoryByKey = new Map(input.inventory.map((e) => [e.key, e]));
  const desiredKeys = new Set(input.desired.map((d) => d.key));
  const changes: PlannedChange[] = [];
  const blockers: PlanBlocker[] = [];

  for (const desired of input.desired) {
    const observed = observedByKey.get(desired.key);
    const inventory = inventoryByKey.get(desired.key);
    const sharedMesh =
      desired.kind === 'Mesh' && desired.meshOwner !== undefined && desired.meshOwner !== accountId;

    if (!observed) {
      if (sharedMesh) {
        // Creating it would make a new mesh in our own account: the controller's pitfall with a missing share.
        changes.push(change('skip', 'shared-mesh-missing', { desired }));
        blockers.push({
          reason: 'conflict',
          message: `mesh ${desired.name} is owned by account ${desired.meshOwner} and is not shared with ${accountId}`,
          keys: [desired.key],
        });
      } else {
        changes.push(change('create', inventory ? 'deleted-out-of-band' : 'not-found', { desired }));
      }
      continue;
    }
    if (observed.resourceOwner !== accountId) {
      changes.push(change('skip', 'foreign-owner', { desired, observed }));
      continue;
    }
    const owned = isOwned(observed, inventory, targetId);
    if (!owned && !policy.adopt) {
      changes.push(change('skip', 'unowned-conflict', { desired, observed }));
      blockers.push({
        reason: 'conflict',
        message: `${desired.kind} ${desired.name} in mesh ${desired.meshName} exists but was not created by meshcd for target ${targetId}; allow adoption in the target's policy to take it over`,
        keys: [desired.key],
      });
      continue;
    }
    const actual = actualSpec(observed, inventory);
    if (actual === undefined) {
      throw new MeshcdError({
        phase: 'plan',
        reason: 'observation-incomplete',
        message: `${desired.key} was not described although its version differs from the inventory`,
      });
    }
    const diff = diffSpec(desired.kind, desired.spec, actual);
    if (!owned) {
      changes.push(change('update', 'adopt', { desired, observed }, diff));
    } else if (diff.length === 0) {
      changes.push(change('unchanged', 'in-sync', { desired, observed }));
    } else if (desired.kind === 'Route' && routeType(desired.spec) !== routeType(actual)) {
      // App Mesh cannot change a route's protocol in place while the router's listener disagrees:
      // delete it before the router update, create it after.
      changes.push(change('delete', 'tainted-by-listener-change', { observed }, [], taintedRouteWave));
      changes.push(change('create', 'replaced', { desired }, diff));
    } else {
      const drifted = inventory !== undefined && inventory.version !== observed.version;
      changes.push(change('update', drifted ? 'drifted' : 'spec-changed', { desired, observed }, diff));
    }
  }

  for (const observed of input.observed) {
    if (desiredKeys.has(observed.key)) continue;
    if (observed.resourceOwner !== accountId) continue;
    if (!isOwned(observed, inventoryByKey.get(observed.key), targetId)) continue;
    changes.push(
      policy.prune
        ? change('delete', 'removed-from-git', { observed })
        : change('skip', 'prune-disabled', { observed }),
    );
  }

  // A write is based on what was observed (its version and ETag conditions), never on the inventory's
  // stand-in for a resource a push did not list (see ObserveScope).
  const unobserved = changes.find((c) => isWrite(c) && c.observed?.fromInventory);
  if (unobserved) {
    throw new MeshcdError({
      phase: 'plan',
      reason: 'observation-incomplete',
      message: `${unobserved.key} would be written from the inventory's record, not from an observation`,
    });
  }
  changes.sort((a, b) => a.wave - b.wave || a.key.localeCompare(b.key));
  blockers.push(...guardPrune(changes, input.inventory.length, policy, input.allowPrune ?? false));
  blockers.push(...guardUnloadedSources(changes, input.inventory, input.unloadedFiles ?? []));
  blockers.push(
    ...checkPlanQuotas(changes, input.observed, accountId, input.quotaLimits ?? defaultQuotaLimits()),
  );

  // Gone, or replaced by a same-named stranger (deleted and re-created by someone else): no longer meshcd's.
  const forget = input.inventory
    .filter((e) => !desiredKeys.has(e.key))
    .filter((e) => {
      const observed = observedByKey.get(e.key);
      return !observed || (observed.resourceOwner === accountId && !isOwned(observed, e, targetId));
    })
    .map((e) => e.key);

  return { targetId, changes, blockers, forget, summary: summarise(changes) };
}
