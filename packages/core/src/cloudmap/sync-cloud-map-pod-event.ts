import { recordedMembers } from '../cluster/recorded-members.ts';
import { cloudMapMembers } from '../endpoints/endpoint-members.ts';
import type { CloudMapApi } from '../ports/cloud-map-api.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';
import { cloudMapOptions } from './cloud-map-options.ts';
import { CloudMapSession, type EndpointCluster } from './cloud-map-session.ts';
import { membersForPodEvent } from './pod-event-members.ts';
import { type EndpointSyncOutcome, syncCloudMap } from './sync-cloud-map.ts';

export interface SyncCloudMapInput {
  target: Target;
  pod: { namespace: string; name: string };
  cluster: EndpointCluster;
  cloudMap: CloudMapApi;
  /** Where the last apply recorded the VirtualNodes; a pod event needs no manifests. */
  state: Pick<StateStore, 'listInventory'>;
}

/**
 * A pod event's share of endpoint registration: the VirtualNodes the last apply recorded, narrowed to
 * those the pod concerns, each synced whole against the live pods (so a duplicate, late or out-of-order
 * event converges to the same instances).
 */
export async function syncCloudMapPodEvent(input: SyncCloudMapInput): Promise<EndpointSyncOutcome[]> {
  const members = cloudMapMembers(recordedMembers(await input.state.listInventory(input.target.id)));
  if (!members.some((m) => m.namespace === input.pod.namespace)) return [];
  const options = cloudMapOptions(input.target.cloudMap);
  const session = new CloudMapSession(input.cluster, input.cloudMap, input.target.id, options);
  const affected = await membersForPodEvent(session, members, input.pod);
  return syncCloudMap({
    targetId: input.target.id,
    cluster: input.cluster,
    cloudMap: input.cloudMap,
    members: affected,
    options,
    session,
  });
}

/** The scheduled full resync: every recorded Cloud Map node against the live pods, repairing missed events. */
export async function resyncCloudMap(input: Omit<SyncCloudMapInput, 'pod'>): Promise<EndpointSyncOutcome[]> {
  const members = cloudMapMembers(recordedMembers(await input.state.listInventory(input.target.id)));
  if (members.length === 0) return [];
  return syncCloudMap({
    targetId: input.target.id,
    cluster: input.cluster,
    cloudMap: input.cloudMap,
    members,
    options: cloudMapOptions(input.target.cloudMap),
  });
}
