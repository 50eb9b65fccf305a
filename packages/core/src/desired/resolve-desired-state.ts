import { compareDiagnostics, type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import { apiGroup, type ManifestObject, objectRef } from '../manifests/manifest-object.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject, KubeObject } from '../manifests/typed-objects.ts';
import { validateObjects } from '../manifests/validate-objects.ts';
import { defaultQuotaLimits, type QuotaLimits } from '../quota/quota-defaults.ts';
import { AWS_NAME_MAX_LENGTH, awsNameOf } from './aws-name.ts';
import { backendGroupBackends } from './backend-groups.ts';
import { convertGatewayRoute } from './convert/convert-gateway-route.ts';
import { convertMesh } from './convert/convert-mesh.ts';
import { convertVirtualGateway } from './convert/convert-virtual-gateway.ts';
import { convertVirtualNode } from './convert/convert-virtual-node.ts';
import { convertRoute, convertVirtualRouter } from './convert/convert-virtual-router.ts';
import { convertVirtualService } from './convert/convert-virtual-service.ts';
import type {
  DesiredKubeObject,
  DesiredMeshMember,
  DesiredMeshResource,
  DesiredState,
} from './desired-state.ts';
import { resolveGatewayMembership } from './gateway-membership.ts';
import { gatewayRouteKey, kubeKey, memberKey, meshKey as meshKeyOf, routeKey } from './inventory-key.ts';
import { selectorMatches } from './label-selector.ts';
import { type MeshInfo, meshInfo, type NamespaceLabels, resolveMeshMembership } from './mesh-membership.ts';
import { ReferenceResolver, type ResolutionIndex } from './reference-resolver.ts';
import { checkDuplicateAwsNames, checkDuplicateObjects, checkQuotas } from './set-checks.ts';

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
}

