import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { AppMeshEntry, InventoryEntry } from '../state/inventory-entry.ts';

/** The tag every App Mesh resource meshcd creates carries: `meshcd:target=<target id>`. */
export const ownerTagKey = 'meshcd:target';

/**
 * Whether the observed resource is the very instance the inventory recorded. The ARN is only a name: a
 * resource deleted and re-created by hand gets the same ARN, and starts again at version 1. The uid tells
 * instances apart once described; List carries no uid, but it carries the creation time, which a
 * re-creation changes. Entries recorded before either was kept fall back to the ARN.
 */
export function isRecordedInstance(
  observed: Pick<ObservedMeshResource, 'arn' | 'uid' | 'createdAt'>,
  inventory: InventoryEntry | undefined,
): inventory is AppMeshEntry {
  if (inventory?.provider !== 'appmesh' || inventory.arn !== observed.arn) return false;
  if (inventory.uid !== undefined && observed.uid !== undefined) return inventory.uid === observed.uid;
  if (inventory.createdAt !== undefined && observed.createdAt !== undefined)
    return inventory.createdAt === observed.createdAt;
  return true;
}

/**
 * meshcd owns a resource when its inventory recorded this very instance, or, when a crash lost the
 * inventory write, when the resource carries the target's tag. A same-named stranger is neither.
 */
export function isOwned(
  observed: ObservedMeshResource,
  inventory: InventoryEntry | undefined,
  targetId: string,
): boolean {
  if (isRecordedInstance(observed, inventory)) return true;
  return observed.tags?.[ownerTagKey] === targetId;
}

/** The inventory vouches for the spec: same instance, same version as meshcd last wrote or read. */
const inventoryVouches = (observed: ObservedMeshResource, inventory: InventoryEntry | undefined) =>
  isRecordedInstance(observed, inventory) && inventory.version === observed.version;

/**
 * The spec to compare against: the last-applied one when the service still has the version meshcd wrote
 * (so no Describe was needed), otherwise the described spec.
 */
export function actualSpec(observed: ObservedMeshResource, inventory: InventoryEntry | undefined): unknown {
  return inventoryVouches(observed, inventory) ? inventory!.lastAppliedSpec : observed.spec;
}

/** Whether the observe step must Describe this resource: its spec is not known from the inventory. */
export function needsDescribe(
  observed: ObservedMeshResource,
  inventory: InventoryEntry | undefined,
): boolean {
  return !inventoryVouches(observed, inventory);
}
