import { applyPlan } from './apply/apply-plan.ts';
import type { ApplyResult } from './apply/change-outcome.ts';
import { cloudMapOptions } from './cloudmap/cloud-map-options.ts';
import { type EndpointSyncOutcome, syncCloudMap } from './cloudmap/sync-cloud-map.ts';
import { applyClusterPlan, type ClusterApplyResult } from './cluster/apply-cluster-plan.ts';
import type { ClusterPlan } from './cluster/cluster-plan-types.ts';
import { dryRunClusterPlan } from './cluster/dry-run-cluster-plan.ts';
import { type InjectorOptions, injectorOptions } from './cluster/injector-options.ts';
import { clusterNamespaceLabels } from './cluster/observe-cluster.ts';
import { planCluster } from './cluster/plan-cluster.ts';
import { recordedMembers } from './cluster/recorded-members.ts';
import type { DesiredState } from './desired/desired-state.ts';
import type { NamespaceLabels } from './desired/mesh-membership.ts';
import { resolveDesiredState } from './desired/resolve-desired-state.ts';
import { compareDiagnostics, type Diagnostic, isError } from './diagnostics/diagnostic.ts';
import { cloudMapMembers, registrationKey } from './endpoints/endpoint-members.ts';
import { MeshcdError } from './errors/meshcd-error.ts';
import { loadManifests, type ManifestFile } from './manifests/load-manifests.ts';
import { observeMesh } from './observe/observe-mesh.ts';
import { computePlan } from './plan/compute-plan.ts';
import { hasChanges, type Plan } from './plan/plan-types.ts';
import type { CloudMapApi } from './ports/cloud-map-api.ts';
import type { ClusterApi } from './ports/cluster-api.ts';
import type { MeshApi } from './ports/mesh-api.ts';
import { hasWrites } from './provider/change.ts';
import type { QuotaLimits } from './quota/quota-defaults.ts';
import { requireAppMesh } from './require-app-mesh.ts';
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

interface ReconcileInput {
  target: Target;
  revision: string;
  files: readonly ManifestFile[];
  mode: ReconcileMode;
  mesh: MeshApi;
  state: StateStore;
  /** The cluster: its plain objects, sidecar injection and prune. App Mesh only when absent. */
  cluster?: ClusterApi;
  /** Cloud Map: services and instances of VirtualNodes with Cloud Map discovery follow their pods (needs `cluster`). */
  cloudMap?: CloudMapApi;
  /** The injector's settings beyond the controller's defaults (region and account come from the target). */
  injector?: Partial<InjectorOptions>;
  /** Labels of namespaces that are not in Git; fetched from `cluster` when absent. */
  namespaceLabels?: NamespaceLabels;
  quotaLimits?: QuotaLimits;
  allowPrune?: boolean;
  runId: string;
  now: () => Date;
  remainingMs?: () => number;
  reserveMs?: number;
  onProgress?: Parameters<typeof applyPlan>[1]['onProgress'];
}

export interface ReconcileResult {
  status: ReconcileStatus;
  diagnostics: Diagnostic[];
  desired?: DesiredState;
  plan?: Plan;
  apply?: ApplyResult;
  /** The cluster's change set, when a cluster was given and the manifests were valid. */
  clusterPlan?: ClusterPlan;
  clusterApply?: ClusterApplyResult;
  /** What the Cloud Map sync did per VirtualNode, when a Cloud Map port was given. */
  endpoints?: EndpointSyncOutcome[];
  run: RunRecord;
}

/**
 * The reconcile recipe, one step per line of the data flow: manifests → desired → observe → plan → apply
 * → record. It always records a run, also when it refuses or throws, so status is reported on every path.
 */
export async function reconcile(input: ReconcileInput): Promise<ReconcileResult> {
  const startedAt = input.now().toISOString();
  try {
    return await reconcileSteps(input, startedAt);
  } catch (error) {
    const { target, runId, mode, revision } = input;
    const run = {
      targetId: target.id,
      runId,
      mode,
      revision,
      startedAt,
      finishedAt: input.now().toISOString(),
    };
    // record: the failure too. If the store is what failed, the original error is the one that matters.
    await input.state.recordRun(failedRun(run, error)).catch(() => undefined);
    throw error;
  }
}