export type ResolveResult =
  | { ok: true; desired: DesiredState; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

const ORDER: Record<DesiredMeshResource['kind'], number> = {
  Mesh: 0,
  VirtualNode: 1,
  VirtualGateway: 1,
  VirtualRouter: 2,
  Route: 3,
  VirtualService: 4,
  GatewayRoute: 5,
};

/**
 * Turns manifest objects into the desired state: validates every object, decides mesh and gateway membership,
 * derives awsNames, resolves references, converts to App Mesh API input specs and checks the set as a whole.
 * Any error means no desired state: every problem found is returned at once.
 */
export function resolveDesiredState(
  objects: readonly ManifestObject[],
  options: ResolveOptions = {},
): ResolveResult {
  const validated = validateObjects(objects, options.defaultNamespace ?? 'default');
  const diagnostics = [...validated.diagnostics, ...checkDuplicateObjects(validated.normalized)];

  const namespacesInSet = new Map<string, Record<string, string>>();
  for (const k of validated.kube)
    if (k.kind === 'Namespace' && apiGroup(k.manifest.apiVersion) === '')
      namespacesInSet.set(k.name, k.labels);
  const labelsOf = (ns: string) => namespacesInSet.get(ns) ?? options.namespaceLabels?.(ns);

  const meshes = validated.appMesh.filter((o): o is AppMeshObject<'Mesh'> => o.kind === 'Mesh').map(meshInfo);
  const members = validated.appMesh.filter((o) => o.kind !== 'Mesh');
  diagnostics.push(...injectionWithoutMesh(validated.kube, meshes));
  const membership = resolveMeshMembership(members, meshes, namespacesInSet, options.namespaceLabels);
  diagnostics.push(...membership.diagnostics);
  const meshOf = membership.meshOf;
  for (const m of meshes) meshOf.set(m.object, m);

  const byId = new Map<string, AppMeshObject>();
  for (const o of validated.appMesh) byId.set(`${o.kind}|${o.namespace}|${o.name}`, o);
  const gateways = members.filter((o): o is AppMeshObject<'VirtualGateway'> => o.kind === 'VirtualGateway');
  const gatewayRoutes = members.filter((o): o is AppMeshObject<'GatewayRoute'> => o.kind === 'GatewayRoute');
  const gatewayMembership = resolveGatewayMembership(gatewayRoutes, gateways, labelsOf, meshOf);
  diagnostics.push(...gatewayMembership.diagnostics);

  const awsNames = new Map<AppMeshObject, string>();
  const awsName = (o: AppMeshObject) => {
    const name = awsNames.get(o) ?? awsNameOf(o);
    awsNames.set(o, name);
    return name;
  };
  const keyOf = (o: AppMeshObject): string | undefined => {
    const mesh = meshOf.get(o);
    if (!mesh) return undefined;
    if (o.kind === 'BackendGroup') return undefined;
    if (o.kind === 'GatewayRoute') {
      const gw = gatewayMembership.gatewayOf.get(o);
      return gw ? gatewayRouteKey(mesh.name, awsName(gw), awsName(o)) : undefined;
    }
    return o.kind === 'Mesh' ? meshKeyOf(mesh.name) : memberKey(mesh.name, o.kind, awsName(o));
  };
  const index: ResolutionIndex = {
    get: (kind, ns, name) => byId.get(`${kind}|${kind === 'Mesh' ? '' : ns}|${name}`),
    isInvalid: (kind, ns, name) => validated.invalid.has(`${kind}|${ns}|${name}`),
    awsName,
    meshOf: (o) => meshOf.get(o),
    keyOf,
  };
  const virtualServices = members.filter(
    (o): o is AppMeshObject<'VirtualService'> => o.kind === 'VirtualService',
  );

  const resources: DesiredMeshResource[] = [];
  const meshMembers: DesiredMeshMember[] = [];
  for (const object of validated.appMesh) {
    const mesh = meshOf.get(object);
    if (!mesh || object.kind === 'BackendGroup') continue;
    const name = awsName(object);
    if (name.length > AWS_NAME_MAX_LENGTH) {
      const path = (object.spec as { awsName?: string }).awsName ? ['spec', 'awsName'] : ['metadata', 'name'];
      diagnostics.push(
        at(
          object.manifest,
          path,
          'invalid-value',
          `App Mesh name "${name.slice(0, 40)}..." is ${name.length} characters; the limit is ${AWS_NAME_MAX_LENGTH}`,
        ),
      );
    }
    const resolver = new ReferenceResolver(
      object,
      index,
      (kind) => !(object.kind === 'VirtualNode' && kind === 'VirtualService'),
    );
    const source = { ref: objectRef(object.manifest), location: object.manifest.location };
    const base = { meshName: mesh.name, ...(mesh.owner ? { meshOwner: mesh.owner } : {}), name, source };
    const meshKey = meshKeyOf(mesh.name);
    const deps = (...extra: string[]) => [...new Set([meshKey, ...extra, ...resolver.dependsOn])];
    switch (object.kind) {
      case 'Mesh':
        resources.push({
          ...base,
          kind: 'Mesh',
          key: meshKey,
          spec: convertMesh(object.spec),
          dependsOn: [],
        });
        break;
      case 'VirtualNode': {
        const groups = backendGroupBackends(object, resolver, index, virtualServices);
        const spec = convertVirtualNode(object.spec, resolver, groups);
        const key = keyOf(object)!;
        resources.push({ ...base, kind: 'VirtualNode', key, spec, dependsOn: deps() });
        meshMembers.push(member(object, key, base, 'VirtualNode'));
        break;
      }
      case 'VirtualGateway': {
        const key = keyOf(object)!;
        resources.push({
          ...base,
          kind: 'VirtualGateway',
          key,
          spec: convertVirtualGateway(object.spec),
          dependsOn: deps(),
        });
        meshMembers.push(member(object, key, base, 'VirtualGateway'));
        break;
      }
      case 'VirtualRouter': {
        const routerKey = keyOf(object)!;
        resources.push({
          ...base,
          kind: 'VirtualRouter',
          key: routerKey,
          spec: convertVirtualRouter(object.spec),
          dependsOn: deps(),
        });
        (object.spec.routes ?? []).forEach((route, i) => {
          const routeResolver = new ReferenceResolver(object, index, () => true);
          const spec = convertRoute(route, i, routeResolver);
          resolver.diagnostics.push(...routeResolver.diagnostics);
          resources.push({
            ...base,
            kind: 'Route',
            key: routeKey(mesh.name, name, route.name),
            name: route.name,
            virtualRouterName: name,
            spec,
            source: { ...source, location: object.manifest.locate(['spec', 'routes', i]) },
            dependsOn: [...new Set([meshKey, routerKey, ...routeResolver.dependsOn])],
          });
        });
        break;
      }
      case 'VirtualService': {
        const spec = convertVirtualService(object.spec, resolver);
        resources.push({ ...base, kind: 'VirtualService', key: keyOf(object)!, spec, dependsOn: deps() });
        break;
      }
      case 'GatewayRoute': {
        const gateway = gatewayMembership.gatewayOf.get(object);
        if (!gateway) break;
        const spec = convertGatewayRoute(object.spec, resolver);
        resources.push({
          ...base,
          kind: 'GatewayRoute',
          key: keyOf(object)!,
          virtualGatewayName: awsName(gateway),
          spec,
          dependsOn: deps(keyOf(gateway)!),
        });
        break;
      }
    }
    diagnostics.push(...resolver.diagnostics);
  }

  // References by ARN may name resources outside the set; only what the set itself creates is a dependency.
  const keys = new Set(resources.map((r) => r.key));
  for (const r of resources) r.dependsOn = r.dependsOn.filter((k) => keys.has(k) && k !== r.key);
  resources.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);

  diagnostics.push(...checkDuplicateAwsNames(resources));
  diagnostics.push(...checkQuotas(resources, options.quotaLimits ?? defaultQuotaLimits()));
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.some(isError)) return { ok: false, diagnostics };

  const kubeObjects: DesiredKubeObject[] = validated.kube.map((k) => ({
    key: kubeKey(k.namespace, apiGroup(k.manifest.apiVersion), k.kind, k.name),
    object: withNamespace(k.body, k.namespace) as DesiredKubeObject['object'],
    source: { ref: objectRef(k.manifest), location: k.manifest.location },
  }));
  return {
    ok: true,
    desired: {
      meshResources: resources,
      kubeObjects,
      meshMembers,
      unresolvedNamespaces: membership.unresolvedNamespaces,
    },
    warnings: diagnostics,
  };
}

