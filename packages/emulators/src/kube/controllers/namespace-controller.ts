import { deepEqual } from '../json-value.ts';
import type { KubeObject } from '../kube-object.ts';
import { finalizersOf, isNamespaceType, isTerminating } from '../namespace-lifecycle.ts';
import { builtinResourceTypes } from '../resource-types.ts';
import type { ControllerWriter } from './controller-writer.ts';

/**
 * The namespace controller: in a Terminating namespace every object is deleted; one held by finalizers
 * gets its deletion timestamp and stays until its finalizers are removed, and meanwhile the namespace's
 * conditions say what remains, in the real controller's words. The namespace itself goes once it is
 * empty and its own finalizers are gone.
 */
export function reconcileNamespaces(objects: readonly KubeObject[], writer: ControllerWriter): void {
  for (const namespace of objects) {
    if (!isNamespaceType({ group: groupOf(namespace), kind: namespace.kind }) || !isTerminating(namespace))
      continue;
    const contents = objects.filter((o) => o.metadata.namespace === namespace.metadata.name);
    const held: KubeObject[] = [];
    for (const object of contents) {
      if (finalizersOf(object).length === 0) writer.delete(object);
      else {
        held.push(object);
        if (!isTerminating(object))
          writer.modify(object, (copy) => {
            copy.metadata.deletionTimestamp = writer.now();
            copy.metadata.deletionGracePeriodSeconds = 0;
          });
      }
    }
    if (held.length === 0 && finalizersOf(namespace).length === 0) writer.delete(namespace);
    else setRemainingConditions(namespace, held, writer);
  }
}

function setRemainingConditions(namespace: KubeObject, held: KubeObject[], writer: ControllerWriter): void {
  const conditions = held.length === 0 ? [] : remainingConditions(held);
  const status = (namespace.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
  const withoutTimes = (list: Array<Record<string, unknown>>) =>
    list.map(({ lastTransitionTime: _t, ...rest }) => rest);
  if (deepEqual(withoutTimes(status.conditions ?? []), conditions)) return;
  writer.modify(namespace, (copy) => {
    copy.status = {
      ...(copy.status as object),
      conditions: conditions.map((c) => ({ ...c, lastTransitionTime: writer.now() })),
    };
  });
}

/** `Some resources are remaining: configmaps. has 1 resource instances`, as the real controller reports it. */
function remainingConditions(held: KubeObject[]): Array<Record<string, unknown>> {
  const count = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
  };
  const resources = count(held.map(resourceOf))
    .map(([resource, n]) => `${resource} has ${n} resource instances`)
    .join(', ');
  const finalizers = count(held.flatMap(finalizersOf))
    .map(([finalizer, n]) => `${finalizer} in ${n} resource instances`)
    .join(', ');
  return [
    {
      type: 'NamespaceContentRemaining',
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: `Some resources are remaining: ${resources}`,
    },
    {
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${finalizers}`,
    },
  ];
}

const groupOf = (object: KubeObject): string =>
  object.apiVersion.includes('/') ? object.apiVersion.split('/')[0]! : '';

/** `configmaps.` for the core group, `deployments.apps` otherwise (the controller prints group resources). */
function resourceOf(object: KubeObject): string {
  const group = groupOf(object);
  const known = builtinResourceTypes.find((t) => t.group === group && t.kind === object.kind);
  return `${known?.plural ?? `${object.kind.toLowerCase()}s`}.${group}`;
}
