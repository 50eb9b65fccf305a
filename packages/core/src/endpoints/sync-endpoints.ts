import type { EndpointCluster } from '../cloudmap/cloud-map-session.ts';
import type { EndpointSyncOutcome } from '../cloudmap/sync-cloud-map.ts';
import { resyncCloudMap, syncCloudMapPodEvent } from '../cloudmap/sync-cloud-map-pod-event.ts';
import {
  latticeEndpointOutcomes,
  resyncLatticeTargets,
  syncLatticePodEvent,
} from '../lattice/sync-lattice-pod-event.ts';
import type { CloudMapApi } from '../ports/cloud-map-api.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import type { StateStore } from '../state/state-store.ts';
import type { Target } from '../target.ts';

/**
 * Where a target's endpoints are registered: Cloud Map instances for App Mesh, target group targets for
 * Lattice. Only the port of the target's provider is asked for, so a caller may hand both lazily.
 */
export interface SyncEndpointsInput {
  target: Target;
  cluster: EndpointCluster;
  cloudMapFor?: (target: Target) => Promise<CloudMapApi>;
  latticeFor?: (target: Target) => Promise<LatticeApi>;
  /** Where the last apply recorded the nodes or target groups; a pod event needs no manifests. */
  state: Pick<StateStore, 'listInventory'>;
}

type Pod = { namespace: string; name: string };

/**
 * A pod event's share of endpoint registration, on the target's provider: the nodes (App Mesh) or target
 * groups (Lattice) the pod concerns, each synced whole against the live pods. Without the provider's port
 * there is nothing to sync.
 */
export async function syncPodEvent(input: SyncEndpointsInput & { pod: Pod }): Promise<EndpointSyncOutcome[]> {
  const { target, cluster, state, pod } = input;
  if (target.provider === 'lattice') {
    const api = await input.latticeFor?.(target);
    if (!api) return [];
    return latticeEndpointOutcomes(
      await syncLatticePodEvent({ targetId: target.id, cluster, api, state, pod }),
    );
  }
  const cloudMap = await input.cloudMapFor?.(target);
  return cloudMap ? syncCloudMapPodEvent({ target, cluster, cloudMap, state, pod }) : [];
}

/** The scheduled full resync on the target's provider: every recorded node or target group against the live pods. */
export async function resyncEndpoints(input: SyncEndpointsInput): Promise<EndpointSyncOutcome[]> {
  const { target, cluster, state } = input;
  if (target.provider === 'lattice') {
    const api = await input.latticeFor?.(target);
    if (!api) return [];
    return latticeEndpointOutcomes(await resyncLatticeTargets({ targetId: target.id, cluster, api, state }));
  }
  const cloudMap = await input.cloudMapFor?.(target);
  return cloudMap ? resyncCloudMap({ target, cluster, cloudMap, state }) : [];
}
