import type { KubeObject } from './kube-object.ts';
import { conflict, KubeStatusError } from './kube-status-error.ts';

/**
 * The NamespaceLifecycle admission plugin's rules and the namespace storage's deletion phase: three
 * namespaces can never be deleted, a deleted namespace is Terminating until everything in it is gone,
 * and nothing new may be created in it meanwhile.
 */
const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

export const isNamespaceType = (type: { group: string; kind: string }): boolean =>
  type.group === '' && type.kind === 'Namespace';

export const isTerminating = (object: KubeObject | undefined): boolean =>
  object?.metadata.deletionTimestamp !== undefined;

export const finalizersOf = (object: KubeObject): string[] =>
  (object.metadata.finalizers as string[] | undefined) ?? [];

/** What DELETE of a namespace may not do: remove an immortal one, or restart the deletion of a Terminating one. */
export function checkNamespaceDeletable(namespace: KubeObject): void {
  const name = namespace.metadata.name;
  if (immortalNamespaces.has(name))
    throw new KubeStatusError(
      403,
      'Forbidden',
      `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      {
        name,
        kind: 'namespaces',
      },
    );
  if (isTerminating(namespace))
    throw conflict(
      'namespaces',
      '',
      name,
      'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
}

/** The first step of a namespace deletion: a deletion timestamp and the Terminating phase. */
export function startTermination(namespace: KubeObject, timestamp: string): KubeObject {
  namespace.metadata.deletionTimestamp = timestamp;
  namespace.status = { ...(namespace.status as object | undefined), phase: 'Terminating' };
  return namespace;
}

/** A create in a Terminating namespace, refused as the admission plugin refuses it. */
export function creationInTerminatingNamespace(
  resource: string,
  name: string,
  namespace: string,
): KubeStatusError {
  return new KubeStatusError(
    403,
    'Forbidden',
    `${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    {
      name,
      kind: resource,
      causes: [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    },
  );
}
