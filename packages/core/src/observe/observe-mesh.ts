import pLimit from 'p-limit';
import { meshOwners } from '../appmesh/mesh-owners.ts';
import { isRecordedInstance, needsDescribe } from '../plan/ownership.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import { mustListContents, type ObserveScope, recordedContents, standIn } from './observe-scope.ts';
import type { ObservedMeshResource } from './observed-mesh-resource.ts';

export interface MeshObservation {
  /** Resources of the meshes in scope; specs where Described, tags where ownership was in question. */
  observed: ObservedMeshResource[];
  /** Every mesh the caller can see, in scope or not: the meshes-per-account quota counts them all. */
  allMeshes: ObservedMeshResource[];
  /** What could not be read (with `failures: 'record'`): inventory key or mesh name → error. */
  unobservable: { resources: Map<string, string>; meshes: Map<string, string> };
}

interface ObserveMeshOptions {
  /** The caller's account: resources another account owns (in a mesh shared with us) are left as listed. */
  accountId?: string;
  /**
   * Describe resources nobody wants too (neither desired nor in the inventory), so a report can draw them
   * and count their backends and weighted targets against per-resource quotas. One Describe each.
   */
  describeUnmanaged?: boolean;
  /**
   * `throw` (plan): nothing is planned from a partial view. `record` (drift): a failed List or Describe
   * makes its resources Unknown instead of failing the whole check.
   */
  failures?: 'throw' | 'record';
  /** A push's scope: what is in the meshes and routers it cannot touch is not listed. Absent: everything is. */
  scope?: ObserveScope;
  concurrency?: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one App Mesh observer; plan and drift both read through it. One List per kind and page in each mesh
 * the target touches (Lists carry versions); a Describe only where the inventory cannot vouch for the spec
 * (another version or ARN than meshcd wrote), so a target in sync costs List calls alone; tags only where
 * ownership is in question (no inventory entry for this instance). The owner's tags of another account's
 * resource are not even readable to a consumer account, and it is never ours to change: it stays as listed.
 * With a push's `scope`, what is in a mesh or router the change cannot touch is not listed (a call per kind
 * and mesh, a call per router saved); the inventory's record of each resource stands in, marked
 * `fromInventory`. Drift passes no scope.
 */
export async function observeMesh(
  api: MeshApi,
  wanted: readonly { key: string; meshName: string; meshOwner?: string }[],
  inventory: readonly InventoryEntry[],
  options: ObserveMeshOptions = {},
): Promise<MeshObservation> {
  const { accountId, describeUnmanaged = false, failures = 'throw' } = options;
  const owners = meshOwners(wanted, inventory);
  const unobservable = { resources: new Map<string, string>(), meshes: new Map<string, string>() };
  const unreadable = <T>(map: Map<string, string>, id: string, error: unknown, fallback: T): T => {
    if (failures === 'throw') throw error;
    map.set(id, errorText(error));
    return fallback;
  };

  const byKey = new Map(inventory.map((e) => [e.key, e]));
  // Containers (meshes, routers, gateways) left unlisted: the inventory's record of their contents stands in.
  const unlisted: ObservedMeshResource[] = [];
  const { scope } = options;
  const mustList = (container: ObservedMeshResource) => {
    const list = !scope || mustListContents(scope, container, byKey.get(container.key));
    if (!list) unlisted.push(container);
    return list;
  };
  const listing = scope && { listChildren: mustList };

  // Listing meshes failing means nothing can be said: let the platform retry the whole run.
  const allMeshes = await api.listMeshes();
  const meshes = allMeshes.filter((m) => owners.has(m.name));
  const limit = pLimit(options.concurrency ?? 8);
  const perMesh = await Promise.all(
    meshes
      .filter(mustList)
      .map((m) =>
        limit(() =>
          api
            .listMeshResources(m.name, owners.get(m.name) ?? m.meshOwner, ...(listing ? [listing] : []))
            .catch((error: unknown) => unreadable(unobservable.meshes, m.name, error, [])),
        ),
      ),
  );
  const listed = [...meshes, ...perMesh.flat()];

  const wantedKeys = new Set(wanted.map((w) => w.key));
  const observed = await Promise.all(
    listed.map((o) =>
      limit(async (): Promise<ObservedMeshResource | undefined> => {
        const entry = byKey.get(o.key);
        const isWanted = wantedKeys.has(o.key) || entry !== undefined;
        if (!isWanted && !describeUnmanaged) return o;
        if (accountId !== undefined && o.resourceOwner !== accountId) return o;
        try {
          let result: ObservedMeshResource | undefined = o;
          if (!isWanted || needsDescribe(o, entry)) result = await api.describe(o);
          // Deleted between the List and the Describe: as good as missing.
          if (!result) return undefined;
          // Not the instance the inventory recorded (or none): only the tag can still say it is ours.
          if (isWanted && !isRecordedInstance(result, entry) && o.tags === undefined)
            result = { ...result, tags: await api.listTags(o.arn) };
          return result;
        } catch (error) {
          return unreadable(unobservable.resources, o.key, error, o);
        }
      }),
    ),
  );
  const listedKeys = new Set(listed.map((o) => o.key));
  const contents = recordedContents(inventory);
  const standIns = new Map<string, ObservedMeshResource | undefined>();
  for (const container of unlisted)
    for (const e of contents.get(container.key) ?? [])
      if (!listedKeys.has(e.key))
        standIns.set(e.key, standIn(e, container, accountId ?? container.resourceOwner));
  return {
    observed: [...observed, ...standIns.values()].filter((o): o is ObservedMeshResource => o !== undefined),
    allMeshes,
    unobservable,
  };
}
