import type { EndpointSyncOutcome } from './cloudmap/sync-cloud-map.ts';
import { applyClusterPlan, type ClusterApplyResult } from './cluster/apply-cluster-plan.ts';
import type { ClusterPlan } from './cluster/cluster-plan-types.ts';
import { dryRunClusterPlan } from './cluster/dry-run-cluster-plan.ts';
import { type InjectorOptions, injectorOptions } from './cluster/injector-options.ts';
import { clusterNamespaceLabels } from './cluster/observe-cluster.ts';
import { planCluster } from './cluster/plan-cluster.ts';
import type { DesiredState } from './desired/desired-state.ts';
import type { NamespaceLabels } from './desired/mesh-membership.ts';
import { resolveDesiredState } from './desired/resolve-desired-state.ts';
import { compareDiagnostics, type Diagnostic, isError } from './diagnostics/diagnostic.ts';
import { MeshcdError } from './errors/meshcd-error.ts';
import { loadManifests, type ManifestFile } from './manifests/load-manifests.ts';
import type { ClusterApi } from './ports/cluster-api.ts';
import type { ApplyRunOptions } from './provider/apply-change-set.ts';
import { type ApplyResult, type Change, type ChangeSet, hasWrites } from './provider/change.ts';
import type { Provider } from './provider/provider.ts';
import { failedRun } from './state/failed-run.ts';
import { clusterRunErrors, planRunErrors } from './state/plan-run-errors.ts';
import type { RunRecord } from './state/run-record.ts';
import type { StateStore } from './state/state-store.ts';
import type { Target } from './target.ts';

export type ReconcileMode = 'plan' | 'apply';

export type ReconcileStatus =
  /** plan: nothing to do; apply: everything done. */
  | 'succeeded'
  /** plan only: changes are pending. */
  | 'changes'
  /** The manifests are invalid, or the plan is blocked (prune guard, conflict, quota): nothing written. */
  | 'refused'
  /** apply: some changes failed or the deadline stopped it; the rest is recorded. */
  | 'partial';

/** What every provider's reconcile is given: the target, the tree, the run and the shared ports. */
export interface ReconcileRunInput<C extends Change = Change> extends ApplyRunOptions<C> {
  target: Target;
  revision: string;
  files: readonly ManifestFile[];
  /** `plan` stops after planning and writes nothing; `apply` when absent. */
  mode?: ReconcileMode;
  state: StateStore;
  /** The cluster: its plain objects, sidecar injection (where the provider injects) and prune. */
  cluster?: ClusterApi;
  /** The injector's settings beyond the controller's defaults (region and account come from the target). */
  injector?: Partial<InjectorOptions>;
  /** Labels of namespaces that are not in Git; fetched from `cluster` when absent. */
  namespaceLabels?: NamespaceLabels;
  /** Plan deletions beyond the prune guard. */
  allowPrune?: boolean;
  runId: string;
  now: () => Date;
}

/** What a reconcile did, whatever the provider; `plan` is the provider's change set. */
export interface ReconcileRunResult<P> {
  status: ReconcileStatus;
  diagnostics: Diagnostic[];
  desired?: DesiredState;
  plan?: P;
  apply?: ApplyResult;
  /** The cluster's change set, when a cluster was given and the manifests were valid. */
  clusterPlan?: ClusterPlan;
  clusterApply?: ClusterApplyResult;
  /** What the endpoint sync did per VirtualNode, when the provider syncs endpoints. */
  endpoints?: EndpointSyncOutcome[];
  run: RunRecord;
}

/**
 * The reconcile skeleton every provider runs through, one step per line of the data flow: manifests →
 * desired → translate → observe → plan → dry-run → apply → record. The provider gives translate, observe,
 * plan and write (`provider`, built for the target inside the run so a target it cannot serve is recorded as
 * a failed run); the rest is shared. It always records a run, also when it refuses or throws.
 */
export async function reconcileWith<K extends string, D, O, C extends Change, P extends ChangeSet<C>>(
  input: ReconcileRunInput<C>,
  provider: () => Provider<K, D, O, C, P>,
): Promise<ReconcileRunResult<P>> {
  const startedAt = input.now().toISOString();
  try {
    return await steps(input, provider(), startedAt);
  } catch (error) {
    const { target, runId, revision } = input;
    const run = { targetId: target.id, runId, mode: input.mode ?? 'apply', revision, startedAt };
    // record: the failure too. If the store is what failed, the original error is the one that matters.
    await input.state
      .recordRun(failedRun({ ...run, finishedAt: input.now().toISOString() }, error))
      .catch(() => undefined);
    throw error;
  }
}

