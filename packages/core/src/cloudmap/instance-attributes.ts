import type { CloudMapMember } from '../endpoints/endpoint-members.ts';
import type { PodEndpoint } from '../endpoints/pod-endpoint.ts';
import { cloudMapAttributes as attr } from './cloud-map-options.ts';

/** Region and zone of a cluster node, from its topology labels. */
export interface NodeTopology {
  region?: string;
  zone?: string;
}

/**
 * The attributes of a pod's instance, later entries overriding earlier ones as in the controller: the
 * pod's labels, the node's `awsCloudMap.attributes`, the address and the first listener's port, the
 * pod and namespace, the mesh and node names, and the region and zone of the pod's node when known.
 * AWS_INIT_HEALTH_STATUS is decided at registration (see planInstances). A node without listeners has
 * no port, where the controller panicked.
 */
export function instanceAttributes(
  member: CloudMapMember,
  pod: PodEndpoint,
  options: { ipv6: boolean },
  topology: NodeTopology | undefined,
): Record<string, string> {
  const out: Record<string, string> = { ...pod.labels };
  for (const { key, value } of member.cloudMap.attributes) out[key] = value;
  out[options.ipv6 ? attr.ipv6 : attr.ipv4] = pod.ip;
  const port = member.listeners[0]?.port;
  if (port !== undefined) out[attr.port] = String(port);
  out[attr.pod] = pod.podName;
  out[attr.namespace] = pod.namespace;
  out[attr.mesh] = member.meshName;
  out[attr.virtualNode] = member.name;
  if (topology?.region) out[attr.region] = topology.region;
  if (topology?.zone) out[attr.zone] = topology.zone;
  return out;
}

/** Whether an instance belongs to this node's subset of a (possibly shared) Cloud Map service. */
export const inSubset = (member: CloudMapMember, attributes: Readonly<Record<string, string>>): boolean =>
  attributes[attr.mesh] === member.meshName && attributes[attr.virtualNode] === member.name;

const regionLabels = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const zoneLabels = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** A node's region and zone from its labels (the GA label first, then the beta one). */
export function nodeTopology(labels: Readonly<Record<string, string>>): NodeTopology {
  const region = regionLabels.map((l) => labels[l]).find(Boolean);
  const zone = zoneLabels.map((l) => labels[l]).find(Boolean);
  return { region, zone };
}
