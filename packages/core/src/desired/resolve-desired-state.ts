import { compareDiagnostics, type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import { apiGroup, type ManifestObject } from '../manifests/manifest-object.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { validateObjects } from '../manifests/validate-objects.ts';
import { defaultQuotaLimits, type QuotaLimits } from '../quota/quota-defaults.ts';
import { buildMeshResources } from './build-mesh-resources.ts';
import { desiredKubeObjects } from './desired-kube-objects.ts';
import type { DesiredState } from './desired-state.ts';
import { resolveGatewayMembership } from './gateway-membership.ts';
import { injectionWithoutMesh } from './injection-without-mesh.ts';
import { checkListenerPortReferences } from './listener-port-checks.ts';
import { meshInfo, type NamespaceLabels, resolveMeshMembership } from './mesh-membership.ts';
import { createResolutionIndex } from './resolution-index.ts';
import { checkDuplicateAwsNames, checkDuplicateObjects, checkQuotas } from './set-checks.ts';
import { checkUnbuiltReferences } from './unbuilt-references.ts';

export interface ResolveOptions {
  /** Namespace of namespaced objects that name none (what `kubectl apply` would use). Default `default`. */
  defaultNamespace?: string;
  /**
   * Labels of namespaces that are not in the set, from the live cluster. Absent (offline validation): such
   * namespaces are reported as unresolved and their App Mesh objects wait for a resolve that has the labels.
   */
  namespaceLabels?: NamespaceLabels;
  /** Quota limits to check the set against; the documented defaults when absent. */
  quotaLimits?: QuotaLimits;
  /** The target's account: a Mesh it owns counts against its quota, whether or not Git names it as meshOwner. */
  accountId?: string;
}

export type ResolveResult =
  | { ok: true; desired: DesiredState; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Turns manifest objects into the desired state: validates every object, decides mesh and gateway membership,
 * derives awsNames, resolves references, converts to App Mesh API input specs and checks the set as a whole.
 * Any error means no desired state: every problem found is returned at once.
 */
export function resolveDesiredState(
  objects: readonly ManifestObject[],
  options: ResolveOptions = {},
): ResolveResult {
  // Each object on its own: CRD schemas, admission rules, core fields meshcd reads.
  const validated = validateObjects(objects, options.defaultNamespace ?? 'default');
  const diagnostics = [...validated.diagnostics, ...checkDuplicateObjects(validated.normalized)];

  // Mesh membership from namespace labels: the set's Namespaces first, then the live cluster if given.
  const namespacesInSet = new Map<string, Record<string, string>>();
  for (const k of validated.kube) {
    if (k.kind === 'Namespace' && apiGroup(k.manifest.apiVersion) === '')
      namespacesInSet.set(k.name, k.labels);
  }
  const meshes = validated.appMesh.filter((o): o is AppMeshObject<'Mesh'> => o.kind === 'Mesh').map(meshInfo);
  const members = validated.appMesh.filter((o) => o.kind !== 'Mesh');
  const membership = resolveMeshMembership(members, meshes, namespacesInSet, options.namespaceLabels);
  const meshOf = membership.meshOf;
  for (const m of meshes) meshOf.set(m.object, m);
  diagnostics.push(...membership.diagnostics, ...injectionWithoutMesh(validated.kube, meshes));

  // Gateway membership of GatewayRoutes, by namespace and route selectors.
  const labelsOf = (ns: string) => namespacesInSet.get(ns) ?? options.namespaceLabels?.(ns);
  const gateways = members.filter((o): o is AppMeshObject<'VirtualGateway'> => o.kind === 'VirtualGateway');
  const gatewayRoutes = members.filter((o): o is AppMeshObject<'GatewayRoute'> => o.kind === 'GatewayRoute');
  const { gatewayOf, diagnostics: gatewayDiagnostics } = resolveGatewayMembership(
    gatewayRoutes,
    gateways,
    labelsOf,
    meshOf,
  );
  diagnostics.push(...gatewayDiagnostics);

  // awsNames, references and conversion to App Mesh API input specs.
  const index = createResolutionIndex(validated.appMesh, validated.invalid, meshOf, gatewayOf);
  const built = buildMeshResources(validated.appMesh, index, gatewayOf);
  diagnostics.push(...built.diagnostics);
  diagnostics.push(...checkUnbuiltReferences(validated.normalized, validated.invalid, index));

  // Whole-set checks the controller never had.
  diagnostics.push(...checkDuplicateAwsNames(built.resources));
  diagnostics.push(...checkListenerPortReferences(built.resources, validated.appMesh));
  diagnostics.push(
    ...checkQuotas(built.resources, options.quotaLimits ?? defaultQuotaLimits(), options.accountId),
  );

  diagnostics.sort(compareDiagnostics);
  if (diagnostics.some(isError)) return { ok: false, diagnostics };
  return {
    ok: true,
    desired: {
      meshResources: built.resources,
      kubeObjects: desiredKubeObjects(validated.kube),
      meshMembers: built.meshMembers,
      unresolvedNamespaces: membership.unresolvedNamespaces,
    },
    warnings: diagnostics,
  };
}
