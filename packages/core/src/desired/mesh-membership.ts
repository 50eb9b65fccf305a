import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { awsNameOf } from './aws-name.ts';
import { formatSelector, labelsToAdd } from './describe-selector.ts';
import { selectorMatches } from './label-selector.ts';

/** A Mesh as its members see it. */
export interface MeshInfo {
  object: AppMeshObject<'Mesh'>;
  /** The mesh's App Mesh name. */
  name: string;
  owner?: string;
}

/** Labels of a namespace not in the manifest set, from the live cluster; `undefined` when it does not exist. */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>> | undefined;

interface MembershipResult {
  /** Mesh of each namespaced App Mesh object; absent when it could not be decided. */
  meshOf: Map<AppMeshObject, MeshInfo>;
  unresolvedNamespaces: string[];
  diagnostics: Diagnostic[];
}

/**
 * Decides the mesh of every namespaced App Mesh object the way the controller's webhook does — the meshes whose
 * namespaceSelector matches the namespace's labels, exactly one allowed — but from Git instead of admission
 * time: labels come from the Namespace objects in the set, else from `liveLabels`. Without `liveLabels`
 * (offline validation) a namespace outside the set is reported as unresolved rather than guessed.
 */
export function resolveMeshMembership(
  members: readonly AppMeshObject[],
  meshes: readonly MeshInfo[],
  namespacesInSet: ReadonlyMap<string, Readonly<Record<string, string>>>,
  liveLabels: NamespaceLabels | undefined,
): MembershipResult {
  const result: MembershipResult = { meshOf: new Map(), unresolvedNamespaces: [], diagnostics: [] };
  const unresolved = new Set<string>();
  const unselected = new Map<
    string,
    { first: AppMeshObject; labels: Readonly<Record<string, string>>; count: number }
  >();
  const nsPath = ['metadata', 'namespace'];
  for (const object of members) {
    const labels = namespacesInSet.get(object.namespace) ?? liveLabels?.(object.namespace);
    if (labels === undefined) {
      if (liveLabels) {
        result.diagnostics.push(
          at(
            object.manifest,
            nsPath,
            'unresolved-namespace',
            `namespace "${object.namespace}" is neither in the manifest set nor in the cluster`,
          ),
        );
      } else if (!unresolved.has(object.namespace)) {
        unresolved.add(object.namespace);
        result.diagnostics.push(
          at(
            object.manifest,
            nsPath,
            'unresolved-namespace',
            `namespace "${object.namespace}" is not in the manifest set, so its mesh is decided from the cluster's namespace labels at plan time`,
            'warning',
          ),
        );
      }
      continue;
    }
    const candidates = meshes.filter((m) => selectorMatches(m.object.spec.namespaceSelector, labels));
    if (candidates.length === 1) {
      result.meshOf.set(object, candidates[0]!);
    } else if (candidates.length === 0) {
      const seen = unselected.get(object.namespace);
      if (seen) seen.count++;
      else unselected.set(object.namespace, { first: object, labels, count: 1 });
    } else {
      const names = candidates.map((m) => m.object.name).join(', ');
      result.diagnostics.push(
        at(
          object.manifest,
          nsPath,
          'multiple-matching-meshes',
          `${candidates.length} Meshes select namespace "${object.namespace}" (${names}); exactly one must`,
        ),
      );
    }
  }
  // Once per namespace: the fix is one label on the namespace, not one per object.
  for (const [namespace, { first, labels, count }] of unselected) {
    result.diagnostics.push(
      at(first.manifest, nsPath, 'no-matching-mesh', noMeshMessage(namespace, labels, count, meshes)),
    );
  }
  result.unresolvedNamespaces = [...unresolved].sort();
  return result;
}

export function meshInfo(object: AppMeshObject<'Mesh'>): MeshInfo {
  const owner = object.spec.meshOwner;
  return { object, name: awsNameOf(object), owner: owner || undefined };
}

function noMeshMessage(
  namespace: string,
  labels: Readonly<Record<string, string>>,
  count: number,
  meshes: readonly MeshInfo[],
): string {
  const head = `no Mesh selects namespace "${namespace}" (labels ${formatLabels(labels)}), so its ${count} App Mesh object(s) have no mesh`;
  if (meshes.length === 0) return `${head}; the set has no Mesh`;
  const selectors = meshes.map(
    (m) => `"${m.object.name}" selects ${formatSelector(m.object.spec.namespaceSelector)}`,
  );
  if (meshes.length === 1) {
    const add = labelsToAdd(meshes[0]!.object.spec.namespaceSelector);
    const fix = add.length > 0 ? `; add label ${add.join(', ')} to namespace "${namespace}"` : '';
    return `${head}: Mesh ${selectors[0]}${fix}`;
  }
  return `${head}: Mesh ${selectors.join(', Mesh ')}; add the labels of exactly one of them to namespace "${namespace}"`;
}

const formatLabels = (labels: Readonly<Record<string, string>>): string => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
};
