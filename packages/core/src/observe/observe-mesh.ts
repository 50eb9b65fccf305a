import pLimit from 'p-limit';
import { meshOwners } from '../appmesh/mesh-owners.ts';
import type { DesiredMeshResource } from '../desired/desired-state.ts';
import { isRecordedInstance, needsDescribe } from '../plan/ownership.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';

/**
 * Observes the meshes a target touches as cheaply as the API allows: List calls (which carry versions)
 * for everything; Describe only for resources meshcd cares about whose version is not the one the
 * inventory recorded; tags only where ownership is in question (no inventory entry for this instance).
 * Resources another account owns (in a mesh shared with us) are never ours to change, so they are left as
 * listed: the owner's tags are not even readable to a consumer account.
 */
export async function observeMesh(
  api: MeshApi,
  desired: DesiredMeshResource[],
  inventory: InventoryEntry[],
  options: { accountId?: string; concurrency?: number } = {},
): Promise<ObservedMeshResource[]> {
  const { accountId, concurrency = 8 } = options;
  const owners = meshOwners(desired, inventory);

  const meshes = (await api.listMeshes()).filter((m) => owners.has(m.name));
  const listed = [
    ...meshes,
    ...(
      await Promise.all(meshes.map((m) => api.listMeshResources(m.name, owners.get(m.name) ?? m.meshOwner)))
    ).flat(),
  ];

  const desiredKeys = new Set(desired.map((d) => d.key));
  const inventoryByKey = new Map(inventory.map((e) => [e.key, e]));
  const limit = pLimit(concurrency);
  return Promise.all(
    listed.map((o) =>
      limit(async () => {
        const entry = inventoryByKey.get(o.key);
        if (!desiredKeys.has(o.key) && !entry) return o;
        if (accountId !== undefined && o.resourceOwner !== accountId) return o;
        let result = o;
        if (needsDescribe(o, entry)) result = (await api.describe(o)) ?? o;
        // Not the instance the inventory recorded (or none): only the tag can still say it is ours.
        if (!isRecordedInstance(result, entry)) result = { ...result, tags: await api.listTags(o.arn) };
        return result;
      }),
    ),
  );
}
