import type { ClusterApi, WorkloadRef } from '../ports/cluster-api.ts';
import type { InventoryStore } from '../state/state-store.ts';
import type { InjectorOptions } from './injector-options.ts';
import { recheckWorkload } from './recheck-workload.ts';
import { recordedMembers } from './recorded-members.ts';

/** The targeted check of one workload (sidecar injection) after a cluster event, instead of a whole reconcile. */
export interface WorkloadChecker {
  checkWorkload(ref: WorkloadRef): Promise<void>;
}

/**
 * The workload check of one target: the members its last apply recorded decide the injection. A use case
 * over the ClusterApi port, which stays pure I/O.
 */
export function workloadChecker(
  cluster: ClusterApi,
  injection: { targetId: string; state: Pick<InventoryStore, 'listInventory'>; injector: InjectorOptions },
): WorkloadChecker {
  return {
    async checkWorkload(ref) {
      const members = recordedMembers(await injection.state.listInventory(injection.targetId));
      await recheckWorkload(cluster, ref, members, injection.injector);
    },
  };
}
