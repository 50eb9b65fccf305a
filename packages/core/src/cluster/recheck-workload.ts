import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { kubeKey } from '../desired/inventory-key.ts';
import { appliedFieldDiffs } from '../plan/diff-spec.ts';
import type { ClusterApi, WorkloadRef } from '../ports/cluster-api.ts';
import { applyInjection } from './apply-injection.ts';
import { injectionMarkOf, injectorFieldManager } from './cluster-ownership.ts';
import type { ClusterIssue } from './cluster-workload.ts';
import { injectionBody, injectionMark } from './injection-body.ts';
import type { InjectorOptions } from './injector-options.ts';
import { clusterNamespaceLabels } from './observe-cluster.ts';
import { liveWorkload, planInjections } from './plan-injections.ts';
import { isWorkloadKind } from './pod-template.ts';

type RecheckOutcome = 'in-sync' | 'injected' | 'removed' | 'not-found' | 'not-a-workload' | 'refused';

/**
 * The targeted check a cluster event triggers: one workload, against the members the last apply recorded,
 * with no App Mesh call. Restores an injection someone removed, brings a new workload's pods into the
 * mesh, and takes back an injection that no longer applies.
 */
export async function recheckWorkload(
  cluster: ClusterApi,
  ref: WorkloadRef,
  members: readonly DesiredMeshMember[],
  options: InjectorOptions,
): Promise<{ outcome: RecheckOutcome; issues: ClusterIssue[] }> {
  if (!isWorkloadKind(ref.kind)) return { outcome: 'not-a-workload', issues: [] };
  const apiVersion = ref.group ? `${ref.group}/v1` : 'v1';
  const live = await cluster.get({ apiVersion, kind: ref.kind, namespace: ref.namespace, name: ref.name });
  const workload = live ? liveWorkload(live) : undefined;
  if (!live || !workload) return { outcome: 'not-found', issues: [] };
  const labels = await clusterNamespaceLabels(cluster);
  const { injections, issues } = planInjections(members, [workload], labels, options);
  if (issues.some((i) => i.severity === 'error')) return { outcome: 'refused', issues };
  const planned = injections.get(kubeKey(workload.namespace, ref.group, ref.kind, ref.name));
  const mark = injectionMarkOf(live);
  if (!planned) {
    if (mark === undefined) return { outcome: 'in-sync', issues };
    await cluster.apply(injectionBody(workload, undefined), { fieldManager: injectorFieldManager });
    return { outcome: 'removed', issues };
  }
  const body = injectionBody(workload, planned.injection);
  if (mark === injectionMark(planned.injection) && appliedFieldDiffs(body, live).length === 0)
    return { outcome: 'in-sync', issues };
  await applyInjection(cluster, body);
  return { outcome: 'injected', issues };
}
