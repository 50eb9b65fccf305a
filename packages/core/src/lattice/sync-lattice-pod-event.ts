import type { EndpointCluster } from '../cloudmap/cloud-map-session.ts';
import type { EndpointSyncOutcome } from '../cloudmap/sync-cloud-map.ts';
import type { LatticeApi } from '../ports/lattice-api.ts';
import { recordedUid } from '../state/inventory-entry.ts';
import type { StateStore } from '../state/state-store.ts';
import { recordedTargetGroups, syncLatticeTargets, type TargetSyncOutcome } from './sync-lattice-targets.ts';

export interface SyncLatticeTargetsInput {
  targetId: string;
  cluster: Pick<EndpointCluster, 'list'>;
  api: LatticeApi;
  /** Where the last apply recorded the target groups and their pod sources; a pod event needs no manifests. */
  state: Pick<StateStore, 'listInventory'>;
}

/** Target group key → its Lattice id, as the inventory recorded it. */
const idsOf = (inventory: Awaited<ReturnType<StateStore['listInventory']>>) => {
  const ids = new Map(inventory.flatMap((e) => (recordedUid(e) ? [[e.key, recordedUid(e)!] as const] : [])));
  return (key: string) => ids.get(key);
};

/**
 * A pod event's share of target registration: the target groups whose pods live in the pod's namespace, each
 * synced whole against the live pods. A pod that is gone has no labels left to match, and a relabelled one
 * may have left a group, so every group of the namespace is looked at: groups elsewhere are never touched.
 */
export async function syncLatticePodEvent(
  input: SyncLatticeTargetsInput & { pod: { namespace: string; name: string } },
): Promise<TargetSyncOutcome[]> {
  const inventory = await input.state.listInventory(input.targetId);
  const groups = recordedTargetGroups(inventory).filter(
    (g) => g.source.from === 'pods' && g.source.namespace === input.pod.namespace,
  );
  if (groups.length === 0) return [];
  return syncLatticeTargets({ api: input.api, cluster: input.cluster, groups, idOf: idsOf(inventory) });
}

/** The scheduled full resync: every recorded target group against the live pods, repairing missed events. */
export async function resyncLatticeTargets(input: SyncLatticeTargetsInput): Promise<TargetSyncOutcome[]> {
  const inventory = await input.state.listInventory(input.targetId);
  const groups = recordedTargetGroups(inventory);
  if (groups.length === 0) return [];
  return syncLatticeTargets({ api: input.api, cluster: input.cluster, groups, idOf: idsOf(inventory) });
}

/**
 * Target group syncs in the shape the cluster-event path reports endpoint syncs in: the member is the target
 * group, the service its Lattice id.
 */
export const latticeEndpointOutcomes = (outcomes: readonly TargetSyncOutcome[]): EndpointSyncOutcome[] =>
  outcomes.map((o) => ({
    member: o.group,
    namespaceName: 'vpc-lattice',
    serviceName: o.targetGroupId ?? o.group,
    serviceId: o.targetGroupId || undefined,
    status: o.status,
    registered: o.registered,
    deregistered: o.deregistered,
    healthReported: 0,
    gatesOpened: 0,
    error: o.error || undefined,
  }));
