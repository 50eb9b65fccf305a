import type { MeshResourceIdentity } from '../observe/mesh-resource-key.ts';
import type { ObservedMeshResource } from '../observe/observed-mesh-resource.ts';
import type { MeshApi } from '../ports/mesh-api.ts';
import type { Unobservable } from './classify-drift.ts';

/**
 * A targeted observation: one Describe (and its tags, so ownership can be told), for the resource an
 * out-of-band API call touched. Nothing else in the mesh is read.
 */
export async function observeOneResource(
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
