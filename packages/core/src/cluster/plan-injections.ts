import type { DesiredKubeObject, DesiredMeshMember } from '../desired/desired-state.ts';
import { kubeKeyOf } from '../desired/inventory-key.ts';
import type { NamespaceLabels } from '../desired/mesh-membership.ts';
import { objectLabel } from '../manifests/manifest-object.ts';
import type { KubeLiveObject } from '../ports/cluster-api.ts';
import { injectorFieldManager } from './cluster-ownership.ts';
import type { ClusterIssue, ClusterWorkload } from './cluster-workload.ts';
import { computeInjection, type Injection } from './compute-injection.ts';
import { InvalidPodAnnotation } from './injection-annotations.ts';
import type { InjectorOptions } from './injector-options.ts';
import { matchWorkloads } from './match-workloads.ts';
import { isWorkloadKind, podTemplateOf } from './pod-template.ts';
import { withoutManagerFields } from './without-manager-fields.ts';

export type LiveObject = KubeLiveObject;

/** A live workload as injection sees it: its template without the fields only the injector owns. */
export function liveWorkload(object: LiveObject): ClusterWorkload | undefined {
  if (!isWorkloadKind(object.kind)) return undefined;
  const namespace = object.metadata.namespace ?? 'default';
  return {
    key: kubeKeyOf(object, namespace),
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace,
    name: object.metadata.name,
    template: podTemplateOf(withoutManagerFields(object, injectorFieldManager)),
  };
}

/**
 * The workloads injection considers: those in Git with the template Git gives them (the owner's intent,
 * also before they exist), and the cluster's others as their owners left them.
 */
export function clusterWorkloads(
  desired: readonly DesiredKubeObject[],
  live: readonly LiveObject[],
): ClusterWorkload[] {
  const byKey = new Map<string, ClusterWorkload>();
  for (const object of live) {
    const w = liveWorkload(object);
    if (w) byKey.set(w.key, w);
  }
  for (const d of desired) {
    if (!isWorkloadKind(d.object.kind)) continue;
    const namespace = (d.object.metadata as { namespace?: string }).namespace ?? 'default';
    byKey.set(d.key, {
      key: d.key,
      apiVersion: d.object.apiVersion,
      kind: d.object.kind,
      namespace,
      name: d.object.metadata.name,
      template: podTemplateOf(d.object),
      source: d.source,
    });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A refused pod annotation in the one-line diagnostic form: for a workload from Git, the file, line and
 * column of the annotation, the object and the field; for one only the cluster holds, the object and the
 * annotation.
 */
function annotationRefusal(workload: ClusterWorkload, error: InvalidPodAnnotation): string {
  const annotation = `appmesh.k8s.aws/${error.annotation}`;
  const object = objectLabel(workload);
  if (!workload.source)
    return `${object} (in the cluster, not in Git) annotation ${annotation}: ${error.message}`;
  const at = workload.source.podAnnotations?.[annotation] ?? workload.source.location;
  const field = `spec.template.metadata.annotations["${annotation}"]`;
  return `${at.file}:${at.line}:${at.column}: ${object} ${field}: ${error.message}`;
}

export interface PlannedInjection {
  workload: ClusterWorkload;
  injection: Injection;
}

/** The injection each workload should carry, and what stops one (two members, a bad annotation). */
export function planInjections(
  members: readonly DesiredMeshMember[],
  workloads: readonly ClusterWorkload[],
  namespaceLabels: NamespaceLabels,
  options: InjectorOptions,
): { injections: Map<string, PlannedInjection>; issues: ClusterIssue[] } {
  const { matches, issues } = matchWorkloads(members, workloads, namespaceLabels);
  const injections = new Map<string, PlannedInjection>();
  for (const { workload, member } of matches) {
    try {
      injections.set(workload.key, {
        workload,
        injection: computeInjection(member, workload.template, options),
      });
    } catch (error) {
      if (!(error instanceof InvalidPodAnnotation)) throw error;
      issues.push({
        severity: 'error',
        code: 'invalid-pod-annotation',
        key: workload.key,
        message: annotationRefusal(workload, error),
      });
    }
  }
  return { injections, issues };
}
