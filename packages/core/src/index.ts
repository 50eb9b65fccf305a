export { type ApplyOptions, applyPlan } from './apply/apply-plan.ts';
export { type MeshResourceIdentity, meshResourceKey, parseMeshKey } from './appmesh/appmesh-key.ts';
export { appMeshKinds } from './appmesh/appmesh-kinds.ts';
export {
  type CloudMapOptions,
  cloudMapAttributes,
  cloudMapHealthyCondition,
  defaultCloudMapOptions,
} from './cloudmap/cloud-map-options.ts';
export { CloudMapSession, type EndpointCluster } from './cloudmap/cloud-map-session.ts';
export { membersForPodEvent } from './cloudmap/pod-event-members.ts';
export {
  type EndpointSyncOutcome,
  type EndpointSyncStatus,
  syncCloudMap,
} from './cloudmap/sync-cloud-map.ts';
export { resyncEndpoints, type SyncPodEventInput, syncPodEvent } from './cloudmap/sync-pod-event.ts';
export {
  applyClusterPlan,
  type ClusterApplyOptions,
  type ClusterApplyResult,
  type ClusterOutcome,
  type ClusterOutcomeStatus,
} from './cluster/apply-cluster-plan.ts';
export {
  gitFieldManager,
  injectionAnnotation,
  injectorFieldManager,
  isOwnedBy,
  managedByLabel,
  targetAnnotation,
  withOwnership,
} from './cluster/cluster-ownership.ts';
export {
  type ClusterBlocker,
  type ClusterChange,
  type ClusterPlan,
  type ClusterPlanReason,
  type ClusterSubject,
  hasClusterChanges,
} from './cluster/cluster-plan-types.ts';
export type { ClusterIssue, ClusterWorkload } from './cluster/cluster-workload.ts';
export { type ClusterPlanInput, computeClusterPlan } from './cluster/compute-cluster-plan.ts';
export { computeInjection, type Injection } from './cluster/compute-injection.ts';
export { injectionBody, injectionMark } from './cluster/injection-body.ts';
export {
  defaultEnvoyImage,
  defaultInitImage,
  defaultXrayImage,
  type InjectorOptions,
  injectorOptions,
  type StatsdOptions,
  type TracingOptions,
} from './cluster/injector-options.ts';
export { matchWorkloads, type WorkloadMatch } from './cluster/match-workloads.ts';
export {
  type ClusterObservation,
  clusterNamespaceLabels,
  observeCluster,
} from './cluster/observe-cluster.ts';
export { type PlanClusterInput, planCluster } from './cluster/plan-cluster.ts';
export {
  clusterWorkloads,
  liveWorkload,
  type PlannedInjection,
  planInjections,
} from './cluster/plan-injections.ts';
export type { Container, EnvVar, PodTemplate, WorkloadKind } from './cluster/pod-template.ts';
export { type RecheckOutcome, recheckWorkload } from './cluster/recheck-workload.ts';
export { memberEntryKey, recordedMembers } from './cluster/recorded-members.ts';
export { parseAppMeshArn } from './desired/appmesh-arn.ts';
export { awsNameOf, defaultAwsName } from './desired/aws-name.ts';
export type * from './desired/desired-state.ts';
export { kubeKey } from './desired/inventory-key.ts';
export { selectorMatches } from './desired/label-selector.ts';
export type { NamespaceLabels } from './desired/mesh-membership.ts';
export type { ResolveOptions, ResolveResult } from './desired/resolve-desired-state.ts';
export { resolveDesiredState } from './desired/resolve-desired-state.ts';
export { validateManifests } from './desired/validate-manifests.ts';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics/diagnostic.ts';
export { compareDiagnostics, formatDiagnostic, formatPath, isError } from './diagnostics/diagnostic.ts';
export { ManifestError } from './diagnostics/manifest-error.ts';
export { type ApiCallTarget, resourceOfApiCall } from './drift/api-call-resource.ts';
export {
  type ClassifyDriftInput,
  classifyDrift,
  expectedKubeFromInventory,
  type Unobservable,
} from './drift/classify-drift.ts';
export { type DetectDriftInput, type DetectDriftResult, detectDrift } from './drift/detect-drift.ts';
export {
  type DriftDetectedEventDetail,
  type DriftEmission,
  driftEmissions,
  type QuotaThresholdEventDetail,
} from './drift/drift-emissions.ts';
export { driftFingerprint } from './drift/drift-fingerprint.ts';
export {
  type DriftItem,
  type DriftProvider,
  type DriftReason,
  type DriftState,
  type DriftSubject,
  type DriftSummary,
  driftStates,
  isDrifted,
  sortDriftItems,
  summariseDrift,
} from './drift/drift-item.ts';
export { type ExpectedMeshResource, expectedFromInventory } from './drift/expected-resource.ts';
export {
  type ClusterHealOutcome,
  type ClusterHealResult,
  type HealClusterDriftInput,
  healClusterDrift,
  kubeHealable,
} from './drift/heal-cluster-drift.ts';
export { type HealDriftInput, healable, healDrift } from './drift/heal-drift.ts';
export { applyIgnoreRules, type IgnoreRule, parseIgnoreRule } from './drift/ignore-rules.ts';
export { kubeDifferences } from './drift/kube-differences.ts';
export {
  classifyKubeDrift,
  type ExpectedKubeObject,
  injectionItemKey,
  type KubeInjectionCheck,
  type ObservedKubeObject,
  type UnmanagedKubeObject,
} from './drift/kube-drift.ts';
export {
  type ClusterDriftObservation,
  type ObserveClusterForDriftInput,
  observeClusterForDrift,
} from './drift/observe-cluster-for-drift.ts';
export {
  type DriftObservation,
  type ObserveForDriftOptions,
  observeForDrift,
} from './drift/observe-for-drift.ts';
export {
  defaultResolvedLimits,
  type QuotaLimitSource,
  type QuotaLimitsSource,
  type ResolvedQuotaLimits,
} from './drift/quota-limits-source.ts';
export {
  defaultQuotaThresholds,
  isWorseLevel,
  type QuotaLevel,
  type QuotaLine,
  type QuotaThresholds,
  quotaLineId,
  quotaReport,
} from './drift/quota-report.ts';
export { type CloudMapMember, cloudMapMembers } from './endpoints/endpoint-members.ts';
export { isRetryable, MeshcdError, type Phase } from './errors/meshcd-error.ts';
export { applyLatticePlan, type LatticeApplyOptions } from './lattice/apply-lattice.ts';
export { checkLatticeQuotas, type LatticeRegionUsage } from './lattice/check-lattice-quotas.ts';
export { latticeKinds } from './lattice/lattice-kinds.ts';
export { isLatticeName, latticeName, type NamedLatticeKind } from './lattice/lattice-name.ts';
export { defaultLatticeOptions, type LatticeOptions } from './lattice/lattice-options.ts';
export {
  hasLatticeChanges,
  type LatticePlan,
  type LatticePlannedChange,
} from './lattice/lattice-plan-types.ts';
export { type LatticeQuotaFit, latticeQuotaFit } from './lattice/lattice-quota-fit.ts';
export {
  defaultLatticeQuotaLimits,
  LATTICE_QUOTA_DEFAULTS,
  type LatticeQuotaDefault,
  type LatticeQuotaLimits,
  type LatticeQuotaName,
} from './lattice/lattice-quotas.ts';
export type * from './lattice/lattice-resource.ts';
export {
  type LatticeResourceIdentity,
  latticeKindOfKey,
  latticeResourceKey,
} from './lattice/lattice-resource-key.ts';
export { anythingLost, type MappingFinding } from './lattice/mapping-finding.ts';
export type { MappedKind, MappingClass } from './lattice/mapping-row.ts';
export { MAPPING_TABLE, type MappingRow, type MappingRowId, mappingRow } from './lattice/mapping-table.ts';
export {
  type KeyedLatticeResource,
  type LatticeObservation,
  observeLattice,
} from './lattice/observe-lattice.ts';
export { type LatticePlanInput, planLattice } from './lattice/plan-lattice.ts';
export {
  type ReconcileLatticeInput,
  type ReconcileLatticeResult,
  reconcileLattice,
} from './lattice/reconcile-lattice.ts';
export {
  latticeEndpointOutcomes,
  resyncLatticeTargets,
  type SyncLatticeTargetsInput,
  syncLatticePodEvent,
} from './lattice/sync-lattice-pod-event.ts';
export {
  desiredTargets,
  initialTargets,
  recordedTargetGroups,
  recordTargetGroupMembers,
  syncLatticeTargets,
  type TargetGroupMember,
  type TargetSyncOutcome,
  targetGroupMemberEntry,
} from './lattice/sync-lattice-targets.ts';
export {
  type ClientNameChange,
  type LatticeTranslation,
  type TranslateInput,
  translateToLattice,
} from './lattice/translate-to-lattice.ts';
export type { ObjectMapping } from './lattice/translation.ts';
export { decodeManifestFile } from './manifests/decode-manifest.ts';
export { kubeFieldPath, kubeObjectIssues } from './manifests/kube-openapi/kube-object-issues.ts';
export { kubeOpenApi, resolveSchema } from './manifests/kube-openapi/kube-openapi.ts';
export type { KubeSchemaIssue } from './manifests/kube-openapi/kube-schema-issues.ts';
export type { OpenApiSchema } from './manifests/kube-openapi/openapi-schema.ts';
export type { LoadedManifests, ManifestFile } from './manifests/load-manifests.ts';
export { isManifestPath, loadManifests } from './manifests/load-manifests.ts';
export type { ManifestObject, PathSegment } from './manifests/manifest-object.ts';
export { objectLabel } from './manifests/manifest-object.ts';
export { overlayManifests } from './manifests/overlay-manifests.ts';
export type { LabelSelector } from './manifests/schemas/common.ts';
export type { AppMeshKind } from './manifests/schemas/schema-registry.ts';
export type { VirtualGatewayCrdSpec } from './manifests/schemas/virtual-gateway.ts';
export type { VirtualNodeCrdSpec } from './manifests/schemas/virtual-node.ts';
export { defaultSourceLimits, type SourceLimits } from './manifests/source-limits.ts';
export type { AppMeshObject, KubeObject } from './manifests/typed-objects.ts';
export {
  buildMigrationReport,
  type MigrationClientName,
  type MigrationFinding,
  type MigrationInput,
  type MigrationObject,
  type MigrationOutcome,
  type MigrationReport,
} from './migration/migration-report.ts';
export {
  mappingTableSection,
  migrationSections,
  outcomeLine,
  type ReportSection,
} from './migration/migration-sections.ts';
export {
  renderMappingDoc,
  renderMigrationHtml,
  renderMigrationJson,
  renderMigrationMarkdown,
  sectionsMarkdown,
} from './migration/render-migration.ts';
export { observeMesh } from './observe/observe-mesh.ts';
export type { ObservedMeshResource } from './observe/observed-mesh-resource.ts';
export { computePlan, type PlanInput } from './plan/compute-plan.ts';
export { diffSpec, type FieldDiff } from './plan/diff-spec.ts';
export { ownerTagKey } from './plan/ownership.ts';
export {
  hasChanges,
  type Plan,
  type PlanAction,
  type PlanBlocker,
  type PlannedChange,
  type PlanReason,
} from './plan/plan-types.ts';
export { specHash } from './plan/spec-hash.ts';
export type {
  CloudMapApi,
  CloudMapHealth,
  CloudMapInstance,
  CloudMapNamespace,
  CloudMapNamespaceType,
  CloudMapService,
  CreateCloudMapServiceInput,
} from './ports/cloud-map-api.ts';
export type {
  ClusterApi,
  KubeListQuery,
  KubeLiveObject,
  KubeObjectRef,
  WorkloadRef,
} from './ports/cluster-api.ts';
export type * from './ports/lattice-api.ts';
export type { MeshApi, WriteOptions } from './ports/mesh-api.ts';
export type {
  ApplyResult,
  Blocker,
  Change,
  ChangeAction,
  ChangeOutcome,
  ChangeSet,
  OutcomeError,
  OutcomeStatus,
} from './provider/change.ts';
export { hasWrites, isWrite, outcomeError, summarise } from './provider/change.ts';
export { type KindFacts, type KindTable, kindsOf } from './provider/kind-table.ts';
export type {
  Converter,
  Observer,
  Provider,
  ProviderResource,
  Writer,
} from './provider/provider.ts';
export {
  formatKey,
  type InjectorKey,
  type KubeKey,
  type ProviderKey,
  type ProviderName,
  parseKey,
  parseProviderKey,
  type ResourceKey,
} from './provider/resource-key.ts';
export { runWaves, type WaveRunOptions } from './provider/run-waves.ts';
export type { QuotaDefault, QuotaLimits, QuotaName } from './quota/quota-defaults.ts';
export { defaultQuotaLimits, QUOTA_DEFAULTS } from './quota/quota-defaults.ts';
export { type CountedResource, type QuotaUsage, quotaUsage } from './quota/quota-usage.ts';
export {
  type ReconcileInput,
  type ReconcileMode,
  type ReconcileResult,
  type ReconcileStatus,
  reconcile,
} from './reconcile.ts';
export {
  buildDriftReport,
  type DriftReport,
  type DriftReportInput,
  renderReportJson,
} from './report/drift-report.ts';
export { driftPlace, driftStateWords } from './report/drift-wording.ts';
export { layoutTopology, type MeshLayout } from './report/layout-topology.ts';
export { renderReportHtml } from './report/render-report-html.ts';
export { renderReportMarkdown } from './report/render-report-markdown.ts';
export { renderTopologySvg, stateStyle } from './report/render-topology-svg.ts';
export { showValue, summaryLine } from './report/summary-line.ts';
export {
  buildTopology,
  type Topology,
  type TopologyEdge,
  type TopologyEdgeKind,
  type TopologyKind,
  type TopologyNode,
  topologyColumns,
} from './report/topology.ts';
export { requireAppMesh } from './require-app-mesh.ts';
export type * from './source-location.ts';
export { failedRun, runErrorOf } from './state/failed-run.ts';
export type * from './state/index.ts';
export { formatRunError } from './state/index.ts';
export { compareRevisions, isSettled, newerRevision, raiseWanted } from './state/revision-order.ts';
export {
  allHealthy,
  readTargetStatus,
  type TargetHealth,
  type TargetStatus,
} from './status/target-status.ts';
export {
  type CommitStatusConfig,
  defaultTargetPolicy,
  type Target,
  type TargetPolicy,
} from './target.ts';
