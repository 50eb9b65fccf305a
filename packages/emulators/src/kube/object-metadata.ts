import { isObject } from './field-path.ts';
import { clone, deepEqual } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';
import type { ResourceType } from './resource-types.ts';

export const cascadeKey = (
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
) => `${apiVersion}|${kind}|${namespace}|${name}`;

export const deletedStatus = (type: ResourceType, object: KubeObject) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: { name: object.metadata.name, group: type.group, kind: type.plural, uid: object.metadata.uid },
});

/** Everything but metadata and status is "spec": changing it bumps metadata.generation. */
function specOf(object: KubeObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest } = object;
  return rest;
}

/**
 * Kinds without a spec (ConfigMap, Secret, ServiceAccount …) have no metadata.generation on the real
 * server; the others start at 1 and count spec changes.
 */
const withoutSpec = new Set([
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Event',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
]);

export const generation = (live: KubeObject | undefined, object: KubeObject): number | undefined => {
  if (withoutSpec.has(object.kind)) return undefined;
  if (!live) return 1;
  const current = live.metadata.generation ?? 1;
  return deepEqual(specOf(live), specOf(object)) ? current : current + 1;
};

/** A write that changes nothing but managedFields timestamps keeps the old resourceVersion, as on the server. */
export function unchanged(live: KubeObject, object: KubeObject): boolean {
  const comparable = (o: KubeObject) => {
    const copy = clone(o);
    copy.metadata.resourceVersion = undefined;
    copy.metadata.managedFields = (copy.metadata.managedFields ?? []).map((e) =>
      isObject(e) ? { ...e, time: '' } : e,
    );
    return JSON.parse(JSON.stringify(copy)) as unknown;
  };
  return deepEqual(comparable(live), comparable(object));
}
