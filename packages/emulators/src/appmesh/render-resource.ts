import { kinds } from './resource-kinds.ts';
import type { StoredResource } from './service-state.ts';

export type ResourceStatus = 'ACTIVE' | 'INACTIVE' | 'DELETED';

function names(r: StoredResource): Record<string, string> {
  const info = kinds[r.kind];
  const out: Record<string, string> = { meshName: r.meshName };
  if (info.parent && r.parentName !== undefined) out[kinds[info.parent].nameMember] = r.parentName;
  out[info.nameMember] = r.name;
  return out;
}

/** The `<Kind>Data` object: Create, Describe, Update and Delete send it as the whole body. */
export function toData(r: StoredResource, status: ResourceStatus = 'ACTIVE'): Record<string, unknown> {
  return {
    ...names(r),
    metadata: {
      arn: r.arn,
      createdAt: r.createdAt,
      lastUpdatedAt: r.lastUpdatedAt,
      meshOwner: r.meshOwner,
      resourceOwner: r.resourceOwner,
      uid: r.uid,
      version: r.version,
    },
    spec: structuredClone(r.spec),
    status: { status },
  };
}

/** The `<Kind>Ref` list item: no uid, spec or status. */
export function toRef(r: StoredResource): Record<string, unknown> {
  return {
    ...names(r),
    arn: r.arn,
    createdAt: r.createdAt,
    lastUpdatedAt: r.lastUpdatedAt,
    meshOwner: r.meshOwner,
    resourceOwner: r.resourceOwner,
    version: r.version,
  };
}
