import type { ResourceKind } from './resource-kinds.ts';

export interface TagRef {
  key: string;
  value: string;
}

/** One live App Mesh resource. Deleted resources are removed: Describe and List then behave as if it never existed. */
export interface StoredResource {
  kind: ResourceKind;
  meshOwner: string;
  meshName: string;
  /** The router of a route, the gateway of a gateway route. */
  parentName?: string;
  name: string;
  resourceOwner: string;
  arn: string;
  uid: string;
  version: number;
  /** Epoch seconds with a fractional part, as the service returns them. */
  createdAt: number;
  lastUpdatedAt: number;
  spec: Record<string, unknown>;
  tags: TagRef[];
}

/** A remembered clientToken: what the request looked like, and what it answered. */
export interface TokenRecord {
  fingerprint: string;
  result: unknown;
}

/** Everything the emulator knows; plain JSON so it snapshots, restores and persists as is. */
export interface AppMeshState {
  /** Keyed by {@link resourceKey}. */
  resources: Record<string, StoredResource>;
  /** Mesh key (`owner/meshName`) → consumer accounts the mesh is shared with. */
  shares: Record<string, string[]>;
  tokens: Record<string, TokenRecord>;
}

export const emptyState = (): AppMeshState => ({ resources: {}, shares: {}, tokens: {} });

export const meshKey = (meshOwner: string, meshName: string): string => `${meshOwner}/${meshName}`;

/**
 * Names cannot contain `/` (validated before any lookup), so joining with it is unambiguous.
 * The key follows the name scopes: per mesh and kind, routes per router, gateway routes per gateway.
 */
export function resourceKey(
  kind: ResourceKind,
  meshOwner: string,
  meshName: string,
  name: string,
  parentName?: string,
): string {
  if (kind === 'mesh') return meshKey(meshOwner, meshName);
  return `${meshKey(meshOwner, meshName)}/${kind}/${parentName ?? ''}/${name}`;
}

export const keyOf = (r: StoredResource): string =>
  resourceKey(r.kind, r.meshOwner, r.meshName, r.name, r.parentName);

/** Resources of one kind inside a mesh (and under one parent when given). */
export function childrenOf(
  state: AppMeshState,
  meshOwner: string,
  meshName: string,
  kind: ResourceKind,
  parentName?: string,
): StoredResource[] {
  return Object.values(state.resources).filter(
    (r) =>
      r.kind === kind &&
      r.meshOwner === meshOwner &&
      r.meshName === meshName &&
      (parentName === undefined || r.parentName === parentName),
  );
}

export const cloneState = (state: AppMeshState): AppMeshState => structuredClone(state);
