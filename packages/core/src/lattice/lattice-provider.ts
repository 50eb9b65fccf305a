import { MeshcdError } from '../errors/meshcd-error.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import type { Provider } from '../provider/provider.ts';
import type { Target } from '../target.ts';
import { applyLatticePlan } from './apply-lattice.ts';
import { latticeKinds } from './lattice-kinds.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import type { DesiredLatticeResource, DesiredTargetGroup, LatticeResourceKind } from './lattice-resource.ts';
import { type LatticeObservation, observeLattice } from './observe-lattice.ts';
import { planLattice } from './plan-lattice.ts';
import { initialTargets, recordTargetGroupMembers } from './sync-lattice-targets.ts';
import { translateToLattice } from './translate-to-lattice.ts';

export type LatticeProvider = Provider<
  LatticeResourceKind,
  DesiredLatticeResource,
  LatticeObservation,
  LatticePlannedChange,
  LatticePlan
>;

/** The target's Lattice options (the cluster's VPC…): a Lattice target without them is refused. */
export function latticeOptionsOf(target: Target): LatticeOptions {
  if (target.lattice) return target.lattice;
  throw new MeshcdError({
    phase: 'config',
    reason: 'lattice-options-missing',
    message: `target '${target.id}' has provider 'lattice' but no lattice options (the cluster's VPC)`,
  });
}

/**
 * VPC Lattice as the reconcile skeleton and the drift check see it: the App Mesh objects translated to
 * Lattice resources (spec §4, which needs the target's Lattice options), observed by observeLattice,
 * planned by planLattice, written by the Lattice writer; no sidecars. A new target group starts with the
 * cluster's pods, and after the apply each group records where its targets come from.
 */
export function latticeProvider(input: {
  target: Target;
  lattice: LatticeApi;
  cluster?: ClusterApi;
}): LatticeProvider {
  const { target, lattice } = input;
  const targetsFor = initialTargets(input.cluster);
  return {
    name: 'lattice',
    kinds: latticeKinds,
    injects: false,
    convert: (desired) =>
      translateToLattice(desired, { targetId: target.id, options: latticeOptionsOf(target) }).desired
        .resources,
    // List with tags, Get only what changed
    observe: (desired, inventory) => observeLattice(lattice, desired, inventory),
    plan: (p) => planLattice({ targetId: target.id, ...p }),
    // asynchronous states awaited, each write recorded as Lattice confirms it
    apply: (plan, run) =>
      applyLatticePlan(plan, {
        targetId: target.id,
        revision: run.revision,
        runId: run.runId,
        api: lattice,
        store: run.store,
        inventory: run.inventory,
        now: run.now,
        ...(targetsFor ? { targetsFor } : {}),
        ...(run.remainingMs ? { remainingMs: run.remainingMs } : {}),
        ...(run.reserveMs !== undefined ? { reserveMs: run.reserveMs } : {}),
        ...(run.onProgress ? { onProgress: run.onProgress } : {}),
      }),
    // record: where each target group's targets come from, so pod events and the resync keep them current
    afterApply: async ({ desired, store, revision, now }) =>
      recordTargetGroupMembers({
        store,
        targetId: target.id,
        groups: desired.filter((d): d is DesiredTargetGroup => d.kind === 'TargetGroup'),
        inventory: await store.listInventory(target.id),
        revision,
        updatedAt: now().toISOString(),
      }),
  };
}
