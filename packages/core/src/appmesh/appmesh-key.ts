import type { MeshResourceKind } from '../desired/desired-state.ts';
import { formatKey, parseProviderKey } from '../provider/resource-key.ts';
import { appMeshKinds } from './appmesh-kinds.ts';

/** Where an App Mesh resource is, in the API's own member names. */
export interface MeshResourceIdentity {
  kind: MeshResourceKind;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
}

const parentName = (id: MeshResourceIdentity, parent: 'VirtualRouter' | 'VirtualGateway') =>
  parent === 'VirtualRouter' ? id.virtualRouterName : id.virtualGatewayName;

/**
 * The inventory key of an App Mesh resource: `appmesh:<mesh>/<Kind>/<name>`, with routes and gateway
 * routes under their parent (`appmesh:<mesh>/VirtualRouter/<router>/Route/<route>`).
 */
export function meshResourceKey(id: MeshResourceIdentity): string {
  const facts = appMeshKinds[id.kind];
  const parent = 'parent' in facts ? facts.parent : undefined;
  return formatKey({
    provider: 'appmesh',
    root: id.meshName,
    kind: id.kind,
    name: id.name,
    ...(parent ? { parent: { kind: parent, name: parentName(id, parent) ?? '' } } : {}),
  });
}

/** The identity an App Mesh inventory key encodes (the inverse of meshResourceKey), or undefined. */
export function parseMeshKey(key: string): (MeshResourceIdentity & { key: string }) | undefined {
  const parsed = parseProviderKey<MeshResourceKind>(key, 'appmesh', appMeshKinds);
  if (!parsed) return undefined;
  const id = { key, kind: parsed.kind, meshName: parsed.root, name: parsed.name };
  if (parsed.kind === 'Route') return { ...id, virtualRouterName: parsed.parent!.name };
  if (parsed.kind === 'GatewayRoute') return { ...id, virtualGatewayName: parsed.parent!.name };
  return id;
}

/** The mesh an App Mesh key is in, or undefined for another provider's key. */
export const meshOfKey = (key: string): string | undefined => parseMeshKey(key)?.meshName;
