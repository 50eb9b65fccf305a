import type { DesiredState } from '../desired/desired-state.ts';
import type { NamespaceLabels } from '../desired/mesh-membership.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import { entriesOf, type InventoryEntry } from '../state/inventory-entry.ts';
import type { TargetPolicy } from '../target.ts';
import type { ClusterPlan } from './cluster-plan-types.ts';
import { computeClusterPlan } from './compute-cluster-plan.ts';
import type { InjectorOptions } from './injector-options.ts';
import { observeCluster } from './observe-cluster.ts';
import { clusterWorkloads, planInjections } from './plan-injections.ts';
import { recordedMembers } from './recorded-members.ts';

interface PlanClusterInput {
  targetId: string;
  desired: Pick<DesiredState, 'kubeObjects' | 'meshMembers'>;
  /** The target's whole inventory: `kube:` objects and the recorded members. */
  inventory: readonly InventoryEntry[];
  /** Live namespace labels, fetched once before the desired step. */
  namespaceLabels: NamespaceLabels;
  injector: InjectorOptions;
  policy: TargetPolicy;
  allowPrune?: boolean;
  /** Files of the tree that did not load: what they held is not pruned. */
  unloadedFiles?: readonly string[];
}

/** Labels a namespace will have: Git's when the set defines it, else the cluster's. */
function effectiveLabels(desired: PlanClusterInput['desired'], live: NamespaceLabels): NamespaceLabels {
  const inGit = new Map(
    desired.kubeObjects
      .filter((d) => d.object.kind === 'Namespace' && d.object.apiVersion === 'v1')
      .map((d) => [
        d.object.metadata.name,
        (d.object.metadata as { labels?: Record<string, string> }).labels ?? {},
      ]),
  );
  return (namespace) => inGit.get(namespace) ?? live(namespace);
}

/** observe the cluster → match workloads to members and compute their injection → the cluster's change set. */
export async function planCluster(cluster: ClusterApi, input: PlanClusterInput): Promise<ClusterPlan> {
  const kubeInventory = entriesOf(input.inventory, 'kube');
  const labels = effectiveLabels(input.desired, input.namespaceLabels);
  const observed = await observeCluster(cluster, {
    desired: input.desired.kubeObjects,
    inventory: kubeInventory,
    // Namespaces that had members too, so injections of removed members are found and taken back.
    members: [...input.desired.meshMembers, ...recordedMembers(input.inventory)],
    namespaceLabels: labels,
  });
  const workloads = clusterWorkloads(input.desired.kubeObjects, observed.workloads);
  const { injections, issues } = planInjections(input.desired.meshMembers, workloads, labels, input.injector);
  return computeClusterPlan({
    targetId: input.targetId,
    desired: input.desired.kubeObjects,
    injections,
    observed: observed.objects,
    liveWorkloads: observed.workloads,
    unserved: observed.unserved,
    inventory: kubeInventory,
    policy: input.policy,
    allowPrune: input.allowPrune,
    unloadedFiles: input.unloadedFiles,
    issues: [...observed.issues, ...issues],
  });
}
