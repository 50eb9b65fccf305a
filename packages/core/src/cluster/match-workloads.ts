import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { selectorMatches } from '../desired/label-selector.ts';
import type { NamespaceLabels } from '../desired/mesh-membership.ts';
import type { ClusterIssue, ClusterWorkload } from './cluster-workload.ts';
import { injectionMode } from './injection-annotations.ts';
import { podAnnotation } from './pod-template.ts';

interface WorkloadMatch {
  workload: ClusterWorkload;
  member: DesiredMeshMember;
}

const webhookLabel = 'appmesh.k8s.aws/sidecarInjectorWebhook';
const describe = (m: DesiredMeshMember) => `${m.kind} ${m.namespace}/${m.objectName}`;

/**
 * Which VirtualNode or VirtualGateway each workload's pods belong to, decided as the controller's pod
 * webhook does (§5.1): only namespaces labelled for injection are considered (an unlabelled namespace
 * never reaches the webhook); the pod annotation overrides the namespace's mode; `disabled` opts out;
 * the members of the workload's own namespace whose podSelector matches the pod labels, exactly one.
 */
export function matchWorkloads(
  members: readonly DesiredMeshMember[],
  workloads: readonly ClusterWorkload[],
  namespaceLabels: NamespaceLabels,
): { matches: WorkloadMatch[]; issues: ClusterIssue[] } {
  const matches: WorkloadMatch[] = [];
  const issues: ClusterIssue[] = [];
  for (const workload of workloads) {
    const nsLabel = namespaceLabels(workload.namespace)?.[webhookLabel];
    if (nsLabel === undefined) continue;
    const annotation = podAnnotation(workload.template, 'sidecarInjectorWebhook');
    const mode = injectionMode(annotation ?? nsLabel);
    if (mode === 'disabled') continue;
    const labels = workload.template.metadata?.labels ?? {};
    const found = members.filter(
      (m) => m.namespace === workload.namespace && selectorMatches(m.podSelector, labels),
    );
    if (found.length === 1) {
      matches.push({ workload, member: found[0]! });
    } else if (found.length > 1) {
      issues.push({
        severity: 'error',
        code: 'multiple-matching-members',
        key: workload.key,
        message: `${workload.kind} ${workload.namespace}/${workload.name}: its pods match ${found.map(describe).join(' and ')}; exactly one VirtualNode or VirtualGateway may select them`,
      });
    } else if (mode === 'enabled') {
      // The controller would deny these pods; without a webhook they run without a proxy, so say so.
      issues.push({
        severity: 'warning',
        code: 'injection-without-match',
        key: workload.key,
        message: `${workload.kind} ${workload.namespace}/${workload.name}: sidecar injection is enabled but no VirtualNode or VirtualGateway selects its pods`,
      });
    }
  }
  return { matches, issues };
}
