import { type MeshResourceIdentity, meshResourceKey, parseMeshKey } from '../appmesh/appmesh-key.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { DriftRecord } from '../state/drift-record.ts';
import type { InventoryEntry } from '../state/inventory-entry.ts';
import type { Target } from '../target.ts';
import type { DriftFindings } from './check-all-resources.ts';
import { classifyDrift, type Unobservable } from './classify-drift.ts';
import { sortDriftItems } from './drift-item.ts';
import type { ExpectedMeshResource } from './expected-resource.ts';

interface CheckOneInput {
  target: Target;
  mesh: MeshApi;
  resource: MeshResourceIdentity;
  expected: readonly ExpectedMeshResource[];
  meshInventory: readonly InventoryEntry[];
  /** The report the finding is merged into. */
  last: DriftRecord;
}

/** One Describe (and its tags, so ownership can be told) of the resource an out-of-band call touched. */
async function observeOne(
  api: MeshApi,
  id: MeshResourceIdentity,
  key: string,
  meshOwner: string | undefined,
): Promise<{ observed: ObservedMeshResource[]; unobservable: Unobservable }> {
  const probe: ObservedMeshResource = {
    ...id,
    key,
    arn: '',
    version: 0,
    meshOwner: id.kind === 'Mesh' ? '' : (meshOwner ?? ''),
    resourceOwner: '',
  };
  try {
    const found = await api.describe(probe);
    if (!found) return { observed: [], unobservable: {} };
    return { observed: [{ ...found, tags: await api.listTags(found.arn) }], unobservable: {} };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { observed: [], unobservable: { resources: new Map([[key, message]]) } };
  }
}

/**
 * The targeted check: re-classifies the one resource a CloudTrail event named and keeps the rest of the last
 * report as it was (quotas included). A resource in a mesh the target does not touch is none of its business.
 */
export async function checkOneResource(input: CheckOneInput): Promise<DriftFindings> {
  const key = meshResourceKey(input.resource);
  const meshes = new Set([
    ...input.expected.map((e) => e.meshName),
    ...input.meshInventory.map((e) => parseMeshKey(e.key)?.meshName),
  ]);
  const kept = input.last.items.filter((i) => i.key !== key);
  if (!meshes.has(input.resource.meshName))
    return { items: input.last.items, quotas: input.last.quotas, resources: [] };
  const one = await observeOne(input.mesh, input.resource, key, input.target.meshOwner);
  const found = classifyDrift({
    desired: input.expected.filter((e) => e.key === key),
    inventory: input.meshInventory.filter((e) => e.key === key),
    observed: one.observed,
    ignore: input.target.policy.driftIgnore,
    unobservable: one.unobservable,
    targetId: input.target.id,
    accountId: input.target.accountId,
  });
  return { items: sortDriftItems([...kept, ...found]), quotas: input.last.quotas, resources: [] };
}