/**
 * A Namespace that asks for sidecar injection but that no Mesh of the set selects: the controller's pod webhook
 * would refuse its pods. A warning, since its mesh may be managed outside this set.
 */
function injectionWithoutMesh(kube: readonly KubeObject[], meshes: readonly MeshInfo[]): Diagnostic[] {
  if (meshes.length === 0) return [];
  return kube
    .filter((k) => k.kind === 'Namespace' && k.labels['appmesh.k8s.aws/sidecarInjectorWebhook'] === 'enabled')
    .filter((k) => !meshes.some((m) => selectorMatches(m.object.spec.namespaceSelector, k.labels)))
    .map((k) =>
      at(
        k.manifest,
        ['metadata', 'labels'],
        'no-matching-mesh',
        `sidecar injection is enabled for namespace "${k.name}" but no Mesh in the set selects it`,
        'warning',
      ),
    );
}

function member(
  object: AppMeshObject<'VirtualNode'> | AppMeshObject<'VirtualGateway'>,
  key: string,
  base: { meshName: string; meshOwner?: string; name: string; source: DesiredMeshMember['source'] },
  kind: 'VirtualNode' | 'VirtualGateway',
): DesiredMeshMember {
  const common = {
    key,
    namespace: object.namespace,
    objectName: object.name,
    ...base,
    ...(object.spec.podSelector ? { podSelector: object.spec.podSelector } : {}),
    listeners: (object.spec.listeners ?? []).map((l) => ({
      port: l.portMapping.port,
      protocol: l.portMapping.protocol,
    })),
  };
  return kind === 'VirtualNode'
    ? { ...common, kind, crdSpec: (object as AppMeshObject<'VirtualNode'>).spec }
    : { ...common, kind, crdSpec: (object as AppMeshObject<'VirtualGateway'>).spec };
}

/** The object as meshcd applies it: a defaulted namespace is written out, so apply never depends on context. */
function withNamespace(
  body: Record<string, unknown>,
  namespace: string | undefined,
): Record<string, unknown> {
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  if (namespace === undefined || metadata.namespace === namespace) return body;
  return { ...body, metadata: { ...metadata, namespace } };
}

export type { MeshInfo };