async function steps<K extends string, D, O, C extends Change, P extends ChangeSet<C>>(
  input: ReconcileRunInput<C>,
  provider: Provider<K, D, O, C, P>,
  startedAt: string,
): Promise<ReconcileRunResult<P>> {
  const { target } = input;
  const finish = async (result: Omit<ReconcileRunResult<P>, 'run'>): Promise<ReconcileRunResult<P>> => {
    const run = runRecord(input, startedAt, result);
    // record: run history, for plan and apply alike
    await input.state.recordRun(run);
    return { ...result, run };
  };

  // manifests: every YAML document with the file, line and column of every field
  const loaded = loadManifests(input.files);
  // observe (namespaces): the cluster's namespace labels, fetched once, decide membership outside Git
  const namespaceLabels =
    input.namespaceLabels ?? (input.cluster ? await clusterNamespaceLabels(input.cluster) : undefined);
  // desired: validate the whole set, resolve membership and references, the same for every provider
  const resolved = resolveDesiredState(loaded.objects, {
    namespaceLabels,
    quotaLimits: provider.setQuotaLimits,
    accountId: target.accountId,
  });
  if (!resolved.ok || loaded.diagnostics.some(isError)) {
    const diagnostics = [
      ...loaded.diagnostics,
      ...(resolved.ok ? resolved.warnings : resolved.diagnostics),
    ].sort(compareDiagnostics);
    return finish({ status: 'refused', diagnostics });
  }
  const { desired } = resolved;
  const diagnostics = [...loaded.diagnostics, ...resolved.warnings].sort(compareDiagnostics);
  if (desired.unresolvedNamespaces.length > 0) {
    // Applying without them would prune what they hold: refuse rather than guess.
    throw new MeshcdError({
      phase: 'desired',
      reason: 'namespace-unresolved',
      message: `namespaces ${desired.unresolvedNamespaces.join(', ')} are neither in Git nor in the cluster, so their mesh is unknown`,
    });
  }
  // translate: the resolved objects as the provider's resources
  const resources = provider.convert(desired);
  // observe: List calls for versions; Describe only what changed since the inventory recorded it
  const fullInventory = await input.state.listInventory(target.id);
  const inventory = fullInventory.filter((e) => e.key.startsWith(`${provider.name}:`));
  const observed = await provider.observe(resources, inventory);
  // plan: ordered changes with reasons and field diffs; ownership, prune guard and quotas decided here
  const plan = provider.plan({
    desired: resources,
    observed,
    inventory,
    policy: target.policy,
    ...(input.allowPrune ? { allowPrune: true } : {}),
    unloadedFiles: loaded.unloaded,
  });
  // plan (cluster): Git objects, each workload's injection and prune, against the live cluster; where the
  // provider injects no sidecar, no VirtualNode is a mesh member (and an Envoy injected before is taken back)
  const members = provider.injects ? desired.meshMembers : [];
  const clusterPlan =
    input.cluster && namespaceLabels
      ? await planCluster(input.cluster, {
          targetId: target.id,
          desired: { ...desired, meshMembers: members },
          inventory: fullInventory,
          namespaceLabels,
          injector: injectorOptions(target, input.injector),
          policy: target.policy,
          ...(input.allowPrune ? { allowPrune: true } : {}),
          unloadedFiles: loaded.unloaded,
        })
      : undefined;
  const planned = { diagnostics, desired, plan, ...(clusterPlan ? { clusterPlan } : {}) };
  if (plan.blockers.length > 0 || (clusterPlan?.blockers.length ?? 0) > 0)
    return finish({ status: 'refused', ...planned });
  if (input.mode === 'plan') {
    const changes = hasWrites(plan) || (clusterPlan !== undefined && hasWrites(clusterPlan));
    return finish({ status: changes ? 'changes' : 'succeeded', ...planned });
  }

  // dry-run (cluster): the API server admits every object before the first write anywhere, or nothing is written
  const refusals = input.cluster && clusterPlan ? await dryRunClusterPlan(clusterPlan, input.cluster) : [];
  if (refusals.length > 0)
    return finish({ status: 'refused', ...planned, diagnostics: [...diagnostics, ...refusals] });
  // apply: wave by wave, throttled and idempotent, recording each write as the provider confirms it
  const apply = await provider.apply(plan, {
    revision: input.revision,
    runId: input.runId,
    now: input.now,
    store: input.state,
    inventory,
    ...(input.remainingMs ? { remainingMs: input.remainingMs } : {}),
    ...(input.reserveMs !== undefined ? { reserveMs: input.reserveMs } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  await provider.afterApply?.({
    desired: resources,
    store: input.state,
    revision: input.revision,
    now: input.now,
  });
  // apply (cluster): after the provider, so every ARN an injected Envoy names, and every service a
  // workload is reached through, exists
  const clusterApply =
    input.cluster && clusterPlan && apply.complete
      ? await applyClusterPlan(clusterPlan, {
          targetId: target.id,
          revision: input.revision,
          cluster: input.cluster,
          store: input.state,
          now: input.now,
          members,
        })
      : undefined;
  // apply (endpoints): what follows the pods (App Mesh's Cloud Map services and instances)
  const endpoints =
    input.cluster && clusterApply && provider.syncEndpoints
      ? await provider.syncEndpoints({ desired, inventory: fullInventory, cluster: input.cluster })
      : undefined;
  const ok =
    apply.complete &&
    apply.outcomes.every((o) => o.status === 'done') &&
    (clusterPlan === undefined || clusterApply?.outcomes.every((o) => o.status === 'done') === true) &&
    (endpoints ?? []).every((o) => o.status !== 'failed');
  return finish({
    status: ok ? 'succeeded' : 'partial',
    ...planned,
    apply,
    ...(clusterApply ? { clusterApply } : {}),
    ...(endpoints ? { endpoints } : {}),
  });
}

function runRecord<P extends ChangeSet>(
  input: Pick<ReconcileRunInput, 'target' | 'runId' | 'mode' | 'revision' | 'now'>,
  startedAt: string,
  result: Omit<ReconcileRunResult<P>, 'run'>,
): RunRecord {
  const errors = [
    ...planRunErrors(result.diagnostics, result.plan?.blockers, result.apply),
    ...clusterRunErrors(result.clusterPlan, result.clusterApply),
    ...(result.endpoints ?? [])
      .filter((o) => o.error)
      .map((o) => ({
        phase: o.error!.phase,
        reason: o.error!.reason,
        message: `${o.member} (Cloud Map ${o.namespaceName}/${o.serviceName}): ${o.error!.message}`,
      })),
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
    summary: { ...(result.plan?.summary ?? {}) },
    ...(errors.length > 0 ? { errors } : {}),
  };
}
