import { type CloudMapMember, membersSelectingPod } from '../endpoints/endpoint-members.ts';
import { cloudMapAttributes as attr } from './cloud-map-options.ts';
import type { CloudMapSession } from './cloud-map-session.ts';
import { inSubset } from './instance-attributes.ts';

/**
 * The VirtualNodes one pod event concerns, so only their services are touched: those whose selector
 * matches the pod as it is now, and those holding an instance registered for this pod (it was deleted,
 * or its labels moved it to another node). Reads only; nodes of other namespaces are never looked at.
 */
export async function membersForPodEvent(
  session: CloudMapSession,
  members: readonly CloudMapMember[],
  pod: { namespace: string; name: string },
): Promise<CloudMapMember[]> {
  const inNamespace = members.filter((m) => m.namespace === pod.namespace);
  if (inNamespace.length === 0) return [];
  const live = await session.cluster.get({
    apiVersion: 'v1',
    kind: 'Pod',
    namespace: pod.namespace,
    name: pod.name,
  });
  const labels = (live?.metadata.labels as Record<string, string> | undefined) ?? undefined;
  const selecting = new Set(labels ? membersSelectingPod(inNamespace, pod.namespace, [labels]) : []);
  const holding = await Promise.all(
    inNamespace
      .filter((m) => !selecting.has(m))
      .map(async (m) => {
        // A node whose service cannot be resolved holds nothing this event could change.
        const resolved = await session.resolve(m).catch(() => undefined);
        if (!resolved) return undefined;
        const { service } = resolved;
        const instances = await session.instancesOf(service.id);
        const holds = instances.some(
          (i) =>
            inSubset(m, i.attributes) &&
            i.attributes[attr.pod] === pod.name &&
            i.attributes[attr.namespace] === pod.namespace,
        );
        return holds ? m : undefined;
      }),
  );
  return [...selecting, ...holding.filter((m): m is CloudMapMember => m !== undefined)];
}
