import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { isRecord } from '../manifests/load-manifests.ts';
import {
  APPMESH_GROUP,
  apiGroup,
  type ManifestObject,
  type PathSegment,
} from '../manifests/manifest-object.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { ReferenceResolver, type ResolutionIndex } from './reference-resolver.ts';

/** The typed reference fields of the App Mesh CRDs, by the kind they name. */
const REF_FIELDS: Readonly<Record<string, AppMeshObject['kind']>> = {
  virtualNodeRef: 'VirtualNode',
  virtualServiceRef: 'VirtualService',
  virtualRouterRef: 'VirtualRouter',
};

/**
 * Checks the typed references of the App Mesh objects that were not built into resources — objects with their
 * own errors, and objects whose mesh is unknown (decided at plan time, or no Mesh selects their namespace) —
 * so that a dangling reference is reported in the same pass as everything else rather than after the first
 * problem is fixed. The spec is read as written: a schema error elsewhere in the object does not hide it.
 */
export function checkUnbuiltReferences(
  objects: readonly ManifestObject[],
  invalid: ReadonlySet<string>,
  index: ResolutionIndex,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const manifest of objects) {
    if (apiGroup(manifest.apiVersion) !== APPMESH_GROUP || manifest.kind === 'Mesh') continue;
    const namespace = manifest.namespace ?? '';
    const kind = manifest.kind as AppMeshObject['kind'];
    const built = index.get(kind, namespace, manifest.name);
    const unbuilt = invalid.has(`${kind}|${namespace}|${manifest.name}`) || (built && !index.meshOf(built));
    if (!unbuilt) continue;
    const spec = isRecord(manifest.body.spec) ? manifest.body.spec : {};
    const from = { kind, name: manifest.name, namespace, labels: {}, spec, manifest } as AppMeshObject;
    const resolver = new ReferenceResolver(from, index, () => false);
    walk(spec, ['spec'], (refKind, ref, path) => resolver.lookup(refKind, ref, path));
    if (kind === 'VirtualNode' && Array.isArray(spec.backendGroups)) {
      spec.backendGroups.forEach((group, i) => {
        const ref = asRef(group);
        if (ref) resolver.lookup('BackendGroup', ref, ['spec', 'backendGroups', i]);
      });
    }
    diagnostics.push(...resolver.diagnostics);
  }
  return diagnostics;
}

type Visit = (
  kind: AppMeshObject['kind'],
  ref: { name: string; namespace?: string },
  path: PathSegment[],
) => void;

function walk(value: unknown, path: PathSegment[], visit: Visit): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(item, [...path, i], visit);
    });
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const kind = REF_FIELDS[key];
    const ref = kind && asRef(child);
    if (kind && ref) visit(kind, ref, [...path, key]);
    else walk(child, [...path, key], visit);
  }
}

/** A reference as written, when it is well-formed enough to look up. */
function asRef(value: unknown): { name: string; namespace?: string } | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  if (value.namespace !== undefined && typeof value.namespace !== 'string') return undefined;
  return value.namespace === undefined
    ? { name: value.name }
    : { name: value.name, namespace: value.namespace };
}
