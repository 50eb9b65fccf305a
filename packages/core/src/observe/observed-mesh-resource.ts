import type { MeshResourceKind } from '../desired/desired-state.ts';

/** One App Mesh resource as observed: List gives identity and version; spec and tags only when fetched. */
export interface ObservedMeshResource {
  kind: MeshResourceKind;
  /** Inventory key, built the same way as the desired one (see meshResourceKey). */
  key: string;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
  arn: string;
  version: number;
  /** When this instance was created (ISO-8601); List carries it, and a re-created resource gets a new one. */
  createdAt?: string;
  /** The instance's unique id (`metadata.uid`); only Describe and the write calls return it. */
  uid?: string;
  meshOwner: string;
  resourceOwner: string;
  /** The spec from Describe; absent when the version matched the inventory and Describe was skipped. */
  spec?: unknown;
  /** Tags from ListTagsForResource; fetched only when ownership is in question. */
  tags?: Record<string, string>;
  /**
   * Not listed: a push left its parent's children unlisted (see ObserveScope), and this is the inventory's
   * record standing in for it. Never the basis of a write.
   */
  fromInventory?: true;
}
