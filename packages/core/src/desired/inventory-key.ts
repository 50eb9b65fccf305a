import type { MeshResourceKind } from './desired-state.ts';

/** Inventory keys, as DESIGN.md fixes them; the reconcile engine and the state store index by these. */
export function meshResourceKey(
  mesh: string,
  kind: Exclude<MeshResourceKind, 'Route' | 'GatewayRoute'>,
  name: string,
): string {
  return kind === 'Mesh' ? `appmesh:${mesh}/Mesh/${mesh}` : `appmesh:${mesh}/${kind}/${name}`;
}

export const routeKey = (mesh: string, router: string, route: string): string =>
  `appmesh:${mesh}/VirtualRouter/${router}/Route/${route}`;

export const gatewayRouteKey = (mesh: string, gateway: string, name: string): string =>
  `appmesh:${mesh}/VirtualGateway/${gateway}/GatewayRoute/${name}`;

/** `kube:<namespace>/<group>/<Kind>/<name>`: empty namespace for cluster-scoped objects, empty group for core. */
export const kubeKey = (namespace: string | undefined, group: string, kind: string, name: string): string =>
  `kube:${namespace ?? ''}/${group}/${kind}/${name}`;
