import type { ApplyResult } from '../apply/change-outcome.ts';
import { applyClusterPlan, type ClusterApplyResult } from '../cluster/apply-cluster-plan.ts';
import type { ClusterPlan } from '../cluster/cluster-plan-types.ts';
import { dryRunClusterPlan } from '../cluster/dry-run-cluster-plan.ts';
import { injectorOptions } from '../cluster/injector-options.ts';
import { clusterNamespaceLabels } from '../cluster/observe-cluster.ts';
import { planCluster } from '../cluster/plan-cluster.ts';
import { resolveDesiredState } from '../desired/resolve-desired-state.ts';
import { compareDiagnostics, type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import { MeshcdError } from '../errors/meshcd-error.ts';
import { loadManifests, type ManifestFile } from '../manifests/load-manifests.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import { hasWrites } from '../provider/change.ts';
import type { ReconcileMode, ReconcileStatus } from '../reconcile.ts';
import { failedRun } from '../state/failed-run.ts';
import { clusterRunErrors, planRunErrors } from '../state/plan-run-errors.ts';
import type { RunRecord } from '../state/run-record.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import { applyLatticePlan, type LatticeApplyOptions } from './apply-lattice.ts';
import { hasLatticeChanges, type LatticePlan } from './lattice-plan-types.ts';
import type { DesiredTargetGroup } from './lattice-resource.ts';
import { observeLattice } from './observe-lattice.ts';
import { planLattice } from './plan-lattice.ts';
import { initialTargets, recordTargetGroupMembers } from './sync-lattice-targets.ts';
import { translateToLattice } from './translate-to-lattice.ts';

export interface ReconcileLatticeInput {
  target: Target;
  revision: string;
  files: readonly ManifestFile[];
  /** `plan` stops after planning and writes nothing to Lattice; `apply` when absent. */
  mode?: ReconcileMode;
  /** Plan deletions beyond the prune guard. */
  allowPrune?: boolean;
  lattice: LatticeApi;
  state: StateStore;
  /**
   * The cluster: namespace labels, the pods a new target group starts with, and the plain objects of the
   * tree (Deployments, Services…), applied and pruned as on App Mesh, without sidecar injection.
   */
  cluster?: ClusterApi;
  runId: string;
  now: () => Date;
  remainingMs?: () => number;
  reserveMs?: number;
  /** Called as each Lattice change ends, as reconcile()'s is for App Mesh. */
  onProgress?: LatticeApplyOptions['onProgress'];
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
 * reconcile() for a target whose provider is `lattice`: manifests → desired → translate → observe → plan →
 * apply → record, on VPC Lattice only. It always records a run, also when it refuses or throws.
 */
export async function reconcileLattice(input: ReconcileLatticeInput): Promise<ReconcileLatticeResult> {
  const startedAt = input.now().toISOString();
  const { target, runId, revision } = input;
  try {
    return await steps(input, startedAt);
  } catch (error) {
    const run = { targetId: target.id, runId, mode: input.mode ?? 'apply', revision, startedAt };
    await input.state
      .recordRun(failedRun({ ...run, finishedAt: input.now().toISOString() }, error))
      .catch(() => undefined);
    throw error;
  }
}

async function steps(input: ReconcileLatticeInput, startedAt: string): Promise<ReconcileLatticeResult> {
  const { target } = input;
  const finish = async (result: Omit<ReconcileLatticeResult, 'run'>) => {
    const run = runRecord(input, startedAt, result);
    await input.state.recordRun(run);
    return { ...result, run };
  };
  if (!target.lattice) {
    throw new MeshcdError({
      phase: 'config',
      reason: 'lattice-options-missing',
      message: `target '${target.id}' has provider 'lattice' but no lattice options (the cluster's VPC)`,
    });
  }
  // manifests and desired: exactly as for App Mesh, so both providers validate the same way
  const loaded = loadManifests(input.files);
  const namespaceLabels = input.cluster ? await clusterNamespaceLabels(input.cluster) : undefined;
  const resolved = resolveDesiredState(loaded.objects, { namespaceLabels, accountId: target.accountId });
  if (!resolved.ok || loaded.diagnostics.some(isError)) {
    const diagnostics = [
      ...loaded.diagnostics,
      ...(resolved.ok ? resolved.warnings : resolved.diagnostics),
    ].sort(compareDiagnostics);
    return finish({ status: 'refused', diagnostics });
  }
  const diagnostics = [...loaded.diagnostics, ...resolved.warnings].sort(compareDiagnostics);
  if (resolved.desired.unresolvedNamespaces.length > 0) {
    // Applying without them would prune what they hold: refuse rather than guess.
    throw new MeshcdError({
      phase: 'desired',
      reason: 'namespace-unresolved',
      message: `namespaces ${resolved.desired.unresolvedNamespaces.join(', ')} are neither in Git nor in the cluster, so their mesh is unknown`,
    });
  }
  // translate: the App Mesh objects as Lattice resources (spec §4)
  const desired = translateToLattice(resolved.desired, { targetId: target.id, options: target.lattice })
    .desired.resources;
  // observe and plan: List with tags, Get only what changed; ownership and prune guard decided here
  const fullInventory = await input.state.listInventory(target.id);
  const inventory = fullInventory.filter((e) => e.key.startsWith('lattice:'));
  const observed = await observeLattice(input.lattice, desired, inventory);
  const latticePlan = planLattice({
    targetId: target.id,
    desired,
    observed,
    inventory,
    policy: target.policy,
    unloadedFiles: loaded.unloaded,
    ...(input.allowPrune ? { allowPrune: true } : {}),
  });
  // plan (cluster): the tree's plain objects and prune, as on App Mesh; no VirtualNode is a mesh member
  // here, so no workload gets an Envoy (and one injected while the target was on App Mesh is taken back)
  const clusterPlan =
    input.cluster && namespaceLabels
      ? await planCluster(input.cluster, {
          targetId: target.id,
          desired: { ...resolved.desired, meshMembers: [] },
          inventory: fullInventory,
          namespaceLabels,
          injector: injectorOptions(target),
          policy: target.policy,
          unloadedFiles: loaded.unloaded,
          ...(input.allowPrune ? { allowPrune: true } : {}),
        })
      : undefined;
  const planned = { diagnostics, latticePlan, ...(clusterPlan ? { clusterPlan } : {}) };
  if (latticePlan.blockers.length > 0 || (clusterPlan?.blockers.length ?? 0) > 0)
    return finish({ status: 'refused', ...planned });
  if (input.mode === 'plan') {
    const changes = hasLatticeChanges(latticePlan) || (clusterPlan !== undefined && hasWrites(clusterPlan));
    return finish({ status: changes ? 'changes' : 'succeeded', ...planned });
  }
  // dry-run (cluster): the API server admits every object before the first write anywhere, or nothing is written
  const refusals = input.cluster && clusterPlan ? await dryRunClusterPlan(clusterPlan, input.cluster) : [];
  if (refusals.length > 0)
    return finish({ status: 'refused', ...planned, diagnostics: [...diagnostics, ...refusals] });
  // apply: wave by wave, asynchronous states awaited, each write recorded as Lattice confirms it
  const targetsFor = initialTargets(input.cluster);
  const apply = await applyLatticePlan(latticePlan, {
    targetId: target.id,
    revision: input.revision,
    runId: input.runId,
    api: input.lattice,
    store: input.state,
    now: input.now,
    ...(targetsFor ? { targetsFor } : {}),
    ...(input.remainingMs ? { remainingMs: input.remainingMs } : {}),
    ...(input.reserveMs !== undefined ? { reserveMs: input.reserveMs } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  // record: where each target group's targets come from, so pod events and the resync keep them current
  await recordTargetGroupMembers({
    store: input.state,
    targetId: target.id,
    groups: desired.filter((d): d is DesiredTargetGroup => d.kind === 'TargetGroup'),
    inventory: await input.state.listInventory(target.id),
    revision: input.revision,
    updatedAt: input.now().toISOString(),
  });
  // apply (cluster): after Lattice, so the services its workloads are reached through exist
  const clusterApply =
    input.cluster && clusterPlan && apply.complete
      ? await applyClusterPlan(clusterPlan, {
          targetId: target.id,
          revision: input.revision,
          cluster: input.cluster,
          store: input.state,
          now: input.now,
          members: [],
        })
      : undefined;
  const ok =
    apply.complete &&
    apply.outcomes.every((o) => o.status === 'done') &&
    (clusterPlan === undefined || clusterApply?.outcomes.every((o) => o.status === 'done') === true);
  return finish({
    status: ok ? 'succeeded' : 'partial',
    ...planned,
    apply,
    ...(clusterApply ? { clusterApply } : {}),
  });
}

function runRecord(
  input: ReconcileLatticeInput,
  startedAt: string,
  result: Omit<ReconcileLatticeResult, 'run'>,
): RunRecord {
  const errors = [
    ...planRunErrors(result.diagnostics, result.latticePlan?.blockers, result.apply),
    ...clusterRunErrors(result.clusterPlan, result.clusterApply),
  ];
  return {
    targetId: input.target.id,
    runId: input.runId,
    mode: input.mode ?? 'apply',
    revision: input.revision,
    startedAt,
    finishedAt: input.now().toISOString(),
    // A plan with changes pending is a plan that succeeded.
    outcome: result.status === 'changes' ? 'succeeded' : result.status,
    summary: { ...(result.latticePlan?.summary ?? {}) },
    ...(errors.length > 0 ? { errors } : {}),
  };
}
