import type { MeshResourceKind } from '../desired/desired-state.ts';
import type { ChangeAction } from '../provider/change.ts';
import type { KindTable } from '../provider/kind-table.ts';
import type { QuotaName } from '../quota/quota-defaults.ts';

/**
 * App Mesh's kinds. Waves: creates and updates go forward so that what a resource references exists
 * first (route targets, service providers, gateway-route targets); deletes go in reverse, after everything
 * that referenced a doomed resource has been repointed, so App Mesh never answers ResourceInUse. Wave 2 is
 * the deletion of routes whose listener protocol changes, before their router is updated.
 *
 * Service-filled paths generalise the controller's IgnoreLeftHandUnset on the health-check port.
 */
export const appMeshKinds = {
  Mesh: {
    nameMember: 'meshName',
    wave: 0,
    deleteWave: 12,
    quota: 'meshesPerAccount',
    serviceFilled: ['egressFilter', 'serviceDiscovery'],
  },
  VirtualNode: {
    nameMember: 'virtualNodeName',
    wave: 1,
    deleteWave: 11,
    quota: 'virtualNodesPerMesh',
    serviceFilled: [
      'listeners.*.healthCheck.port',
      'backendDefaults.clientPolicy.tls.enforce',
      'backends.*.virtualService.clientPolicy.tls.enforce',
      'serviceDiscovery.dns.responseType',
    ],
  },
  VirtualGateway: {
    nameMember: 'virtualGatewayName',
    wave: 1,
    deleteWave: 11,
    quota: 'virtualGatewaysPerMesh',
    serviceFilled: ['listeners.*.healthCheck.port', 'backendDefaults.clientPolicy.tls.enforce'],
  },
  VirtualRouter: {
    nameMember: 'virtualRouterName',
    wave: 3,
    deleteWave: 10,
    quota: 'virtualRoutersPerMesh',
    serviceFilled: [],
  },
  Route: {
    nameMember: 'routeName',
    parent: 'VirtualRouter',
    wave: 4,
    deleteWave: 9,
    quota: 'routesPerVirtualRouter',
    serviceFilled: ['priority'],
  },
  VirtualService: {
    nameMember: 'virtualServiceName',
    wave: 5,
    deleteWave: 8,
    quota: 'virtualServicesPerMesh',
    serviceFilled: [],
  },
  GatewayRoute: {
    nameMember: 'gatewayRouteName',
    parent: 'VirtualGateway',
    wave: 6,
    deleteWave: 7,
    quota: 'gatewayRoutesPerVirtualGateway',
    serviceFilled: ['priority'],
  },
} as const satisfies KindTable<MeshResourceKind, QuotaName>;

/** App Mesh kinds in dependency order. */
export const isMeshResourceKind = (kind: string): kind is MeshResourceKind =>
  Object.hasOwn(appMeshKinds, kind);

/** The wave a change of `kind` runs in. */
export const waveOf = (kind: MeshResourceKind, action: ChangeAction): number =>
  action === 'delete' ? appMeshKinds[kind].deleteWave : appMeshKinds[kind].wave;

/** Deleting the routes of a router whose listener protocol changes: before the router's update. */
export const taintedRouteWave = 2;
