import type { MeshResourceKind } from '../desired/desired-state.ts';
import type { LatticeResourceKind } from '../lattice/lattice-resource.ts';
import type { ProviderName } from '../provider/resource-key.ts';

/** What every inventory entry records about its last write. */
interface EntryRecord {
  targetId: string;
  /** The entry's resource key in text form (see ResourceKey): unique per target. */
  key: string;
  /** App Mesh resource version, Lattice last-updated time or Kubernetes resourceVersion, as last observed after a write. */
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

/** A cloud provider's resource meshcd created or updated. */
interface CloudResourceEntry extends EntryRecord {
  provider: ProviderName;
  arn: string;
  /**
   * The instance meshcd wrote (App Mesh `metadata.uid`, the Lattice id): a same-named resource with another
   * uid was deleted and re-created by someone else, and is not meshcd's.
   */
  uid?: string;
  /** The instance's creation time, which List shows, so a re-created resource is noticed without Describe. */
  createdAt?: string;
}

export interface AppMeshEntry extends CloudResourceEntry {
  provider: 'appmesh';
  kind: MeshResourceKind;
}

export interface LatticeEntry extends CloudResourceEntry {
  provider: 'lattice';
  kind: LatticeResourceKind;
}

/** A Kubernetes object meshcd applied from Git. */
export interface ClusterObjectEntry extends EntryRecord {
  provider: 'kube';
  apiVersion: string;
  kind: string;
  /** Empty for a cluster-scoped object. */
  namespace: string;
  name: string;
  /** The object's `metadata.uid`: another uid under the same name is someone else's object. */
  uid?: string;
}

/**
 * The injector's memory of one VirtualNode or VirtualGateway object, so a cluster event can recompute one
 * workload's injection without the manifests.
 */
export interface InjectionEntry extends EntryRecord {
  provider: 'injector';
  kind: 'VirtualNode' | 'VirtualGateway';
  namespace: string;
  name: string;
}

/** Where a Lattice target group's targets come from, so a pod event needs no manifests. */
export interface TargetSourceEntry extends EntryRecord {
  provider: 'lattice-targets';
  kind: 'LatticeTargets';
}

/** What meshcd records about one thing it manages or remembers, by where it lives. */
export type InventoryEntry =
  | AppMeshEntry
  | LatticeEntry
  | ClusterObjectEntry
  | InjectionEntry
  | TargetSourceEntry;

/** Where an entry lives: a cloud provider, the cluster, or one of the apply's records. */
export type InventoryProvider = InventoryEntry['provider'];

/** The entries of one provider, typed as that provider's entries. */
export const entriesOf = <P extends InventoryProvider>(
  inventory: readonly InventoryEntry[],
  provider: P,
): Extract<InventoryEntry, { provider: P }>[] =>
  inventory.filter((e): e is Extract<InventoryEntry, { provider: P }> => e.provider === provider);

/** The ARN a cloud provider's entry recorded; cluster objects and the apply's records have none. */
export const recordedArn = (entry: InventoryEntry | undefined): string | undefined =>
  entry?.provider === 'appmesh' || entry?.provider === 'lattice' ? entry.arn : undefined;

/** The instance uid an entry recorded (App Mesh uid, Lattice id, Kubernetes uid), when it has one. */
export const recordedUid = (entry: InventoryEntry | undefined): string | undefined =>
  entry && 'uid' in entry ? entry.uid : undefined;
