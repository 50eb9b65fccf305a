import { parseMeshKey } from '../appmesh/appmesh-key.ts';
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
      ? [
          {
            ...id,
            meshOwner: id.kind === 'Mesh' ? undefined : meshOwner || undefined,
            spec: e.lastAppliedSpec,
          },
        ]
      : [];
  });
}
