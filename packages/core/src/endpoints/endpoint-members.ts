import type { DesiredMeshMember } from '../desired/desired-state.ts';
import { selectorMatches } from '../desired/label-selector.ts';

/** A VirtualNode whose pods are registered somewhere (Cloud Map today, Lattice targets later). */
export type CloudMapMember = DesiredMeshMember & {
  kind: 'VirtualNode';
  cloudMap: { namespaceName: string; serviceName: string; attributes: Array<{ key: string; value: string }> };
};

/** The VirtualNodes using Cloud Map service discovery, with their Cloud Map settings at hand. */
export function cloudMapMembers(members: readonly DesiredMeshMember[]): CloudMapMember[] {
  const out: CloudMapMember[] = [];
  for (const m of members) {
    if (m.kind !== 'VirtualNode') continue;
    const cloudMap = m.crdSpec.serviceDiscovery?.awsCloudMap;
    if (!cloudMap) continue;
    out.push({
      ...m,
      cloudMap: {
        namespaceName: cloudMap.namespaceName,
        serviceName: cloudMap.serviceName,
        attributes: cloudMap.attributes ?? [],
      },
    });
  }
  return out;
}

/**
 * Where a node registers its pods: the node and its Cloud Map service. A node whose namespace or service
 * name changed registers somewhere else, so its old registration is removed like a node that left Git.
 */
export const registrationKey = (m: CloudMapMember): string =>
  `${m.key} ${m.cloudMap.namespaceName}/${m.cloudMap.serviceName}`;

/**
 * The members a pod event concerns: those in the pod's namespace whose selector matches the pod's labels,
 * now or before (a label change moves a pod from one node's endpoints to another's).
 */
export function membersSelectingPod<M extends DesiredMeshMember>(
  members: readonly M[],
  namespace: string,
  labelSets: ReadonlyArray<Readonly<Record<string, string>>>,
): M[] {
  return members.filter(
    (m) => m.namespace === namespace && labelSets.some((labels) => selectorMatches(m.podSelector, labels)),
  );
}
