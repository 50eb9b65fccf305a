import type {
  CloudMapApi,
  ClusterApi,
  LatticeApi,
  MeshApi,
  NamespaceLabels,
  StateStore,
  Target,
} from '@meshcd/core';

/** Everything a command needs to reconcile one target: the ports, the target, and how to let go of them. */
export interface World {
  target: Target;
  mesh: MeshApi;
  state: StateStore;
  /** The cluster the target's plain objects and sidecars go to; App Mesh only when absent. */
  cluster?: ClusterApi;
  /** Cloud Map, where the pods of Cloud Map nodes are registered. */
  cloudMap?: CloudMapApi;
  namespaceLabels?: NamespaceLabels;
  /** VPC Lattice, when the target's provider is `lattice`: its manifests go there and never to App Mesh. */
  lattice?: LatticeApi;
  /** Where the commands are writing, for humans. */
  description: string;
  close(): Promise<void>;
}
