import { meshResourceKey } from '../appmesh/appmesh-key.ts';
import { formatKey, type KubeKey, parseKey } from '../provider/resource-key.ts';

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
  formatKey({ provider: 'kube', namespace: namespace ?? '', group, kind, name });

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → the core group ''). */
const apiGroupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

/** The key of a cluster object; `namespace` stands in for an object that names none. */
export const kubeKeyOf = (
  o: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } },
  namespace = '',
): string => kubeKey(o.metadata.namespace ?? namespace, apiGroupOf(o.apiVersion), o.kind, o.metadata.name);

/** The cluster object a `kube:` key names, or undefined for another provider's key. */
export function parseKubeKey(text: string): KubeKey | undefined {
  const key = parseKey(text);
  return key?.provider === 'kube' ? key : undefined;
}
