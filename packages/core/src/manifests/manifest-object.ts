import type { ObjectRef, SourceLocation } from '../source-location.ts';

/** One step of a field path: a map key or a list index. */
export type PathSegment = string | number;

/** A Kubernetes object read from the manifest tree, still untyped, that remembers where each field came from. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written; `resolveDesiredState` fills in the default namespace for namespaced kinds. */
  namespace: string | undefined;
  /** The whole document as plain data. */
  body: Record<string, unknown>;
  /** Where the document starts. */
  location: SourceLocation;
  /** Where a field is; a path that does not exist resolves to its nearest existing ancestor. */
  locate(path: readonly PathSegment[]): SourceLocation;
}

export const APPMESH_GROUP = 'appmesh.k8s.aws';

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function objectRef(o: ManifestObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
  };
}

/** `Kind/namespace/name`, the label diagnostics use; cluster-scoped objects have an empty namespace part. */
export function objectLabel(o: { kind: string; namespace?: string | undefined; name: string }): string {
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

/** Identity for overlays and duplicate checks: group, kind, namespace and name. */
export function objectIdentity(o: ManifestObject): string {
  return `${apiGroup(o.apiVersion)}|${o.kind}|${o.namespace ?? ''}|${o.name}`;
}