async function reconcileSteps(input: ReconcileInput, startedAt: string): Promise<ReconcileResult> {
  const finish = async (result: Omit<ReconcileResult, 'run'>): Promise<ReconcileResult> => {
    const run = runRecord(input, startedAt, result);
    // record: run history, for plan and apply alike
    await input.state.recordRun(run);
    return { ...result, run };
  };

  // This recipe plans and applies on App Mesh only; another provider is refused before any call.
  requireAppMesh(input.target, 'the App Mesh reconcile');
  // manifests: every YAML document with the file, line and column of every field
  const loaded = loadManifests(input.files);
  // observe (namespaces): the cluster's namespace labels, fetched once, decide membership outside Git
  const namespaceLabels =
    input.namespaceLabels ?? (input.cluster ? await clusterNamespaceLabels(input.cluster) : undefined);
  // desired: validate the whole set, resolve membership and references, convert to App Mesh specs
  const resolved = resolveDesiredState(loaded.objects, {
    namespaceLabels,
    quotaLimits: input.quotaLimits,
    accountId: input.target.accountId,
  });
  const loadDiagnostics = loaded.diagnostics;
  if (!resolved.ok || loadDiagnostics.some(isError)) {
    const diagnostics = [
      ...loadDiagnostics,
      ...(resolved.ok ? resolved.warnings : resolved.diagnostics),
    ].sort(compareDiagnostics);
    return finish({ status: 'refused', diagnostics });
  }
  const { desired } = resolved;
  const diagnostics = [...loadDiagnostics, ...resolved.warnings].sort(compareDiagnostics);
  if (desired.unresolvedNamespaces.length > 0) {
    // Applying without them would prune what they hold: refuse rather than guess.
    throw new MeshcdError({
      phase: 'desired',
      reason: 'namespace-unresolved',
      message: `namespaces ${desired.unresolvedNamespaces.join(', ')} are neither in Git nor in the cluster, so their mesh is unknown`,
    });
  }
  // observe: List calls for versions; Describe only what changed since the inventory recorded it
  const fullInventory = await input.state.listInventory(input.target.id);
  const inventory = fullInventory.filter((e) => e.key.startsWith('appmesh:'));
  const { observed } = await observeMesh(input.mesh, desired.meshResources, inventory, {
    accountId: input.target.accountId,
  });
  // plan: ordered changes with reasons and field diffs; ownership, prune guard and quotas decided here
  const plan = computePlan({
    targetId: input.target.id,
    accountId: input.target.accountId,
    desired: desired.meshResources,
    observed,
    inventory,
    policy: input.target.policy,
    ...(input.allowPrune ? { allowPrune: true } : {}),
    ...(input.quotaLimits ? { quotaLimits: input.quotaLimits } : {}),
    unloadedFiles: loaded.unloaded,
  });
  // plan (cluster): Git objects, each workload's injection and prune, against the live cluster
  const clusterPlan =
    input.cluster && namespaceLabels
      ? await planCluster(input.cluster, {
          targetId: input.target.id,
          desired,
          inventory: fullInventory,
          namespaceLabels,
          injector: injectorOptions(input.target, input.injector),
          policy: input.target.policy,
          ...(input.allowPrune ? { allowPrune: true } : {}),
          unloadedFiles: loaded.unloaded,
        })
      : undefined;
  const planned = { diagnostics, desired, plan, ...(clusterPlan ? { clusterPlan } : {}) };
  if (plan.blockers.length > 0 || (clusterPlan?.blockers.length ?? 0) > 0)
    return finish({ status: 'refused', ...planned });
  if (input.mode === 'plan') {
    const changes = hasChanges(plan) || (clusterPlan !== undefined && hasWrites(clusterPlan));
    return finish({ status: changes ? 'changes' : 'succeeded', ...planned });
  }

  // dry-run (cluster): the API server admits every object before the first write anywhere, or nothing is written
  const refusals = input.cluster && clusterPlan ? await dryRunClusterPlan(clusterPlan, input.cluster) : [];
  if (refusals.length > 0)
    return finish({ status: 'refused', ...planned, diagnostics: [...diagnostics, ...refusals] });
  // apply: wave by wave, throttled and idempotent, recording each write as App Mesh confirms it
  const apply = await applyPlan(plan, {
    targetId: input.target.id,
    revision: input.revision,
    runId: input.runId,
    api: input.mesh,
    store: input.state,
    now: input.now,
    inventory,
    ...(input.remainingMs ? { remainingMs: input.remainingMs } : {}),
    ...(input.reserveMs !== undefined ? { reserveMs: input.reserveMs } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  // apply (cluster): after App Mesh, so every ARN an injected Envoy names exists
  const clusterApply =
    input.cluster && clusterPlan && apply.complete
      ? await applyClusterPlan(clusterPlan, {
          targetId: input.target.id,
          revision: input.revision,
          cluster: input.cluster,
          store: input.state,
          now: input.now,
          members: desired.meshMembers,
        })
      : undefined;
  // apply (endpoints): Cloud Map services and instances follow the pods of the nodes in Git; nodes that
  // left Git have their instances deregistered
  const endpoints =
    input.cluster && input.cloudMap && clusterApply
      ? await syncCloudMap({
          targetId: input.target.id,
          cluster: input.cluster,
          cloudMap: input.cloudMap,
          members: cloudMapMembers(desired.meshMembers),
          removed: removedCloudMapMembers(desired, fullInventory),
          options: cloudMapOptions(input.target.cloudMap),
        })
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

/**
 * Cloud Map registrations the last apply recorded that the desired state no longer has: nodes that left
 * Git or stopped using Cloud Map, and the old service of a node whose service or namespace name changed
 * (its instances there would otherwise keep answering discovery for pods registered elsewhere).
 */
function removedCloudMapMembers(desired: DesiredState, inventory: Parameters<typeof recordedMembers>[0]) {
  const kept = new Set(cloudMapMembers(desired.meshMembers).map(registrationKey));
  return cloudMapMembers(recordedMembers(inventory)).filter((m) => !kept.has(registrationKey(m)));
}

function runRecord(
  input: ReconcileInput,
  startedAt: string,
  result: Omit<ReconcileResult, 'run'>,
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
    mode: input.mode,
    revision: input.revision,
    startedAt,
    finishedAt: input.now().toISOString(),
    outcome: result.status === 'refused' ? 'refused' : result.status === 'partial' ? 'partial' : 'succeeded',
    summary: { ...(result.plan?.summary ?? {}) },
    ...(errors.length > 0 ? { errors } : {}),
  };
}
