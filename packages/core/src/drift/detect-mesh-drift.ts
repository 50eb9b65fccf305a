import type { ApplyResult } from '../apply/change-outcome.ts';
import type { MeshResourceIdentity } from '../appmesh/appmesh-key.ts';
import { cloudMapOptions } from '../cloudmap/cloud-map-options.ts';
import { instanceDriftItems } from '../cloudmap/instance-drift.ts';
import { type InjectorOptions, injectorOptions } from '../cluster/injector-options.ts';
import { recordedMembers } from '../cluster/recorded-members.ts';
import { cloudMapMembers } from '../endpoints/endpoint-members.ts';
import type { CloudMapApi } from '../ports/cloud-map-api.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { CountedResource } from '../quota/quota-usage.ts';
import { requireAppMesh } from '../require-app-mesh.ts';
import type { DriftRecord } from '../state/drift-record.ts';
import { entriesOf } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import { checkAllResources } from './check-all-resources.ts';
import { checkOneResource } from './check-one-resource.ts';
import { expectedKubeFromInventory } from './classify-drift.ts';
import type { DriftEmission } from './drift-emissions.ts';
import { type DriftItem, type DriftSummary, sortDriftItems } from './drift-item.ts';
import { driftVerdict } from './drift-verdict.ts';
import { type ExpectedMeshResource, expectedFromInventory } from './expected-resource.ts';
import { type ClusterHealResult, healClusterDrift, kubeHealable } from './heal-cluster-drift.ts';
import { healable, healDrift } from './heal-drift.ts';
import type { ExpectedKubeObject, ObservedKubeObject } from './kube-drift.ts';
import { type ClusterDriftObservation, observeClusterForDrift } from './observe-cluster-for-drift.ts';
import type { QuotaLimitsSource } from './quota-limits-source.ts';
import { defaultQuotaThresholds, type QuotaLine, type QuotaThresholds } from './quota-report.ts';

export interface DetectMeshDriftInput {
  target: Target;
  mesh: MeshApi;
  state: StateStore;
  /** The account's limits (Service Quotas); the documented defaults when absent. */
  quotaLimits?: QuotaLimitsSource;
  thresholds?: QuotaThresholds;
  /** What Git wants (a manifest tree's desired resources); default: what meshcd last applied. */
  desired?: readonly ExpectedMeshResource[];
  /** The revision `desired` comes from; default: the last applied revision. */
  revision?: string;
  /** A targeted check of one resource (an out-of-band App Mesh call seen in CloudTrail). */
  resource?: MeshResourceIdentity;
  /**
   * The target's cluster: its objects, injections and managed namespaces are read and classified too.
   * Without it (and without `observedKube`) the cluster half is skipped.
   */
  cluster?: ClusterApi;
  /** The injector's settings beyond the controller's defaults, as reconcile() was given them. */
  injector?: Partial<InjectorOptions>;
  /** Cloud Map: the instances of the recorded Cloud Map nodes are classified against the live pods (with `cluster`). */
  cloudMap?: CloudMapApi;
  /** Cluster objects as the cluster adapter observed them; the cluster half is skipped when absent. */
  observedKube?: readonly ObservedKubeObject[];
  desiredKube?: readonly ExpectedKubeObject[];
  /** Record the report as the target's latest (and in its history). Default true. */
  record?: boolean;
  /** Re-apply what meshcd last applied over drift. Default: the target's selfHeal policy. */
  heal?: boolean;
  /** See observeMesh. Default true. */
  describeUnmanaged?: boolean;
  runId: string;
  now: () => Date;
}

export interface DetectDriftResult {
  items: DriftItem[];
  summary: DriftSummary;
  quotas: QuotaLine[];
  /** The resources of the meshes in scope with their specs (observed, or expected where missing), for drawing. */
  resources: CountedResource[];
  revision?: string;
  changedSinceLastReport: boolean;
  /** Events to publish: only what changed since the last report. */
  emit: DriftEmission[];
  record: DriftRecord;
  /** The self-heal's writes, when it ran. */
  healed?: ApplyResult;
  /** The self-heal's cluster writes, when it ran over cluster items. */
  healedCluster?: ClusterHealResult;
}

/**
 * The drift recipe, the `detect` sibling of reconcile(): observe (App Mesh and, when given, the cluster) →
 * classify → quotas → decide what to announce → record → self-heal. A targeted check (one resource) merges its finding into the last report.
 */
