import type { AppMeshObject } from '../manifests/typed-objects.ts';

/**
 * The App Mesh name of an object, as the controller's mutating webhooks default it: an explicit, non-empty
 * `spec.awsName` wins; otherwise `name` for a Mesh, `name.namespace` for a VirtualService (a dot, so it reads as
 * a DNS name) and `name_namespace` for every other kind.
 */
export function awsNameOf(object: Pick<AppMeshObject, 'kind' | 'name' | 'namespace' | 'spec'>): string {
  const explicit = (object.spec as { awsName?: string }).awsName;
  if (explicit) return explicit;
  return defaultAwsName(object.kind, object.name, object.namespace);
}

function defaultAwsName(kind: AppMeshObject['kind'], name: string, namespace: string): string {
  if (kind === 'Mesh') return name;
  if (kind === 'VirtualService') return `${name}.${namespace}`;
  return `${name}_${namespace}`;
}

/** App Mesh resource names are 1 to 255 characters. */
export const AWS_NAME_MAX_LENGTH = 255;
