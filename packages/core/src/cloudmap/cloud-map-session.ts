import { type CloudMapMember, membersSelectingPod } from '../endpoints/endpoint-members.ts';
import { type PodEndpoint, podEndpoint } from '../endpoints/pod-endpoint.ts';
import type { CloudMapApi, CloudMapHealth, CloudMapInstance } from '../ports/cloud-map-api.ts';
import type { ClusterApi } from '../ports/cluster-api.ts';
import type { CloudMapOptions } from './cloud-map-options.ts';
import { type ResolvedService, serviceResolver } from './ensure-cloud-map-service.ts';
import { type NodeTopology, nodeTopology } from './instance-attributes.ts';

/** The cluster calls endpoint registration makes. */
export type EndpointCluster = Pick<ClusterApi, 'get' | 'list' | 'setPodCondition'>;

/**
 * What one sync reads, each at most once: a namespace's pods, the nodes' topology, a service's
 * instances and health. Members sharing a service or a namespace share the reads.
 */
export class CloudMapSession {
  readonly resolve: (member: CloudMapMember) => Promise<ResolvedService>;
  private readonly pods = new Map<string, Promise<PodEndpoint[]>>();
  private readonly instances = new Map<string, Promise<CloudMapInstance[]>>();
  private readonly healths = new Map<string, Promise<Record<string, CloudMapHealth>>>();
  private topology?: Promise<Map<string, NodeTopology>>;

  constructor(
    readonly cluster: EndpointCluster,
    readonly cloudMap: CloudMapApi,
    readonly targetId: string,
    readonly options: CloudMapOptions,
  ) {
    this.resolve = serviceResolver(cloudMap, targetId, options);
  }

  /** The endpoints among a namespace's pods (terminating and IP-less pods are none). */
  podsIn(namespace: string): Promise<PodEndpoint[]> {
    let found = this.pods.get(namespace);
    if (!found) {
      found = this.cluster
        .list({ apiVersion: 'v1', kind: 'Pod', namespace })
        .then((pods) => pods.map(podEndpoint).filter((p): p is PodEndpoint => p !== undefined));
      this.pods.set(namespace, found);
    }
    return found;
  }

  /** The endpoints among the pods a node selects in its namespace; none without a selector. */
  async podsOf(member: CloudMapMember): Promise<PodEndpoint[]> {
    if (!member.podSelector) return [];
    const pods = await this.podsIn(member.namespace);
    return pods.filter((p) => membersSelectingPod([member], p.namespace, [p.labels]).length > 0);
  }

  /** Region and zone per node name; empty when nodes cannot be listed (the controller carried on too). */
  nodes(): Promise<Map<string, NodeTopology>> {
    this.topology ??= this.cluster
      .list({ apiVersion: 'v1', kind: 'Node' })
      .then(
        (nodes) =>
          new Map(
            nodes.map((n) => [
              n.metadata.name,
              nodeTopology((n.metadata.labels as Record<string, string> | undefined) ?? {}),
            ]),
          ),
      )
      .catch(() => new Map());
    return this.topology;
  }

  instancesOf(serviceId: string): Promise<CloudMapInstance[]> {
    let found = this.instances.get(serviceId);
    if (!found) {
      found = this.cloudMap.listInstances(serviceId);
      this.instances.set(serviceId, found);
    }
    return found;
  }

  healthOf(serviceId: string): Promise<Record<string, CloudMapHealth>> {
    let found = this.healths.get(serviceId);
    if (!found) {
      found = this.cloudMap.health(serviceId);
      this.healths.set(serviceId, found);
    }
    return found;
  }
}
