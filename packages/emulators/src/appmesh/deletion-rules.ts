import { inUse } from './errors.ts';
import type { AppMeshBehaviours } from './service-config.ts';
import { type AppMeshState, childrenOf, type StoredResource } from './service-state.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const routeBody = (spec: Obj): Obj =>
  obj(spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute ?? undefined);

/**
 * Throws ResourceInUse when a delete is blocked (specs/appmesh-api.md §6). Nothing cascades: the caller
 * deletes in reverse dependency order.
 */
export function assertDeletable(state: AppMeshState, r: StoredResource, behaviours: AppMeshBehaviours): void {
  const inMesh = (kind: StoredResource['kind'], parent?: string) =>
    childrenOf(state, r.meshOwner, r.meshName, kind, parent);
  switch (r.kind) {
    case 'mesh': {
      const blocking: StoredResource['kind'][] = ['virtualNode', 'virtualRouter', 'virtualService'];
      if (behaviours.gatewaysBlockMeshDelete) blocking.push('virtualGateway');
      for (const kind of blocking) {
        if (inMesh(kind).length > 0) {
          const label = `${kind[0]?.toUpperCase()}${kind.slice(1)}s`;
          throw inUse(
            `Mesh ${r.meshName} for account ${r.meshOwner} has active ${label}, please delete ${label} before deleting the Mesh`,
          );
        }
      }
      return;
    }
    case 'virtualNode': {
      const targeting = inMesh('route').filter((route) =>
        (obj(routeBody(route.spec).action).weightedTargets as unknown[] | undefined)?.some(
          (t) => obj(t).virtualNode === r.name,
        ),
      );
      if (targeting.length > 0)
        throw inUse(
          `VirtualNode with name ${r.name} cannot be deleted because it is the target of one or more routes.`,
        );
      if (providedBy(inMesh('virtualService'), 'virtualNode', r.name))
        throw inUse(
          `VirtualNode with name ${r.name} cannot be deleted because it is a VirtualService provider`,
        );
      return;
    }
    case 'virtualRouter': {
      if (inMesh('route', r.name).length > 0)
        throw inUse(`VirtualRouter with name ${r.name} cannot be deleted because it has Routes`);
      if (providedBy(inMesh('virtualService'), 'virtualRouter', r.name))
        throw inUse(
          `VirtualRouter with name ${r.name} cannot be deleted because it is a VirtualService provider`,
        );
      return;
    }
    case 'virtualService': {
      const referencing = inMesh('gatewayRoute').filter(
        (gr) => obj(obj(obj(routeBody(gr.spec).action).target).virtualService).virtualServiceName === r.name,
      );
      if (referencing.length > 0)
        throw inUse(
          `VirtualService ${r.name} is being referenced in the following: GATEWAY_ROUTE: [${referencing.map((g) => g.uid).join(', ')}]`,
        );
      return;
    }
    case 'virtualGateway':
      if (inMesh('gatewayRoute', r.name).length > 0)
        throw inUse(`VirtualGateway with name ${r.name} cannot be deleted because it has GatewayRoutes`);
      return;
    default:
      return;
  }
}

function providedBy(
  services: StoredResource[],
  kind: 'virtualNode' | 'virtualRouter',
  name: string,
): boolean {
  const member = kind === 'virtualNode' ? 'virtualNodeName' : 'virtualRouterName';
  return services.some((s) => obj(obj(s.spec.provider)[kind])[member] === name);
}
