/** App Mesh quotas meshcd can check from manifests alone, or from the account's usage at plan time. */
export type QuotaName =
  | 'meshesPerAccount'
  | 'virtualServicesPerMesh'
  | 'virtualNodesPerMesh'
  | 'virtualRoutersPerMesh'
  | 'routesPerVirtualRouter'
  | 'virtualGatewaysPerMesh'
  | 'gatewayRoutesPerVirtualGateway'
  | 'backendsPerVirtualNode'
  | 'weightedTargetsPerRoute'
  | 'envoysPerVirtualNode'
  | 'envoysPerVirtualGateway'
  | 'tagsPerResource';

export interface QuotaDefault {
  name: QuotaName;
  /** The quota's name in Service Quotas. */
  title: string;
  /** Service Quotas code (service `appmesh`); absent where the limit is a fixed API model limit. */
  code?: string;
  /** The documented default. */
  limit: number;
  adjustable: boolean;
  /** What the quota counts, per which parent. */
  scope: 'account' | 'mesh' | 'virtualRouter' | 'virtualGateway' | 'virtualNode' | 'route' | 'resource';
}

/** The documented App Mesh defaults (Service Quotas `appmesh`), used when the account's values are unknown. */
export const QUOTA_DEFAULTS: Readonly<Record<QuotaName, QuotaDefault>> = {
  meshesPerAccount: {
    name: 'meshesPerAccount',
    title: 'Meshes per account',
    code: 'L-AC861A39',
    limit: 15,
    adjustable: true,
    scope: 'account',
  },
  virtualServicesPerMesh: {
    name: 'virtualServicesPerMesh',
    title: 'Virtual services per mesh',
    code: 'L-DA7495A7',
    limit: 200,
    adjustable: true,
    scope: 'mesh',
  },
  virtualNodesPerMesh: {
    name: 'virtualNodesPerMesh',
    title: 'Virtual nodes per mesh',
    code: 'L-E043DFB4',
    limit: 200,
    adjustable: true,
    scope: 'mesh',
  },
  virtualRoutersPerMesh: {
    name: 'virtualRoutersPerMesh',
    title: 'Virtual routers per mesh',
    code: 'L-50F6C35A',
    limit: 200,
    adjustable: true,
    scope: 'mesh',
  },
  routesPerVirtualRouter: {
    name: 'routesPerVirtualRouter',
    title: 'Routes per virtual router',
    code: 'L-BB90B7FF',
    limit: 50,
    adjustable: true,
    scope: 'virtualRouter',
  },
  virtualGatewaysPerMesh: {
    name: 'virtualGatewaysPerMesh',
    title: 'Virtual gateways per mesh',
    code: 'L-87E74146',
    limit: 3,
    adjustable: true,
    scope: 'mesh',
  },
  gatewayRoutesPerVirtualGateway: {
    name: 'gatewayRoutesPerVirtualGateway',
    title: 'Gateway routes per virtual gateway',
    code: 'L-F6F26D09',
    limit: 10,
    adjustable: true,
    scope: 'virtualGateway',
  },
  backendsPerVirtualNode: {
    name: 'backendsPerVirtualNode',
    title: 'Backends per virtual node',
    code: 'L-8775AB18',
    limit: 50,
    adjustable: true,
    scope: 'virtualNode',
  },
  weightedTargetsPerRoute: {
    name: 'weightedTargetsPerRoute',
    title: 'Weighted targets per route',
    code: 'L-AE1D9567',
    limit: 10,
    adjustable: false,
    scope: 'route',
  },
  envoysPerVirtualNode: {
    name: 'envoysPerVirtualNode',
    title: 'Connected Envoy processes per virtual node',
    code: 'L-606A910B',
    limit: 50,
    adjustable: true,
    scope: 'virtualNode',
  },
  envoysPerVirtualGateway: {
    name: 'envoysPerVirtualGateway',
    title: 'Connected Envoy processes per virtual gateway',
    code: 'L-33E8F9C9',
    limit: 50,
    adjustable: true,
    scope: 'virtualGateway',
  },
  tagsPerResource: {
    name: 'tagsPerResource',
    title: 'Tags per resource',
    limit: 50,
    adjustable: false,
    scope: 'resource',
  },
};

/** Limits in force: the defaults, overridden by whatever the account's Service Quotas say. */
export type QuotaLimits = Readonly<Record<QuotaName, number>>;

export function defaultQuotaLimits(overrides: Partial<Record<QuotaName, number>> = {}): QuotaLimits {
  const limits = {} as Record<QuotaName, number>;
  for (const q of Object.values(QUOTA_DEFAULTS)) limits[q.name] = overrides[q.name] ?? q.limit;
  return limits;
}
