import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';

/** The tag every App Mesh resource meshcd creates carries: `meshcd:target=<target id>`. */
export const ownerTagKey = 'meshcd:target';

/**
 * meshcd owns a resource when its inventory recorded this very resource (same ARN), or, when a crash
 * lost the inventory write, when the resource carries the target's tag.
 */
export function isOwned(
  observed: ObservedMeshResource,
  inventory: InventoryEntry | undefined,
  targetId: string,
): boolean {
  if (inventory?.arn === observed.arn) return true;
  return observed.tags?.[ownerTagKey] === targetId;
}

/**
 * The spec to compare against: the last-applied one when the service still has the version meshcd wrote
 * (so no Describe was needed), otherwise the described spec.
 */
export function actualSpec(observed: ObservedMeshResource, inventory: InventoryEntry | undefined): unknown {
  if (inventory && inventory.arn === observed.arn && inventory.version === observed.version) {
    return inventory.lastAppliedSpec;
  }
  return observed.spec;
}

/** Whether the observe step must Describe this resource: its spec is not known from the inventory. */
export function needsDescribe(
  observed: ObservedMeshResource,
  inventory: InventoryEntry | undefined,
): boolean {
  return !(inventory && inventory.arn === observed.arn && inventory.version === observed.version);
}
