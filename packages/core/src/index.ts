export { type MeshResourceIdentity, meshResourceKey, parseMeshKey } from './appmesh/appmesh-key.ts';
export { appMeshKinds } from './appmesh/appmesh-kinds.ts';
export type { EndpointSyncOutcome } from './cloudmap/sync-cloud-map.ts';
export { resyncEndpoints, syncPodEvent } from './cloudmap/sync-pod-event.ts';
export type { ClusterPlan } from './cluster/cluster-plan-types.ts';
export { defaultXrayImage, injectorOptions, injectorSettingProblems } from './cluster/injector-options.ts';
export { type WorkloadChecker, workloadChecker } from './cluster/workload-checker.ts';
export type { DesiredState, MeshResourceKind } from './desired/desired-state.ts';
export type { NamespaceLabels } from './desired/mesh-membership.ts';
export type { ResolveResult } from './desired/resolve-desired-state.ts';
export { resolveDesiredState } from './desired/resolve-desired-state.ts';
export { validateManifests } from './desired/validate-manifests.ts';
export type { Diagnostic } from './diagnostics/diagnostic.ts';
export { isError } from './diagnostics/diagnostic.ts';
export { ManifestError } from './diagnostics/manifest-error.ts';
export { resourceOfApiCall } from './drift/api-call-resource.ts';
export { type DetectDriftResult, detectDrift } from './drift/detect-drift.ts';
export type { DriftEmission } from './drift/drift-emissions.ts';
export { type DriftItem, type DriftState, type DriftSummary, isDrifted } from './drift/drift-item.ts';
export type { QuotaLimitsSource } from './drift/quota-limits-source.ts';
export type { QuotaLine } from './drift/quota-report.ts';
export { MeshcdError } from './errors/meshcd-error.ts';
export { type DetectLatticeDriftResult, detectLatticeDrift } from './lattice/detect-lattice-drift.ts';
export type { LatticeOptions } from './lattice/lattice-options.ts';
export type { LatticeQuotaName } from './lattice/lattice-quotas.ts';
export type { LatticeResourceKind, LatticeTarget } from './lattice/lattice-resource.ts';
export { MAPPING_TABLE } from './lattice/mapping-table.ts';
export { type ReconcileLatticeResult, reconcileLattice } from './lattice/reconcile-lattice.ts';
export {
  latticeEndpointOutcomes,
  resyncLatticeTargets,
  syncLatticePodEvent,
} from './lattice/sync-lattice-pod-event.ts';
export { translateToLattice } from './lattice/translate-to-lattice.ts';
export { decodeManifestFile } from './manifests/decode-manifest.ts';
export { documentedKubeOpenApi } from './manifests/kube-openapi/documented-kube-openapi.ts';
export { kubeFieldPath, kubeObjectIssues } from './manifests/kube-openapi/kube-object-issues.ts';
export type { KubeSchemaIssue } from './manifests/kube-openapi/kube-schema-issues.ts';
export type { ManifestFile } from './manifests/load-manifests.ts';
export { isManifestPath, loadManifests } from './manifests/load-manifests.ts';
export type { ManifestObject } from './manifests/manifest-object.ts';
export { objectLabel } from './manifests/manifest-object.ts';
export { defaultSourceLimits, type SourceLimits } from './manifests/source-limits.ts';
export { buildMigrationReport, type MigrationReport } from './migration/migration-report.ts';
export type { FieldDiff } from './plan/diff-spec.ts';
export type { Plan, PlanAction } from './plan/plan-types.ts';
export type { CloudMapApi } from './ports/cloud-map-api.ts';
export type { ClusterApi } from './ports/cluster-api.ts';
export type { LatticeApi } from './ports/lattice-api.ts';
export type { MeshApi } from './ports/mesh-api.ts';
export { hasWrites } from './provider/change.ts';
export { keyProvider, parseKey } from './provider/resource-key.ts';
export type { QuotaName } from './quota/quota-defaults.ts';
export type { CountedResource } from './quota/quota-usage.ts';
export {
  appMeshQuotaLimits,
  documentedServiceQuotas,
  latticeQuotaLimits,
} from './quota/service-quota-limits.ts';
export { type ReconcileMode, type ReconcileResult, type ReconcileStatus, reconcile } from './reconcile.ts';
export { requireAppMesh } from './require-app-mesh.ts';
export type { DriftRecord } from './state/drift-record.ts';
export { failedRun } from './state/failed-run.ts';
export { formatRunError } from './state/format-run-error.ts';
export type { InventoryEntry } from './state/inventory-entry.ts';
export { compareRevisions, isSettled, newerRevision, raiseWanted } from './state/revision-order.ts';
export type { RunRecord } from './state/run-record.ts';
export type { StateStore } from './state/state-store.ts';
export type { RevisionRequest, TargetLease } from './state/target-lease.ts';
export { defaultTargetPolicy, type Target, type TargetProvider } from './target.ts';
