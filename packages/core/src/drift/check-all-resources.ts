import { observeMesh } from '../observe/observe-mesh.ts';
import { isRecordedInstance } from '../plan/ownership.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import { type CountedResource, quotaUsage } from '../quota/quota-usage.ts';
import { entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import type { Target } from '../target.ts';
import { classifyDrift } from './classify-drift.ts';
import type { DriftItem } from './drift-item.ts';
import type { ExpectedMeshResource } from './expected-resource.ts';
import type { ExpectedKubeObject, ObservedKubeObject } from './kube-drift.ts';
import type { ClusterDriftObservation } from './observe-cluster-for-drift.ts';
import { defaultResolvedLimits, type QuotaLimitsSource } from './quota-limits-source.ts';
import { type QuotaLine, type QuotaThresholds, quotaReport } from './quota-report.ts';

/** What one check found: classified items, quota lines, and the resources with their specs (for drawing). */
export interface DriftFindings {
  items: DriftItem[];
  quotas: QuotaLine[];
  resources: CountedResource[];
}

interface CheckAllInput {
  target: Target;
  mesh: MeshApi;
  expected: readonly ExpectedMeshResource[];
  /** Set when `expected` comes from a manifest tree rather than the inventory. */
  fromGit: boolean;
  /** The whole inventory, cluster entries included. */
  inventory: readonly InventoryEntry[];
  quotaLimits?: QuotaLimitsSource;
  thresholds: QuotaThresholds;
  observedKube?: readonly ObservedKubeObject[];
  desiredKube?: readonly ExpectedKubeObject[];
  /** The cluster read for drift (observeClusterForDrift); wins over `observedKube`. */
  clusterObservation?: ClusterDriftObservation;
  describeUnmanaged?: boolean;
}

/** The full check: every resource of the target's meshes, and the quotas they use. */
export async function checkAllResources(input: CheckAllInput): Promise<DriftFindings> {
  const meshInventory = entriesOf(input.inventory, 'appmesh');
  // observe: List everything, Describe only what the inventory cannot vouch for
  const observation = await observeMesh(input.mesh, input.expected, meshInventory, {
    describeUnmanaged: input.describeUnmanaged ?? true,
    failures: 'record',
  });
  // classify: InSync, Modified (field differences), Missing, Unmanaged, Unknown
  const items = classifyDrift({
    ...(input.fromGit ? { desired: input.expected } : {}),
    inventory: input.inventory,
    observed: observation.observed,
    ignore: input.target.policy.driftIgnore,
    unobservable: observation.unobservable,
    targetId: input.target.id,
    accountId: input.target.accountId,
    ...(input.observedKube ? { observedKube: input.observedKube } : {}),
    ...(input.clusterObservation
      ? {
          observedKube: input.clusterObservation.observed,
          unmanagedKube: input.clusterObservation.unmanaged,
          kubeInjections: input.clusterObservation.injections,
        }
      : {}),
    ...(input.desiredKube ? { desiredKube: input.desiredKube } : {}),
  });
  // quotas: what exists now against the account's limits, counted as the plan's pre-check counts
  const entries = new Map(meshInventory.map((e) => [e.key, e]));
  const resources: CountedResource[] = observation.observed
    .filter((o) => o.kind !== 'Mesh')
    .map((o) => {
      const entry = entries.get(o.key);
      const spec = o.spec ?? (isRecordedInstance(o, entry) ? entry.lastAppliedSpec : undefined);
      return { ...o, ...(spec !== undefined ? { spec } : {}) };
    });
  const limits = input.quotaLimits ? await input.quotaLimits.resolve() : defaultResolvedLimits();
  const usage = quotaUsage([...observation.allMeshes, ...resources], input.target.accountId, limits.limits);
  const quotas = quotaReport(usage, input.thresholds, limits.sources);
  // Missing resources are drawn from what was expected of them.
  const missing = new Set(items.filter((i) => i.state === 'Missing').map((i) => i.key));
  resources.push(...input.expected.filter((e) => e.kind !== 'Mesh' && missing.has(e.key)));
  return { items, quotas, resources };
}