export async function detectMeshDrift(input: DetectMeshDriftInput): Promise<DetectDriftResult> {
  const detectedAt = input.now().toISOString();
  const { target } = input;
  // Observes and heals App Mesh only: never for a target that chose another provider.
  requireAppMesh(target, 'the App Mesh drift check');
  // baseline: the last report, so only what changed is announced
  const last = await input.state.getLastDriftReport(target.id);
  // expected: the manifest tree's desired resources, or the inventory's last-applied specs
  const inventory = await input.state.listInventory(target.id);
  const meshInventory = entriesOf(inventory, 'appmesh');
  const expected = input.desired ?? expectedFromInventory(meshInventory, target.meshOwner);
  const revision = input.revision ?? (await lastAppliedRevision(input.state, target.id, inventory));
  const thresholds = input.thresholds ?? defaultQuotaThresholds;
  // observe (cluster): what meshcd applied there, read back; a targeted App Mesh check leaves it be
  const clusterObservation: ClusterDriftObservation | undefined =
    input.cluster && !input.resource
      ? await observeClusterForDrift(input.cluster, {
          targetId: target.id,
          expected: input.desiredKube ?? expectedKubeFromInventory(inventory),
          inventory,
          injector: injectorOptions(target, input.injector),
        })
      : undefined;

  // observe + classify: the one resource a CloudTrail event named, merged into the last report; or everything
  const targeted = input.resource !== undefined && last !== undefined;
  const {
    items: resourceItems,
    quotas,
    resources,
  } = input.resource && last
    ? await checkOneResource({
        target,
        mesh: input.mesh,
        resource: input.resource,
        expected,
        meshInventory,
        last,
      })
    : await checkAllResources({
        target,
        mesh: input.mesh,
        expected,
        fromGit: input.desired !== undefined,
        inventory,
        thresholds,
        ...(input.quotaLimits ? { quotaLimits: input.quotaLimits } : {}),
        ...(input.observedKube ? { observedKube: input.observedKube } : {}),
        ...(input.desiredKube ? { desiredKube: input.desiredKube } : {}),
        ...(clusterObservation ? { clusterObservation } : {}),
        ...(input.describeUnmanaged !== undefined ? { describeUnmanaged: input.describeUnmanaged } : {}),
      });

  // observe + classify (endpoints): Cloud Map services and instances against the live pods, read-only
  const endpointItems =
    input.cluster && input.cloudMap && !input.resource
      ? await instanceDriftItems({
          targetId: target.id,
          cluster: input.cluster,
          cloudMap: input.cloudMap,
          members: cloudMapMembers(recordedMembers(inventory)),
          options: cloudMapOptions(target.cloudMap),
        })
      : [];
  const items =
    endpointItems.length > 0 ? sortDriftItems([...resourceItems, ...endpointItems]) : resourceItems;
  // decide: announce only what changed since the last report
  const { summary, changed, emissions, record } = driftVerdict({
    target,
    runId: input.runId,
    ...(revision ? { revision } : {}),
    detectedAt,
    items,
    quotas,
    thresholds,
    ...(last ? { last } : {}),
    scope: targeted ? 'resource' : 'full',
  });
  // record: history and the new baseline
  if (input.record ?? true) await input.state.putDriftReport(record);
  // heal: only over what meshcd last applied; with a manifest tree, applying it is the way to converge
  const heal = (input.heal ?? target.policy.selfHeal) && !input.desired;
  let healed: ApplyResult | undefined;
  if (heal && items.some(healable)) {
    healed = await healDrift({
      target,
      items,
      inventory: meshInventory,
      mesh: input.mesh,
      state: input.state,
      revision: revision ?? 'last-applied',
      runId: `${input.runId}-heal`,
      now: input.now,
    });
  }
  // heal (cluster): after App Mesh, so every ARN a restored Envoy names exists again
  let healedCluster: ClusterHealResult | undefined;
  if (heal && input.cluster && clusterObservation && items.some(kubeHealable)) {
    healedCluster = await healClusterDrift({
      targetId: target.id,
      items,
      inventory,
      injections: clusterObservation.injections,
      cluster: input.cluster,
      state: input.state,
      now: input.now,
    });
  }
  return {
    items,
    summary,
    quotas,
    resources,
    ...(revision ? { revision } : {}),
    changedSinceLastReport: changed,
    emit: emissions,
    record,
    ...(healed ? { healed } : {}),
    ...(healedCluster ? { healedCluster } : {}),
  };
}

/** The revision last applied: the lease says so; an inventory without a lease has its newest write's. */
export async function lastAppliedRevision(
  state: StateStore,
  targetId: string,
  inventory: readonly { sourceRevision: string; updatedAt: string }[],
): Promise<string | undefined> {
  const applied = (await state.getLease(targetId))?.applied?.revision;
  if (applied) return applied;
  const newest = [...inventory].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return newest?.sourceRevision;
}
