import type { InventoryEntry } from '../state/inventory-entry.ts';
import { meshOfKey } from './appmesh-key.ts';

/**
 * The meshes a target touches, each with the account that owns it when Git says so: the meshes of what is
 * expected, and those the inventory still records (so what left Git is still seen, to prune or report).
 */
export function meshOwners(
  expected: readonly { meshName: string; meshOwner?: string }[],
  inventory: readonly Pick<InventoryEntry, 'key'>[],
): Map<string, string | undefined> {
  const owners = new Map<string, string | undefined>();
  for (const e of expected) if (!owners.has(e.meshName) || e.meshOwner) owners.set(e.meshName, e.meshOwner);
  for (const e of inventory) {
    const mesh = meshOfKey(e.key);
    if (mesh !== undefined && !owners.has(mesh)) owners.set(mesh, undefined);
  }
  return owners;
}
