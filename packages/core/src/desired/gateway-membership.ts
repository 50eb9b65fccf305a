import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { at } from '../manifests/schema-issues.ts';
import type { AppMeshObject } from '../manifests/typed-objects.ts';
import { selectorMatches } from './label-selector.ts';
import type { MeshInfo } from './mesh-membership.ts';

/**
 * Picks the VirtualGateway of each GatewayRoute as the controller's webhook does: gateways whose
 * namespaceSelector matches the route's namespace labels (absent selects nothing, `{}` all) and whose
 * gatewayRouteSelector matches the route's own labels (absent or `{}` selects all). Exactly one must match, and
 * it must be in the route's mesh.
 */
export function resolveGatewayMembership(
  routes: readonly AppMeshObject<'GatewayRoute'>[],
  gateways: readonly AppMeshObject<'VirtualGateway'>[],
  namespaceLabels: (namespace: string) => Readonly<Record<string, string>> | undefined,
  meshOf: ReadonlyMap<AppMeshObject, MeshInfo>,
): { gatewayOf: Map<AppMeshObject, AppMeshObject<'VirtualGateway'>>; diagnostics: Diagnostic[] } {
  const gatewayOf = new Map<AppMeshObject, AppMeshObject<'VirtualGateway'>>();
  const diagnostics: Diagnostic[] = [];
  for (const route of routes) {
    const routeMesh = meshOf.get(route);
    const labels = namespaceLabels(route.namespace);
    if (!routeMesh || !labels) continue; // membership already reported
    const candidates = gateways.filter((g) => {
      const routeSelector = g.spec.gatewayRouteSelector ?? {};
      return (
        selectorMatches(g.spec.namespaceSelector, labels) && selectorMatches(routeSelector, route.labels)
      );
    });
    const where = ['metadata'];
    if (candidates.length === 0) {
      diagnostics.push(
        at(
          route.manifest,
          where,
          'no-matching-gateway',
          `no VirtualGateway selects this GatewayRoute (namespace "${route.namespace}"); exactly one must`,
        ),
      );
      continue;
    }
    if (candidates.length > 1) {
      const names = candidates.map((g) => `${g.namespace}/${g.name}`).join(', ');
      diagnostics.push(
        at(
          route.manifest,
          where,
          'multiple-matching-gateways',
          `${candidates.length} VirtualGateways select this GatewayRoute (${names}); exactly one must`,
        ),
      );
      continue;
    }
    const gateway = candidates[0]!;
    const gatewayMesh = meshOf.get(gateway);
    if (gatewayMesh && gatewayMesh !== routeMesh) {
      diagnostics.push(
        at(
          route.manifest,
          where,
          'gateway-mesh-mismatch',
          `VirtualGateway ${gateway.namespace}/${gateway.name} is in mesh "${gatewayMesh.object.name}", not in this GatewayRoute's mesh "${routeMesh.object.name}"`,
        ),
      );
      continue;
    }
    if (gatewayMesh) gatewayOf.set(route, gateway);
  }
  return { gatewayOf, diagnostics };
}
