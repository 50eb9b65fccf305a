import { applyPlan } from '../apply/apply-plan.ts';
import { cloudMapOptions } from '../cloudmap/cloud-map-options.ts';
import { syncCloudMap } from '../cloudmap/sync-cloud-map.ts';
import { recordedMembers } from '../cluster/recorded-members.ts';
import type { DesiredMeshResource, DesiredState, MeshResourceKind } from '../desired/desired-state.ts';
import { cloudMapMembers, registrationKey } from '../endpoints/endpoint-members.ts';
import { type MeshObservation, observeMesh } from '../observe/observe-mesh.ts';
import { observeScopeFor } from '../observe/push-observe-scope.ts';
import { computePlan } from '../plan/compute-plan.ts';
import type { Plan, PlannedChange } from '../plan/plan-types.ts';
import type { CloudMapApi } from '../ports/cloud-map-api.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { Provider } from '../provider/provider.ts';
import type { QuotaLimits } from '../quota/quota-defaults.ts';
import { requireAppMesh } from '../require-app-mesh.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { RunLog } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import { appMeshKinds } from './appmesh-kinds.ts';

export type AppMeshProvider = Provider<
  MeshResourceKind,
  DesiredMeshResource,
  MeshObservation,
  PlannedChange,
  Plan
>;

interface AppMeshProviderInput {
  target: Target;
  mesh: MeshApi;
  /** The account's limits (Service Quotas), else the documented defaults. */
  quotaLimits?: QuotaLimits;
  /** Cloud Map: services and instances of VirtualNodes with Cloud Map discovery follow their pods. */
  cloudMap?: CloudMapApi;
  /**
   * The target's run history: with it, observe lists only the meshes and routers the change touches
   * while the last apply vouches for the inventory (see observeScopeFor); without it, everything.
   */
  runs?: Pick<RunLog, 'listRuns'>;
  /** Observe everything even so (`--refresh`). */
  refresh?: boolean;
  /** The lease holder this run took over from, which never settled: everything is observed. */
  unsettledHolder?: string;
}

/**
 * App Mesh as the reconcile skeleton sees it: the desired state's mesh resources as they are, observed by
 * observeMesh, planned by computePlan, written by the App Mesh writer; Envoy sidecars in the cluster and,
 * with a Cloud Map port, Cloud Map endpoints after the cluster. Refuses a target that chose another provider.
 */
export function appMeshProvider(input: AppMeshProviderInput): AppMeshProvider {
  const { target, mesh, quotaLimits, cloudMap, runs } = input;
  requireAppMesh(target, 'the App Mesh reconcile');
  return {
    name: 'appmesh',
    kinds: appMeshKinds,
    injects: true,
    ...(quotaLimits ? { setQuotaLimits: quotaLimits } : {}),
    // translate: resolving the manifests already converted them to App Mesh specs
    convert: (desired) => desired.meshResources,
    observe: async (desired, inventory) => {
      const { scope } = runs
        ? await observeScopeFor({
            targetId: target.id,
            desired,
            inventory,
            runs,
            refresh: input.refresh === true,
            ...(input.unsettledHolder !== undefined ? { unsettledHolder: input.unsettledHolder } : {}),
          })
        : { scope: undefined };
      return observeMesh(mesh, desired, inventory, {
        accountId: target.accountId,
        ...(scope ? { scope } : {}),
      });
    },
    plan: (p) =>
      computePlan({
        targetId: target.id,
        accountId: target.accountId,
        desired: p.desired,
        observed: p.observed.observed,
        inventory: p.inventory,
        policy: p.policy,
        ...(p.allowPrune ? { allowPrune: true } : {}),
        ...(quotaLimits ? { quotaLimits } : {}),
        ...(p.unloadedFiles ? { unloadedFiles: p.unloadedFiles } : {}),
      }),
    apply: (plan, run) => applyPlan(plan, { ...run, targetId: target.id, api: mesh }),
    ...(cloudMap
      ? {
          // Cloud Map services and instances follow the pods of the nodes in Git; nodes that left Git have
          // their instances deregistered
          syncEndpoints: ({ desired, inventory, cluster }) =>
            syncCloudMap({
              targetId: target.id,
              cluster,
              cloudMap,
              members: cloudMapMembers(desired.meshMembers),
              removed: removedCloudMapMembers(desired, inventory),
              options: cloudMapOptions(target.cloudMap),
            }),
        }
      : {}),
  };
}

/**
 * Cloud Map registrations the last apply recorded that the desired state no longer has: nodes that left
 * Git or stopped using Cloud Map, and the old service of a node whose service or namespace name changed
 * (its instances there would otherwise keep answering discovery for pods registered elsewhere).
 */
function removedCloudMapMembers(desired: DesiredState, inventory: readonly InventoryEntry[]) {
  const kept = new Set(cloudMapMembers(desired.meshMembers).map(registrationKey));
  return cloudMapMembers(recordedMembers(inventory)).filter((m) => !kept.has(registrationKey(m)));
}
