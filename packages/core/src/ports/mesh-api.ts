import type { DesiredMeshResource } from '../desired/desired-state.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';

/**
 * The MeshApi port: App Mesh as the engine needs it. The adapter (packages/appmesh) owns paging,
 * throttling, retries and error mapping; a later target (VPC Lattice) would implement the same port.
 */
export interface MeshApi {
  /** Meshes visible to the caller (own and shared with it), one List call per page. */
  listMeshes(): Promise<ObservedMeshResource[]>;
  /**
   * Every resource inside one mesh, routes and gateway routes included; List calls only. With
   * `listChildren`, the routes of a router (gateway routes of a gateway) it answers false for are left out.
   */
  listMeshResources(
    meshName: string,
    meshOwner?: string,
    options?: { listChildren?: (parent: ObservedMeshResource) => boolean },
  ): Promise<ObservedMeshResource[]>;
  /** The resource with its spec, or undefined when it does not exist. */
  describe(resource: ObservedMeshResource): Promise<ObservedMeshResource | undefined>;
  listTags(arn: string): Promise<Record<string, string>>;
  tag(arn: string, tags: Record<string, string>): Promise<void>;
  create(
    desired: DesiredMeshResource,
    options: WriteOptions & { tags: Record<string, string> },
  ): Promise<ObservedMeshResource>;
  update(desired: DesiredMeshResource, options: WriteOptions): Promise<ObservedMeshResource>;
  /** Deletes; a resource that is already gone counts as deleted. */
  delete(resource: ObservedMeshResource): Promise<void>;
}

export interface WriteOptions {
  /** Stable per (target, change, revision): a retried or replayed write is idempotent. */
  clientToken: string;
  /** Mesh owner account when the mesh is shared. */
  meshOwner?: string;
}
