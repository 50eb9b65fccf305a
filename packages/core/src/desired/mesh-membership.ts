import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { awsNameOf } from './aws-name.ts';
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

export interface MembershipResult {
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
      result.diagnostics.push(
        at(
          object.manifest,
          nsPath,
          'no-matching-mesh',
          `no Mesh selects namespace "${object.namespace}" (labels ${formatLabels(labels)}); exactly one must`,
        ),
      );
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
  result.unresolvedNamespaces = [...unresolved].sort();
  return result;
}

export function meshInfo(object: AppMeshObject<'Mesh'>): MeshInfo {
  const owner = object.spec.meshOwner;
  return { object, name: awsNameOf(object), ...(owner ? { owner } : {}) };
}

const formatLabels = (labels: Readonly<Record<string, string>>): string => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
};
