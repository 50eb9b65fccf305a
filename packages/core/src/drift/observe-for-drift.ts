import pLimit from 'p-limit';
import { meshOwners } from '../appmesh/mesh-owners.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import { isRecordedInstance, needsDescribe } from '../plan/ownership.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { Unobservable } from './classify-drift.ts';
import type { ExpectedMeshResource } from './expected-resource.ts';

interface DriftObservation {
  /** Resources of the meshes in scope; specs where Described, tags where ownership was in question. */
  observed: ObservedMeshResource[];
  /** Every mesh the caller can see, in scope or not: the meshes-per-account quota counts them all. */
  allMeshes: ObservedMeshResource[];
  unobservable: Required<Unobservable>;
}

interface ObserveForDriftOptions {
  /**
   * Describe resources nobody expects too, so the report can draw them and count their backends and
   * weighted targets against per-resource quotas. Costs one Describe per such resource. Default true.
   */
  describeUnmanaged?: boolean;
  concurrency?: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Observes for drift: one List per kind and page in each mesh the target touches, and a Describe only
 * where the inventory cannot vouch for the spec (another version or ARN than meshcd wrote). An unchanged
 * version proves an unchanged spec, so a target in sync costs List calls alone. A failed List or Describe
 * makes its resources Unknown instead of failing the whole check.
 */
export async function observeForDrift(
  api: MeshApi,
  expected: readonly ExpectedMeshResource[],
  inventory: readonly InventoryEntry[],
  options: ObserveForDriftOptions = {},
): Promise<DriftObservation> {
  const owners = meshOwners(expected, inventory);
  const unobservable = { resources: new Map<string, string>(), meshes: new Map<string, string>() };

  // Listing meshes failing means nothing can be said: let the platform retry the whole check.
  const allMeshes = await api.listMeshes();
  const meshes = allMeshes.filter((m) => owners.has(m.name));
  const limit = pLimit(options.concurrency ?? 8);
  const perMesh = await Promise.all(
    meshes.map((m) =>
      limit(async () => {
        try {
          return await api.listMeshResources(m.name, owners.get(m.name) ?? m.meshOwner);
        } catch (error) {
          unobservable.meshes.set(m.name, errorText(error));
          return [];
        }
      }),
    ),
  );
  const listed = [...meshes, ...perMesh.flat()];

  const expectedKeys = new Set(expected.map((e) => e.key));
  const byKey = new Map(inventory.map((e) => [e.key, e]));
  const describeUnmanaged = options.describeUnmanaged ?? true;
  const observed = await Promise.all(
    listed.map((o) =>
      limit(async (): Promise<ObservedMeshResource | undefined> => {
        const entry = byKey.get(o.key);
        const wanted = expectedKeys.has(o.key) || entry !== undefined;
        if (!wanted && !describeUnmanaged) return o;
        try {
          let result: ObservedMeshResource | undefined = o;
          if (!wanted || needsDescribe(o, entry)) result = await api.describe(o);
          // Deleted between the List and the Describe: as good as missing.
          if (!result) return undefined;
          if (wanted && !isRecordedInstance(result, entry) && o.tags === undefined)
            result = { ...result, tags: await api.listTags(o.arn) };
          return result;
        } catch (error) {
          unobservable.resources.set(o.key, errorText(error));
          return o;
        }
      }),
    ),
  );
  return {
    observed: observed.filter((o): o is ObservedMeshResource => o !== undefined),
    allMeshes,
    unobservable,
  };
}
