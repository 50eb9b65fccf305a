import type { EndpointSyncOutcome } from '../cloudmap/sync-cloud-map.ts';
import type { DesiredState } from '../desired/desired-state.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { QuotaLimits } from '../quota/quota-defaults.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import type { TargetPolicy } from '../target.ts';
import type { ApplyRunOptions } from './apply-change-set.ts';
import type { ApplyResult, Change, ChangeSet } from './change.ts';
import type { KindTable } from './kind-table.ts';
import type { ProviderName } from './resource-key.ts';

/** What the plan step is given besides the provider's desired and observed resources. */
export interface ProviderPlanInput<D, O> {
  desired: D[];
  observed: O;
  /** The provider's own inventory entries (keys under `<provider>:`). */
  inventory: InventoryEntry[];
  policy: TargetPolicy;
  allowPrune?: boolean;
  /** Files of the tree that did not load: what they held is not pruned. */
  unloadedFiles?: readonly string[];
}

/** A run's identity and clock, for the steps that write and record. */
export interface ProviderRun<C extends Change> extends ApplyRunOptions<C> {
  revision: string;
  runId: string;
  now: () => Date;
}

/**
 * A provider: its kind table, converter, observer, plan and writer, built for one target and its API so the
 * steps take data only. The reconcile skeleton (reconcileWith) runs them in order; loading, resolving,
 * refusing, the cluster, the dry-run and the run record are the skeleton's. The plan is the provider's
 * resources through the shared parts (keyed field-diff, ownership, prune guard, unloaded-source guard,
 * quota pre-check); the write goes through the one wave runner; drift classifies the same plan computed
 * against a baseline (classifyPlanDrift).
 */
export interface Provider<K extends string, D, O, C extends Change, P extends ChangeSet<C>> {
  name: ProviderName;
  /** Per kind: API name member, parent, create and delete waves, quota, service-filled paths. */
  kinds: KindTable<K>;
  /** Whether workloads get an Envoy sidecar (App Mesh); without, no VirtualNode is a mesh member in the cluster. */
  injects: boolean;
  /** The limits the desired set itself is checked against while resolving (App Mesh's set checks). */
  setQuotaLimits?: QuotaLimits;
  /** translate: the resolved manifests as the provider's desired resources (API input specs). */
  convert(desired: DesiredState): D[];
  /** observe: the provider's resources as they are, List for versions and Describe only what changed. */
  observe(desired: readonly D[], inventory: readonly InventoryEntry[]): Promise<O>;
  /** plan: ordered changes with reasons and field diffs; ownership, prune guard and quota pre-check. Pure. */
  plan(input: ProviderPlanInput<D, O>): P;
  /** write: the plan wave by wave through the provider's writer, each write recorded as it is confirmed. */
  apply(
    plan: P,
    run: ProviderRun<C> & { store: StateStore; inventory: readonly InventoryEntry[] },
  ): Promise<ApplyResult>;
  /** After the provider's apply, before the cluster's, whatever the outcome (Lattice: where targets come from). */
  afterApply?(input: { desired: D[]; store: StateStore; revision: string; now: () => Date }): Promise<void>;
  /** After the cluster's apply: endpoints that follow the pods (App Mesh's Cloud Map). */
  syncEndpoints?(input: {
    desired: DesiredState;
    inventory: readonly InventoryEntry[];
    cluster: ClusterApi;
  }): Promise<EndpointSyncOutcome[]>;
}
