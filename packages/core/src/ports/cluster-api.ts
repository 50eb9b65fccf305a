/** One workload in a cluster, as a cluster event names it. */
export interface WorkloadRef {
  cluster?: string;
  namespace: string;
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  name: string;
}

/**
 * The cluster side's port, as far as event handling needs it: a targeted check of one workload
 * (sidecar injection, ownership) after a cluster event, instead of a whole reconcile.
 */
export interface ClusterApi {
  checkWorkload(ref: WorkloadRef): Promise<void>;
}
