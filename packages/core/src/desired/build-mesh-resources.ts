import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { type ManifestObject, objectRef } from '../manifests/manifest-object.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import type { ObjectRef, SourceLocation } from '../source-location.ts';
import { AWS_NAME_MAX_LENGTH } from './aws-name.ts';
import { backendGroupBackends } from './backend-groups.ts';
import { convertGatewayRoute } from './convert/convert-gateway-route.ts';
import { convertMesh } from './convert/convert-mesh.ts';
import { convertVirtualGateway } from './convert/convert-virtual-gateway.ts';
import { convertVirtualNode } from './convert/convert-virtual-node.ts';
import { convertRoute, convertVirtualRouter } from './convert/convert-virtual-router.ts';
import { convertVirtualService } from './convert/convert-virtual-service.ts';
import type { DesiredMeshMember, DesiredMeshResource } from './desired-state.ts';
import { meshKey as meshKeyOf, routeKey } from './inventory-key.ts';
import { ReferenceResolver, type ResolutionIndex } from './reference-resolver.ts';

const ORDER: Record<DesiredMeshResource['kind'], number> = {
  Mesh: 0,
  VirtualNode: 1,
  VirtualGateway: 1,
  VirtualRouter: 2,
  Route: 3,
  VirtualService: 4,
  GatewayRoute: 5,
};

interface BuiltMeshResources {
  /** In dependency order (see `DesiredState.meshResources`). */
  resources: DesiredMeshResource[];
  meshMembers: DesiredMeshMember[];
  diagnostics: Diagnostic[];
}

/**
 * Converts every App Mesh object whose mesh is known into App Mesh resources: one per object, plus one Route per
 * `spec.routes[]` entry, each with its inventory key and the keys it depends on. Objects without a mesh (errors
 * or unresolved namespaces, already reported) and BackendGroups (client-side only) produce nothing.
 */
export function buildMeshResources(
  appMesh: readonly AppMeshObject[],
  index: ResolutionIndex,
  gatewayOf: ReadonlyMap<AppMeshObject, AppMeshObject<'VirtualGateway'>>,
): BuiltMeshResources {
  const { awsName, keyOf } = index;
  const virtualServices = appMesh.filter(
    (o): o is AppMeshObject<'VirtualService'> => o.kind === 'VirtualService',
  );
  const diagnostics: Diagnostic[] = [];
  const resources: DesiredMeshResource[] = [];
  const meshMembers: DesiredMeshMember[] = [];
  for (const object of appMesh) {
    const mesh = index.meshOf(object);
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
            source: routeSource(source.ref, object.manifest, i),
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
        const gateway = gatewayOf.get(object);
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
  return { resources, meshMembers, diagnostics };
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
    podSelector: object.spec.podSelector,
    listeners: (object.spec.listeners ?? []).map((l) => ({
      port: l.portMapping.port,
      protocol: l.portMapping.protocol,
    })),
  };
  return kind === 'VirtualNode'
    ? { ...common, kind, crdSpec: (object as AppMeshObject<'VirtualNode'>).spec }
    : { ...common, kind, crdSpec: (object as AppMeshObject<'VirtualGateway'>).spec };
}

/**
 * A route's source: its entry in the router's `spec.routes`. The position is looked up when first read:
 * finding it parses the router's document with positions, which only a diagnostic or a report needs.
 */
function routeSource(ref: ObjectRef, manifest: ManifestObject, index: number): DesiredMeshResource['source'] {
  let location: SourceLocation | undefined;
  return {
    ref,
    get location() {
      location ??= manifest.locate(['spec', 'routes', index]);
      return location;
    },
  };
}
