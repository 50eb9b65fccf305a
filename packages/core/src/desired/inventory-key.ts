import { meshResourceKey } from '../observe/mesh-resource-key.ts';

/**
 * Inventory keys, as DESIGN.md fixes them. App Mesh keys come from the one `meshResourceKey` the observe and plan
 * steps use too, so desired and observed resources always meet under the same key.
 */
export const meshKey = (mesh: string): string =>
  meshResourceKey({ kind: 'Mesh', meshName: mesh, name: mesh });

export const memberKey = (
  mesh: string,
  kind: 'VirtualNode' | 'VirtualRouter' | 'VirtualService' | 'VirtualGateway',
  name: string,
): string => meshResourceKey({ kind, meshName: mesh, name });

export const routeKey = (mesh: string, router: string, route: string): string =>
  meshResourceKey({ kind: 'Route', meshName: mesh, name: route, virtualRouterName: router });

export const gatewayRouteKey = (mesh: string, gateway: string, name: string): string =>
  meshResourceKey({ kind: 'GatewayRoute', meshName: mesh, name, virtualGatewayName: gateway });

/** `kube:<namespace>/<group>/<Kind>/<name>`: empty namespace for cluster-scoped objects, empty group for core. */
export const kubeKey = (namespace: string | undefined, group: string, kind: string, name: string): string =>
  `kube:${namespace ?? ''}/${group}/${kind}/${name}`;
