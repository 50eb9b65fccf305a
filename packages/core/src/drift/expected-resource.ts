import type { MeshResourceKind } from '../desired/desired-state.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';

/**
 * What drift is measured against, for one App Mesh resource: a desired resource from a manifest tree, or
 * what meshcd last applied (rebuilt from the inventory). A DesiredMeshResource is one as it stands.
 */
export interface ExpectedMeshResource {
  key: string;
  kind: MeshResourceKind;
  meshName: string;
  name: string;
  virtualRouterName?: string;
  virtualGatewayName?: string;
  meshOwner?: string;
  spec: unknown;
}

const kinds = new Set<string>([
  'Mesh',
  'VirtualNode',
  'VirtualRouter',
  'Route',
  'VirtualService',
  'VirtualGateway',
  'GatewayRoute',
]);

/** The identity an App Mesh inventory key encodes (the inverse of meshResourceKey), or undefined. */
export function parseMeshKey(key: string): Omit<ExpectedMeshResource, 'spec' | 'meshOwner'> | undefined {
  if (!key.startsWith('appmesh:')) return undefined;
  const parts = key.slice('appmesh:'.length).split('/');
  const [meshName, kind, name, childKind, childName] = parts;
  if (!meshName || !kind || !name || !kinds.has(kind)) return undefined;
  if (parts.length === 3) return { key, kind: kind as MeshResourceKind, meshName, name };
  if (parts.length !== 5 || !childName) return undefined;
  if (kind === 'VirtualRouter' && childKind === 'Route')
    return { key, kind: 'Route', meshName, name: childName, virtualRouterName: name };
  if (kind === 'VirtualGateway' && childKind === 'GatewayRoute')
    return { key, kind: 'GatewayRoute', meshName, name: childName, virtualGatewayName: name };
  return undefined;
}

/**
 * The last applied state of a target's App Mesh resources, from the inventory: what `meshcd drift`
 * without a manifest tree compares against (as CloudFormation compares with the last deployed template).
 */
export function expectedFromInventory(
  inventory: readonly InventoryEntry[],
  meshOwner?: string,
): ExpectedMeshResource[] {
  return inventory.flatMap((e) => {
    const id = parseMeshKey(e.key);
    return id
      ? [{ ...id, ...(meshOwner && id.kind !== 'Mesh' ? { meshOwner } : {}), spec: e.lastAppliedSpec }]
      : [];
  });
}
