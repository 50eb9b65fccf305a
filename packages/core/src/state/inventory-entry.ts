import type { MeshResourceKind } from '../desired/desired-state.ts';

/** What meshcd records about one resource it manages, App Mesh or cluster. */
export interface InventoryEntry {
  targetId: string;
  /** `appmesh:<mesh>/<Kind>/<name>…` or `kube:<namespace>/<group>/<Kind>/<name>`. */
  key: string;
  /** App Mesh kind, or the Kubernetes kind for cluster objects. */
  kind: MeshResourceKind | string;
  /** ARN for App Mesh resources; `<apiVersion>/<kind>` self-description for cluster objects. */
  arn?: string;
  /**
   * The instance meshcd wrote (App Mesh `metadata.uid`, Kubernetes `metadata.uid`): a same-named resource with
   * another uid was deleted and re-created by someone else, and is not meshcd's.
   */
  uid?: string;
  /** App Mesh: the instance's creation time, which List shows, so a re-created resource is noticed without Describe. */
  createdAt?: string;
  /** App Mesh resource version, or the Kubernetes resourceVersion, as last observed after a write. */
  version: number | string;
  /** Stable hash of the normalised last-applied spec: a changed hash means the desired spec changed. */
  specHash: string;
  /** The last-applied spec itself, for field-level drift. */
  lastAppliedSpec: unknown;
  /** The manifest file (path in the tree) the last write came from: its resources are not pruned while it fails to load. */
  sourceFile?: string;
  /** The git revision the last write came from. */
  sourceRevision: string;
  /** ISO-8601 time of the last write. */
  updatedAt: string;
}
