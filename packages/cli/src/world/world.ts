import type { MeshApi, NamespaceLabels, StateStore, Target } from '@meshcd/core';

/** Everything a command needs to reconcile one target: the ports, the target, and how to let go of them. */
export interface World {
  target: Target;
  mesh: MeshApi;
  state: StateStore;
  namespaceLabels?: NamespaceLabels;
  /** Where the commands are writing, for humans. */
  description: string;
  close(): Promise<void>;
}
