import type { AppMeshErrorType } from './errors.ts';

/** Service quotas (specs/appmesh-api.md §12). Every one is adjustable per emulator so tests can reach it cheaply. */
export interface AppMeshQuotas {
  meshesPerAccount: number;
  virtualServicesPerMesh: number;
  virtualNodesPerMesh: number;
  virtualRoutersPerMesh: number;
  routesPerVirtualRouter: number;
  virtualGatewaysPerMesh: number;
  gatewayRoutesPerVirtualGateway: number;
  backendsPerVirtualNode: number;
  tagsPerResource: number;
}

export const defaultQuotas: Readonly<AppMeshQuotas> = {
  meshesPerAccount: 15,
  virtualServicesPerMesh: 200,
  virtualNodesPerMesh: 200,
  virtualRoutersPerMesh: 200,
  routesPerVirtualRouter: 50,
  virtualGatewaysPerMesh: 3,
  gatewayRoutesPerVirtualGateway: 10,
  backendsPerVirtualNode: 50,
  tagsPerResource: 50,
};

/** Behaviours no source settles (§14): each has the assumed default and can be switched. */
export interface AppMeshBehaviours {
  /** §14.1: the error for a duplicate name on Create. */
  duplicateNameError: Extract<AppMeshErrorType, 'ConflictException' | 'BadRequestException'>;
  /** §14.2: check that virtual service providers and gateway-route targets exist. */
  checkProviderExistence: boolean;
  /** §14.3: an Update that changes nothing still bumps the version. */
  bumpVersionOnNoopUpdate: boolean;
  /** §14.4: UpdateMesh without a spec replaces it with `{}` ('replace') or keeps the old one ('keep'). */
  updateMeshWithoutSpec: 'replace' | 'keep';
  /** §14.6: the answer to modifying another account's resource. */
  crossAccountDenial: Extract<AppMeshErrorType, 'ForbiddenException' | 'NotFoundException'>;
  /** §14.6: the answer to a `meshOwner` naming a mesh not shared with the caller. */
  unsharedMeshError: Extract<AppMeshErrorType, 'ForbiddenException' | 'NotFoundException'>;
  /** §14.7: virtual gateways (and their routes) block DeleteMesh. */
  gatewaysBlockMeshDelete: boolean;
  /** §14.11: a child Delete bumps the version in its response. */
  deleteBumpsVersion: boolean;
}

export const defaultBehaviours: Readonly<AppMeshBehaviours> = {
  duplicateNameError: 'ConflictException',
  checkProviderExistence: true,
  bumpVersionOnNoopUpdate: true,
  updateMeshWithoutSpec: 'replace',
  crossAccountDenial: 'ForbiddenException',
  unsharedMeshError: 'NotFoundException',
  gatewaysBlockMeshDelete: true,
  deleteBumpsVersion: false,
};

/** What the service needs besides its state: where it is, a clock, an id source and the tunables. */
export interface AppMeshServiceConfig {
  region: string;
  quotas: AppMeshQuotas;
  behaviours: AppMeshBehaviours;
  /** Epoch seconds. */
  now: () => number;
  newUid: () => string;
}
