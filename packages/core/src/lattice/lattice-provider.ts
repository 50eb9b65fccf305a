import { MeshcdError } from '../errors/meshcd-error.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import type { ReconcileProvider } from '../provider/reconcile-provider.ts';
import type { Target } from '../target.ts';
import { applyLatticePlan } from './apply-lattice.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import type { DesiredLatticeResource, DesiredTargetGroup } from './lattice-resource.ts';
import { type LatticeObservation, observeLattice } from './observe-lattice.ts';
import { planLattice } from './plan-lattice.ts';
import { initialTargets, recordTargetGroupMembers } from './sync-lattice-targets.ts';
import { translateToLattice } from './translate-to-lattice.ts';

export type LatticeProvider = ReconcileProvider<
  DesiredLatticeResource,
  LatticeObservation,
  LatticePlannedChange,
  LatticePlan
>;

/**
 * VPC Lattice as the reconcile skeleton sees it: the App Mesh objects translated to Lattice resources (spec
 * §4), observed by observeLattice, planned by planLattice, written by the Lattice writer; no sidecars. A new
 * target group starts with the cluster's pods, and after the apply each group records where its targets
 * come from. Refuses a target without Lattice options.
 */
export function latticeProvider(input: {
  target: Target;
  lattice: LatticeApi;
  cluster?: ClusterApi;
}): LatticeProvider {
  const { target, lattice } = input;
  const options = target.lattice;
  if (!options) {
    throw new MeshcdError({
      phase: 'config',
      reason: 'lattice-options-missing',
      message: `target '${target.id}' has provider 'lattice' but no lattice options (the cluster's VPC)`,
    });
  }
  const targetsFor = initialTargets(input.cluster);
  return {
    name: 'lattice',
    injects: false,
    convert: (desired) => translateToLattice(desired, { targetId: target.id, options }).desired.resources,
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
