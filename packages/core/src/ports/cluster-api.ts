/** One workload in a cluster, as a cluster event names it. */
export interface WorkloadRef {
  cluster?: string;
  namespace: string;
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  name: string;
}

/** A cluster object as the API server returns it. */
export type KubeLiveObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string } & Record<string, unknown>;
};

/** Names one object; `namespace` absent for cluster-scoped kinds. */
export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface KubeListQuery {
  apiVersion: string;
  kind: string;
  /** All namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
}

/**
 * The cluster side's port, pure I/O. The adapter (packages/kube) owns the client, authentication, paging
 * and error mapping; the core decides what to apply, inject and prune (the targeted workload check after a
 * cluster event is the core's workloadChecker over this port).
 */
export interface ClusterApi {
  /** Every namespace with its labels: mesh membership and injection modes of namespaces not in Git. */
  listNamespaces(): Promise<Array<{ name: string; labels: Record<string, string> }>>;
  /** The object, or undefined when it does not exist. */
  get(ref: KubeObjectRef): Promise<KubeLiveObject | undefined>;
  list(query: KubeListQuery): Promise<KubeLiveObject[]>;
  /**
   * Server-side apply with `force`: the applied fields become `fieldManager`'s. Returns the live object.
   * `dryRun` asks the API server to admit and validate the object without storing it (`dryRun=All`).
   */
  apply(
    body: Record<string, unknown>,
    options: { fieldManager: string; dryRun?: boolean },
  ): Promise<KubeLiveObject>;
  /** Deletes; an object that is already gone counts as deleted. */
  delete(ref: KubeObjectRef): Promise<void>;
  /**
   * Sets one condition in a pod's status through the status subresource, as the owner of a readiness
   * gate does; a pod that is gone is left alone.
   */
  setPodCondition(
    pod: { namespace: string; name: string },
    condition: { type: string; status: 'True' | 'False' },
  ): Promise<void>;
  /** A description of an appmesh-controller found running in the cluster, or undefined. */
  detectMeshController(): Promise<string | undefined>;
}
