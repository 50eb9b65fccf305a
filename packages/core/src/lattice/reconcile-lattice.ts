import type { ApplyResult } from '../apply/change-outcome.ts';
import type { ClusterApplyResult } from '../cluster/apply-cluster-plan.ts';
import type { ClusterPlan } from '../cluster/cluster-plan-types.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import { type ReconcileRunInput, type ReconcileStatus, reconcileWith } from '../reconcile-with.ts';
import type { RunRecord } from '../state/run-record.ts';
import type { LatticePlan, LatticePlannedChange } from './lattice-plan-types.ts';
import { latticeOptionsOf, latticeProvider } from './lattice-provider.ts';

export interface ReconcileLatticeInput extends Omit<ReconcileRunInput<LatticePlannedChange>, 'injector'> {
  lattice: LatticeApi;
}

export interface ReconcileLatticeResult {
  /** As reconcile()'s: `changes` only in plan mode. */
  status: ReconcileStatus;
  diagnostics: Diagnostic[];
  latticePlan?: LatticePlan;
  apply?: ApplyResult;
  /** The cluster's change set, when a cluster was given and the manifests were valid. */
  clusterPlan?: ClusterPlan;
  clusterApply?: ClusterApplyResult;
  run: RunRecord;
}

/**
 * reconcile() for a target whose provider is `lattice`: the same skeleton (manifests → desired → translate
 * → observe → plan → apply → record) with VPC Lattice's steps. The cluster's plain objects (Deployments,
 * Services…) are applied and pruned as on App Mesh, without sidecar injection. It always records a run,
 * also when it refuses or throws.
 */
export async function reconcileLattice(input: ReconcileLatticeInput): Promise<ReconcileLatticeResult> {
  const {
    plan,
    desired: _desired,
    endpoints: _endpoints,
    ...result
  } = await reconcileWith(input, () => {
    // Refused before anything is loaded, as a failed run.
    latticeOptionsOf(input.target);
    return latticeProvider({ target: input.target, lattice: input.lattice, cluster: input.cluster });
  });
  return { ...result, ...(plan ? { latticePlan: plan } : {}) };
}
