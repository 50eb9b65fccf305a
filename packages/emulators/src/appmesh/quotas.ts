import { limitExceeded } from './errors.ts';
import type { AppMeshQuotas } from './service-config.ts';
import { type AppMeshState, childrenOf, type StoredResource } from './service-state.ts';

interface CountQuota {
  readonly quota: keyof AppMeshQuotas;
  readonly title: string;
  readonly count: (state: AppMeshState, mesh: StoredResource, parentName?: string) => number;
}

const perMesh = (kind: StoredResource['kind'], quota: keyof AppMeshQuotas, title: string): CountQuota => ({
  quota,
  title,
  count: (state, mesh) => childrenOf(state, mesh.meshOwner, mesh.meshName, kind).length,
});

/** Which quota a Create of each kind counts against (specs/appmesh-api.md §12). Quotas count every owner's resources. */
const createQuotas: Record<StoredResource['kind'], CountQuota> = {
  mesh: {
    quota: 'meshesPerAccount',
    title: 'Meshes per account',
    count: (state, mesh) =>
      Object.values(state.resources).filter((r) => r.kind === 'mesh' && r.meshOwner === mesh.meshOwner)
        .length,
  },
  virtualNode: perMesh('virtualNode', 'virtualNodesPerMesh', 'Virtual nodes per mesh'),
  virtualRouter: perMesh('virtualRouter', 'virtualRoutersPerMesh', 'Virtual routers per mesh'),
  virtualService: perMesh('virtualService', 'virtualServicesPerMesh', 'Virtual services per mesh'),
  virtualGateway: perMesh('virtualGateway', 'virtualGatewaysPerMesh', 'Virtual gateways per mesh'),
  route: {
    quota: 'routesPerVirtualRouter',
    title: 'Routes per virtual router',
    count: (state, mesh, parent) => childrenOf(state, mesh.meshOwner, mesh.meshName, 'route', parent).length,
  },
  gatewayRoute: {
    quota: 'gatewayRoutesPerVirtualGateway',
    title: 'Gateway routes per virtual gateway',
    count: (state, mesh, parent) =>
      childrenOf(state, mesh.meshOwner, mesh.meshName, 'gatewayRoute', parent).length,
  },
};

/**
 * Throws LimitExceeded when creating one more resource would pass its quota. For a mesh, `mesh` is a
 * stand-in carrying the owner.
 */
export function assertCreateQuota(
  state: AppMeshState,
  quotas: AppMeshQuotas,
  kind: StoredResource['kind'],
  mesh: Pick<StoredResource, 'meshOwner' | 'meshName'>,
  parentName?: string,
): void {
  const q = createQuotas[kind];
  const used = q.count(state, mesh as StoredResource, parentName);
  if (used + 1 > quotas[q.quota])
    throw limitExceeded(`${q.title} limit of ${quotas[q.quota]} reached (${used} in use)`);
}

/** Backends per virtual node count on Create and Update alike. */
export function assertBackendQuota(quotas: AppMeshQuotas, spec: Record<string, unknown>): void {
  const backends = Array.isArray(spec.backends) ? spec.backends.length : 0;
  if (backends > quotas.backendsPerVirtualNode)
    throw limitExceeded(
      `Backends per virtual node limit of ${quotas.backendsPerVirtualNode} exceeded (${backends} requested)`,
    );
}
