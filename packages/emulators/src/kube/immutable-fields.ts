import { isObject } from './field-path.ts';
import { deepEqual } from './json-value.ts';
import type { KubeObject } from './kube-object.ts';
import { invalidObject } from './kube-status-error.ts';
import type { ResourceType } from './resource-types.ts';

const workloadKinds = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/**
 * Updates the API server refuses whatever the body's schema says, because they depend on the stored
 * object: the data of an immutable ConfigMap or Secret, and a workload's selector. Only a live object
 * can tell, so only the server (or a server-side dry run) catches them.
 */
export function checkImmutable(type: ResourceType, live: KubeObject | undefined, object: KubeObject): void {
  if (!live) return;
  const causes: { field: string; message: string }[] = [];
  if ((type.kind === 'ConfigMap' || type.kind === 'Secret') && type.group === '' && live.immutable === true) {
    const fields = type.kind === 'Secret' ? ['data', 'type'] : ['data', 'binaryData'];
    for (const field of fields)
      if (!deepEqual(live[field], object[field]))
        causes.push({ field, message: 'Forbidden: field is immutable when `immutable` is set' });
    if (object.immutable !== true)
      causes.push({ field: 'immutable', message: 'Forbidden: field is immutable when `immutable` is set' });
  }
  if (workloadKinds.has(type.kind) && type.group === 'apps') {
    const selector = (o: KubeObject) => (isObject(o.spec) ? o.spec.selector : undefined);
    if (!deepEqual(selector(live), selector(object)))
      causes.push({
        field: 'spec.selector',
        message: `Invalid value: ${JSON.stringify(selector(object))}: field is immutable`,
      });
  }
  if (causes.length > 0)
    throw invalidObject(
      type.kind,
      type.group,
      object.metadata.name,
      causes.map((c) => ({ reason: 'FieldValueForbidden', ...c })),
    );
}
